#!/usr/bin/env bash
# Platform workflow: the installed Deskside service (systemd, launchd or WinSW) enrolls with the loopback
# server within a few minutes, and `deskside-agent ticket` delivers a ticket through it.
#
#   bash scripts/platform/check-service.sh <agent data dir>
# Needs TICKET_SUBJECT in the environment; runs the agent with sudo where the data dir is root's.
set -euo pipefail
data_dir=${1:?usage: check-service.sh <agent data dir>}
: "${TICKET_SUBJECT:?TICKET_SUBJECT must be set}"

case "$(uname -s)" in
  Linux | Darwin) agent=(sudo deskside-agent) ;;
  *)
    # Windows (Git Bash): the MSI put resources\bin on the system PATH, which this shell predates.
    agent=(deskside-agent.cmd)
    PATH="$PATH:$(cygpath -u "$PROGRAMFILES")/Deskside/resources/bin"
    ;;
esac

# Enrollment happens on the service's first run; the first check-in can take a few minutes on a busy runner.
for attempt in $(seq 1 60); do
  if "${agent[@]}" --data-dir "$data_dir" status; then
    echo "enrolled after $attempt check(s)"
    break
  fi
  if [ "$attempt" -eq 60 ]; then
    echo "the service did not enroll within 5 minutes" >&2
    exit 1
  fi
  sleep 5
done

# Exit 0: delivered to the server now (75 would mean only queued).
"${agent[@]}" --data-dir "$data_dir" ticket --subject "$TICKET_SUBJECT" \
  --description "Filed by the platform workflow through the installed service." --no-diagnostics
