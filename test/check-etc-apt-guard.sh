#!/usr/bin/env bash
# Self-test of scripts/check-etc-apt-unchanged.sh: on a scratch copy of an apt folder, a
# command that changes nothing passes through with its own status, and each kind of change
# (a file's content, a new file, a removed file, a mode) makes the guard fail with status 3.
set -uo pipefail
guard="$1/scripts/check-etc-apt-unchanged.sh"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export FULLTCP_ETC_APT="$scratch/apt"
failures=0

reset() {
  rm -rf "$FULLTCP_ETC_APT"
  mkdir -p "$FULLTCP_ETC_APT/sources.list.d"
  echo "Types: deb" >"$FULLTCP_ETC_APT/sources.list.d/debian.sources"
}
expect() { # expect STATUS DESCRIPTION COMMAND...
  local want="$1" what="$2"
  shift 2
  reset
  "$guard" "$@" 2>/dev/null
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $what: status $got, expected $want"
    failures=$((failures + 1))
  else
    echo "ok: $what (status $got)"
  fi
}

expect 0 "nothing changed" true
expect 1 "nothing changed, the command's own failure is kept" false
expect 3 "a file's content changed" sh -c "echo x >>'$FULLTCP_ETC_APT/sources.list.d/debian.sources'"
expect 3 "a file was added" sh -c "echo deb-src >'$FULLTCP_ETC_APT/sources.list.d/fulltcp-deb-src.list'"
expect 3 "a file was removed" rm "$FULLTCP_ETC_APT/sources.list.d/debian.sources"
expect 3 "a mode changed" chmod 600 "$FULLTCP_ETC_APT/sources.list.d/debian.sources"
exit $((failures > 0))
