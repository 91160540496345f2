#!/usr/bin/env bash
# Installs the Debian packages the tests use, skipping those already present.
set -euo pipefail
# fonts-wqy-microhei: Chinese glyphs in Chromium's screenshots (the console and tray are checked in zh-CN too).
wanted=(chromium postgresql nsis shellcheck fonts-wqy-microhei dovecot-imapd slapd ldap-utils squid)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "already installed: ${wanted[*]}"
  exit 0
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
