#!/usr/bin/env bash
# One packetdrill script against the real Linux kernel, in a network namespace of its own
#
#   kernel-netns-run.sh PACKETDRILL SCRIPT.pkt [PACKETDRILL_ARGS...]
#
# Shared by scripts/test-kernel.sh (test/scripts/linux-*.pkt) and scripts/public-suite.py
# (packetdrill's gtests/net/tcp). Needs root. The script runs from its own folder, since
# packetdrill resolves nothing relative to the script and the public suite's scripts start
# with `../common/defaults.sh`; `unshare -n` gives it a fresh namespace (loopback up), so its
# sysctl lines change that namespace only. PACKETDRILL_TIMEOUT=S stops it after S seconds
# (exit status 124, as timeout(1)). The exit status is packetdrill's.
set -u
packetdrill=$1
script=$2
shift 2
limit=()
if [ -n "${PACKETDRILL_TIMEOUT:-}" ]; then
    limit=(timeout --kill-after=5 "$PACKETDRILL_TIMEOUT")
fi
cd "$(dirname "$script")" || exit 1
exec "${limit[@]}" unshare -n sh -c 'ip link set lo up && exec "$0" "$@"' \
    "$packetdrill" "$@" "$(basename "$script")"
