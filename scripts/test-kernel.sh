#!/usr/bin/env bash
# `make test-kernel`: every test/scripts/linux-*.pkt against the real Linux kernel (packetdrill)
#
# A linux-*.pkt claims to describe Linux; FullTcp's Linux profile runs it in `make test`. This
# checks the claim where it can be checked: each script runs under Google's packetdrill
# against the kernel of this machine, as root, each in a network namespace of its own
# (`unshare -n`), so that the script's `sysctl` lines change that namespace only.
#
# packetdrill is not part of the project: $PACKETDRILL, else ../shared/tools/packetdrill next to
# the repository. Fails (never skips) when it is missing, when not root, or when a script fails.
#
#   PACKETDRILL   the packetdrill binary
#   SCRIPTS       the scripts (default: test/scripts/linux-*.pkt)
#   PACKETDRILL_ARGS  more packetdrill options (e.g. --verbose)
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
packetdrill=${PACKETDRILL:-$root/../shared/tools/packetdrill}

if [ "$(id -u)" -ne 0 ]; then
    echo "test-kernel: packetdrill needs root (and unshare -n); run as root" >&2
    exit 1
fi
if [ ! -x "$packetdrill" ]; then
    echo "test-kernel: no packetdrill at $packetdrill (set PACKETDRILL)" >&2
    exit 1
fi
for tool in unshare ip; do
    if ! command -v "$tool" >/dev/null; then
        echo "test-kernel: $tool is missing" >&2
        exit 1
    fi
done

# shellcheck disable=SC2206
scripts=(${SCRIPTS:-$root/test/scripts/linux-*.pkt})
if [ "${#scripts[@]}" -eq 0 ] || [ ! -e "${scripts[0]}" ]; then
    echo "test-kernel: no scripts" >&2
    exit 1
fi

echo "test-kernel: $(uname -sr), $packetdrill"
failed=()
for script in "${scripts[@]}"; do
    name=$(basename "$script")
    # packetdrill resolves nothing relative to the script; run it from the script's folder.
    if out=$(cd "$(dirname "$script")" &&
        unshare -n sh -c 'ip link set lo up && exec "$0" "$@"' \
            "$packetdrill" ${PACKETDRILL_ARGS:-} "$name" 2>&1); then
        echo "PASS $name"
    else
        echo "FAIL $name"
        printf '%s\n' "$out" | sed 's/^/    /'
        failed+=("$name")
    fi
done

if [ "${#failed[@]}" -ne 0 ]; then
    echo "test-kernel: ${#failed[@]} of ${#scripts[@]} failed: ${failed[*]}" >&2
    exit 1
fi
echo "test-kernel: all ${#scripts[@]} passed"
