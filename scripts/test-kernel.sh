#!/usr/bin/env bash
# `make test-kernel`: every test/scripts/linux-*.pkt against the real Linux kernel (packetdrill)
#
# A linux-*.pkt claims to describe Linux; FullTcp's Linux profile runs it in `make test`. This
# checks the claim where it can be checked: each script runs under Google's packetdrill
# against the kernel of this machine, as root, each in a network namespace of its own
# (`unshare -n`), so that the script's `sysctl` lines change that namespace only.
#
# packetdrill is not part of the project: $PACKETDRILL, else ../shared/tools/packetdrill next to
# the repository. Fails when a script fails, and when packetdrill, root or unshare is missing;
# only CTest's kernel.<script> tests outside CI (FULLTCP_KERNEL_MAY_SKIP=1 and CI not "true")
# skip then instead (exit 77, with the reason), since users rarely run tests as root.
#
#   PACKETDRILL   the packetdrill binary
#   SCRIPTS       the scripts (default: test/scripts/linux-*.pkt)
#   PACKETDRILL_ARGS  more packetdrill options (e.g. --verbose)
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
packetdrill=${PACKETDRILL:-$root/../shared/tools/packetdrill}

# A missing precondition: skip (exit 77) where allowed, else fail.
unavailable() {
    if [ "${FULLTCP_KERNEL_MAY_SKIP:-}" = 1 ] && [ "${CI:-}" != true ]; then
        echo "test-kernel: SKIPPED, $1 (CI=true makes this a failure)" >&2
        exit 77
    fi
    echo "test-kernel: $1" >&2
    exit 1
}

if [ "$(id -u)" -ne 0 ]; then
    unavailable "packetdrill needs root (and unshare -n); run as root"
fi
if [ ! -x "$packetdrill" ]; then
    unavailable "no packetdrill at $packetdrill (set PACKETDRILL)"
fi
for tool in unshare ip; do
    if ! command -v "$tool" >/dev/null; then
        unavailable "$tool is missing"
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
    # shellcheck disable=SC2086
    if out=$("$root/scripts/kernel-netns-run.sh" "$packetdrill" "$script" \
        ${PACKETDRILL_ARGS:-} 2>&1); then
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
