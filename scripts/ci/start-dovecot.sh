#!/usr/bin/env bash
# Starts a Dovecot IMAP server of its own on loopback for the server's mail tests and prints an IMAP
# URL (imap://USER:PASSWORD@127.0.0.1:PORT). Idempotent: a running instance is reused. Plain-text
# login over loopback only, one passwd-file user, mail in a folder under $DESKSIDE_DOVECOT_DIR
# (default /tmp/deskside-dovecot). It does not touch the system's Dovecot configuration or service.
set -euo pipefail
dir=${DESKSIDE_DOVECOT_DIR:-/tmp/deskside-dovecot}
port=${DESKSIDE_DOVECOT_PORT:-10143}
user=deskside
password=deskside-mail-test
conf="$dir/dovecot.conf"
url="imap://$user:$password@127.0.0.1:$port"

if [ -f "$dir/run/master.pid" ] && kill -0 "$(cat "$dir/run/master.pid")" 2>/dev/null; then
  echo "$url"
  exit 0
fi
command -v dovecot >/dev/null || { echo "dovecot is not installed (Debian package dovecot-imapd)" >&2; exit 1; }

mkdir -p "$dir/run" "$dir/mail"
# Dovecot refuses to deliver mail as root: as root the mail belongs to the unprivileged dovecot
# account the package creates; otherwise to whoever runs this.
if [ "$(id -u)" -eq 0 ]; then
  mail_user=dovecot
  login_user=dovenull
  internal_user=dovecot
else
  mail_user=$(id -un)
  login_user=$mail_user
  internal_user=$mail_user
fi
mail_uid=$(id -u "$mail_user")
mail_gid=$(id -g "$mail_user")
chown -R "$mail_uid:$mail_gid" "$dir/mail"
printf '%s:{PLAIN}%s:%s:%s::%s/mail\n' "$user" "$password" "$mail_uid" "$mail_gid" "$dir" > "$dir/users"
chmod 644 "$dir/users"

cat > "$conf" <<CONF
base_dir = $dir/run
state_dir = $dir/state
instance_name = deskside-test
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = $login_user
default_internal_user = $internal_user
first_valid_uid = 1
mail_location = maildir:$dir/mail/%u
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
passdb {
  driver = passwd-file
  args = scheme=PLAIN $dir/users
}
userdb {
  driver = passwd-file
  args = $dir/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
protocol imap {
  mail_max_userip_connections = 100
}
CONF
mkdir -p "$dir/state"
dovecot -c "$conf"
for _ in $(seq 1 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "$url"
    exit 0
  fi
  sleep 0.2
done
echo "Dovecot did not start listening on 127.0.0.1:$port; see $dir/dovecot.log" >&2
exit 1
