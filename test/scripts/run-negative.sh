#!/bin/sh
# Test: runs a script that must fail and checks its exit status and message
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs a script that must NOT pass and checks how it fails: the script names the exit status
# it must cause (`// expect-exit: N`) and a text its message must contain
# (`// expect-message: TEXT`), so a wrong segment must fail with exit 1 and a clear diff and
# a syntax error with exit 2.
#
# Usage: run-negative.sh FULLTCP_SCRIPT_PROGRAM SCRIPT.pkt
program=$1
script=$2
want_exit=$(sed -n 's|^// expect-exit: *||p' "$script")
want_text=$(sed -n 's|^// expect-message: *||p' "$script")
if [ -z "$want_exit" ] || [ -z "$want_text" ]; then
    echo "$script: no '// expect-exit:' or '// expect-message:' line" >&2
    exit 1
fi
out=$("$program" "$script" 2>&1)
status=$?
echo "$out"
if [ "$status" -ne "$want_exit" ]; then
    echo "run-negative: exit status $status, expected $want_exit" >&2
    exit 1
fi
case "$out" in
*"$want_text"*) ;;
*)
    echo "run-negative: the output lacks: $want_text" >&2
    exit 1
    ;;
esac
echo "run-negative: failed as expected (exit $status)"
