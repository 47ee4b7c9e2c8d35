#!/usr/bin/env bash
# Runs a command and fails if it changed the system's apt configuration (/etc/apt) in any way
#
#   scripts/check-etc-apt-unchanged.sh COMMAND [ARG...]
#
# FullTcp's targets install packages (apt-get install) and fetch Debian source packages, and
# must do both without touching /etc/apt: a build once added a source entry there that broke
# every later `apt-get update` (issue 16). .ci/run runs each make target through this check;
# CTest `etc-apt-unchanged` shows that it catches a change (on a scratch folder, via
# FULLTCP_ETC_APT). Exit status: the command's when nothing changed, 3 when /etc/apt changed.
set -euo pipefail

watched="${FULLTCP_ETC_APT:-/etc/apt}"

# Every entry's type, mode and path (a symlink's target too), then every file's checksum.
fingerprint() {
  (cd "$watched" && find . -printf '%y %m %p -> %l\n' | LC_ALL=C sort &&
    find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}

before="$(fingerprint)"
status=0
"$@" || status=$?
after="$(fingerprint)"
if [ "$before" != "$after" ]; then
  echo "check-etc-apt-unchanged: '$*' changed $watched:" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 3
fi
exit "$status"
