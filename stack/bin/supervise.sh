#!/usr/bin/env bash
# Runs a command (Keycloak's kc.sh) and ends it when the process that started it is gone, so a crashed
# or killed parent (a test runner, `npm start`) never leaves a JVM behind.
# Usage: supervise.sh <parent-pid> <command> [args...]
set -u
parent=$1
shift
"$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
while kill -0 "$child" 2>/dev/null; do
  if ! kill -0 "$parent" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null
    break
  fi
  sleep 1
done
# `wait` returns early when a trapped signal arrives: keep waiting until the JVM has really finished.
status=0
while kill -0 "$child" 2>/dev/null; do
  wait "$child"
  status=$?
done
exit "$status"
