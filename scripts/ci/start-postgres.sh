#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster on loopback and prints a URL for the server's test suite.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
cluster=main
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version $cluster$"; then
  pg_createcluster "$version" "$cluster" >&2
fi
pg_ctlcluster "$version" "$cluster" start >&2 2>/dev/null || true
port=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $3}')
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port"
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='deskside'\"" | grep -q 1 \
  || su postgres -c "psql -q -p $port -c \"CREATE ROLE deskside LOGIN PASSWORD 'deskside' CREATEDB\"" >&2
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname='deskside_test'\"" | grep -q 1 \
  || su postgres -c "psql -q -p $port -c \"CREATE DATABASE deskside_test OWNER deskside\"" >&2
echo "postgres://deskside:deskside@127.0.0.1:$port/deskside_test"
