#!/usr/bin/env bash
# Runs a command (Keycloak's kc.sh, PostgreSQL) and ends it when the process that started it is gone, so a crashed
# or killed parent (a test runner, `npm start`) never leaves a JVM or a database server behind.
# Usage: supervise.sh <parent-pid> <command> [args...]
# SUPERVISE_STOP_SIGNAL (default TERM) is what asks the command to stop: PostgreSQL wants INT (fast shutdown),
# since its TERM waits for every client to disconnect.
set -u
parent=$1
shift
stop_signal=${SUPERVISE_STOP_SIGNAL:-TERM}
"$@" &
child=$!
trap 'kill -"$stop_signal" "$child" 2>/dev/null' TERM INT HUP
while kill -0 "$child" 2>/dev/null; do
  if ! kill -0 "$parent" 2>/dev/null; then
    kill -"$stop_signal" "$child" 2>/dev/null
    break
  fi
  sleep 1
done
# `wait` returns early when a trapped signal arrives: keep waiting until the command has really finished.
status=0
while kill -0 "$child" 2>/dev/null; do
  wait "$child"
  status=$?
done
exit "$status"
