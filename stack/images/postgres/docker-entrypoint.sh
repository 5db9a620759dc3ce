#!/bin/bash
# What the official postgres image's entry point does for this project: on the first start (empty PGDATA) create
# the cluster with POSTGRES_USER as superuser and POSTGRES_PASSWORD, allow password (SCRAM) logins from the network,
# create POSTGRES_DB; then run the server as the postgres user, listening on every address.
set -euo pipefail
if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
    user=${POSTGRES_USER:-postgres}
    db=${POSTGRES_DB:-$user}
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
    chown postgres "$pwfile"
    setpriv --reuid=postgres --regid=postgres --init-groups \
      initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm -f "$pwfile"
    echo 'host all all all scram-sha-256' >> "$PGDATA/pg_hba.conf"
    if [ "$db" != postgres ]; then
      setpriv --reuid=postgres --regid=postgres --init-groups postgres --single -D "$PGDATA" postgres <<< "CREATE DATABASE \"$db\";" >/dev/null
    fi
    echo "PostgreSQL init process complete; ready for start up."
  fi
  shift
  exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -c listen_addresses='*' "$@"
fi
exec "$@"
