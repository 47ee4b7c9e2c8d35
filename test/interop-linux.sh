#!/usr/bin/env bash
# Test: FullTcp vs Linux kernel TCP in two namespaces over veth, captured and graded
# SPDX-License-Identifier: GPL-2.0-only
#
# FullTcp against Linux's kernel TCP, in real time (doc/interop.rst, "Talking to real stacks").
#
#   test/interop-linux.sh BUILD_DIR [CASE_REGEX]
#
# Creates two network namespaces joined by a veth pair; examples/fulltcp-emu runs in one
# (its ns-3 router owns the veth end through a PF_PACKET socket, the FullTcp node sits 5 ms
# behind it), python3 sockets, nc and curl run in the other. dumpcap captures every run on
# the Linux side and test/interop-grade.py grades it with tshark; the applications' byte
# counts and CRC-32s are compared end to end. Exit 0 when every case passed, 1 otherwise,
# 77 (CTest SKIP_RETURN_CODE) with the reason when namespaces or veth cannot be created
# (1 when CI=true: in CI nothing skips). Namespaces an earlier killed run left are removed first.
# Captures and logs stay in BUILD_DIR/interop-linux/. The namespaces go in every case (trap).
# FULLTCP_INTEROP_LOSSY_PATH=1 (CTest sets it in the sanitizer build) grades with --lossy-path:
# there the slowed ns-3 process can miss frames, and TCP's recovery of them is no failure.
set -u

BUILD=$(cd "${1:?usage: interop-linux.sh BUILD_DIR [CASE_REGEX]}" && pwd)
ONLY=${2:-.}
HERE=$(cd "$(dirname "$0")" && pwd)
EMU=$BUILD/examples/fulltcp-emu
PEER="python3 $HERE/interop-peer.py"
GRADE="python3 $HERE/interop-grade.py"
if [ "${FULLTCP_INTEROP_LOSSY_PATH:-0}" = 1 ]; then GRADE="$GRADE --lossy-path"; fi
OUT=$BUILD/interop-linux
SKIP=77

LX=ftlx$$          # namespace of the Linux peer (veth end vlx, 10.77.0.1)
SIM=ftsim$$        # namespace of the ns-3 process (veth end vsim, no address)
LX_IP=10.77.0.1
ROUTER_IP=10.77.0.2
FT_IP=10.77.100.2  # the FullTcp node, behind the ns-3 router

# In CI (CI=true) nothing may skip silently: a reason to skip is a failure there.
skip() {
  if [ "${CI:-}" = true ]; then
    echo "interop-linux: FAILED (CI=true, no skipping): $*" >&2
    exit 1
  fi
  echo "interop-linux: SKIPPED: $*"
  exit $SKIP
}

if [ "$(id -u)" -ne 0 ]; then
  skip "not root: network namespaces, veth pairs and the emulator's raw socket need root" \
       "(CAP_SYS_ADMIN, CAP_NET_ADMIN, CAP_NET_RAW); run it as root or through sudo"
fi
[ -x "$EMU" ] || { echo "interop-linux: $EMU not built" >&2; exit 1; }

# Tools. tshark comes with scripts/install-deps.sh; the peers' tools are installed here when
# missing (Debian 12 package names), and the script says so.
need=()
command -v tshark >/dev/null || need+=(tshark)
command -v ethtool >/dev/null || need+=(ethtool)
command -v curl >/dev/null || need+=(curl)
command -v nc.openbsd >/dev/null || need+=(netcat-openbsd) # -N and -d: the OpenBSD nc
if [ ${#need[@]} -gt 0 ]; then
  echo "interop-linux: installing ${need[*]} with apt-get (needed by the Linux-side peers)"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"; } \
      >"${TMPDIR:-/tmp}/interop-linux-apt.log" 2>&1; then
    echo "interop-linux: apt-get install ${need[*]} failed:" >&2
    tail -5 "${TMPDIR:-/tmp}/interop-linux-apt.log" >&2
    exit 1
  fi
fi
NC=$(command -v nc.openbsd)

cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done
  ip netns del "$LX" 2>/dev/null
  ip netns del "$SIM" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# ---------------------------------------------------------------- namespaces and veth
# A run killed before its trap ran (SIGKILL, a CTest timeout) left its namespaces behind:
# remove those whose process is gone.
for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^ft(lx|sim)[0-9]+$'); do
  pid=${ns#ftlx}; pid=${pid#ftsim}
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "interop-linux: removing namespace $ns left by an earlier run (process $pid is gone)"
    ip netns del "$ns" 2>/dev/null
  fi
done
if ! err=$(ip netns add "$LX" 2>&1) || ! err=$(ip netns add "$SIM" 2>&1); then
  skip "cannot create network namespaces: $err"
fi
if ! err=$(ip link add vlx netns "$LX" type veth peer name vsim netns "$SIM" 2>&1); then
  skip "cannot create a veth pair (no veth support in this kernel?): $err"
fi
set -e
for ns in "$LX" "$SIM"; do ip -n "$ns" link set lo up; done
ip netns exec "$LX" sysctl -qw net.ipv6.conf.vlx.disable_ipv6=1 # no RS/NS/MLD noise
ip netns exec "$SIM" sysctl -qw net.ipv6.conf.vsim.disable_ipv6=1
ip -n "$LX" addr add $LX_IP/24 dev vlx
# With tx checksum offload the kernel leaves a partial checksum in the frame, which ns-3's
# raw socket then sees as bad (emulation.md §5.3); segmentation offloads would hand it
# frames above the MTU.
ip netns exec "$LX" ethtool -K vlx tx off tso off gso off gro off >/dev/null
ip netns exec "$SIM" ethtool -K vsim tx off tso off gso off gro off >/dev/null
ip -n "$SIM" link set vsim promisc on # the ns-3 router's MAC is not the veth's
ip -n "$LX" link set vlx up
ip -n "$SIM" link set vsim up
ip -n "$LX" route add 10.77.100.0/24 via $ROUTER_IP
set +e
rm -rf "$OUT"
mkdir -p "$OUT"

# ---------------------------------------------------------------- one run
# A case: begin NAME (false when CASE_REGEX leaves it out), start_emu and the Linux side
# (linux / linux_bg), checks of the applications' results (expect_eq), then finish
# GRADE_ARGS, which queues the capture checks (test/interop-grade.py) for the end.
port=5000
pids=()
CASES=$OUT/cases.tsv
: >"$CASES"

begin() {
  NAME=$1
  port=$((port + 1))
  case_fail=()
  START=$(date +%s%N)
  [[ $NAME =~ $ONLY ]] || return 1
  ip -n "$LX" neigh flush dev vlx
  echo "interop-linux: $NAME (port $port)"
}
fail() { case_fail+=("$*"); }
expect_eq() { [ "$2" = "$3" ] || fail "$1: $2, expected $3"; }

# field FILE KEY: a key=value field of a result line (fulltcp-emu's RESULT, the peers' line).
field() { sed -n "s/^\(RESULT\)\{0,1\}.*\<$2=\([^ ]*\).*/\2/p" "$1" 2>/dev/null | tail -1; }
ft_result() { field "$OUT/$NAME.ns3.log" "$1"; }
lx_result() { field "$OUT/$NAME.lx.log" "$1"; }
# The CRC-32 of N pattern bytes, for the sizes used.
declare -A CRC
while read -r n crc; do CRC[$n]=$crc; done < <($PEER expect 65536 1048576 10485760)
file_digest() {
  $PEER digest "$1" >"$OUT/digest.txt" 2>&1
  echo "$(field "$OUT/digest.txt" file_bytes) $(field "$OUT/digest.txt" file_crc)"
}

# One dumpcap for the whole suite; "Capturing on" comes a few ms before frames really do
# (emulation.md §5.7), so wait a little more or the first handshake is missed.
ip netns exec "$LX" dumpcap -q -i vlx -f tcp -w "$OUT/interop.pcapng" 2>"$OUT/dumpcap.log" &
cap_pid=$!
pids+=("$cap_pid")
for _ in $(seq 100); do grep -q "Capturing on" "$OUT/dumpcap.log" && break; sleep 0.05; done
sleep 0.3

# start_emu ARGS...: fulltcp-emu in its namespace (it stops by itself); waits for READY.
start_emu() {
  ip netns exec "$SIM" timeout 40 "$EMU" --dev=vsim --routerIp=$ROUTER_IP --ip=$FT_IP \
    --peer=$LX_IP --port=$port "$@" >"$OUT/$NAME.ns3.log" 2>&1 &
  emu_pid=$!
  pids+=("$emu_pid")
  # Up to 10 s: on a loaded machine the emulator can take seconds to start, and a peer that
  # starts before it answers ARP fails with EHOSTUNREACH instead of testing anything.
  for _ in $(seq 500); do grep -qs READY "$OUT/$NAME.ns3.log" && break; sleep 0.02; done
  grep -qs READY "$OUT/$NAME.ns3.log" || fail "fulltcp-emu did not start within 10 s"
}

# linux CMD...: a Linux client, to its end; linux_bg CMD...: a Linux server, until it listens.
# "@PORT" in CMD stands for the case's port.
with_port() {
  cmd=()
  for a in "$@"; do cmd+=("${a//@PORT/$port}"); done
}
linux() {
  with_port "$@"
  ip netns exec "$LX" timeout 30 "${cmd[@]}" >"$OUT/$NAME.lx.log" 2>&1 || fail "linux peer: status $?"
}
linux_bg() {
  with_port "$@"
  ip netns exec "$LX" timeout 30 "${cmd[@]}" >"$OUT/$NAME.lx.log" 2>&1 &
  lx_pid=$!
  pids+=("$lx_pid")
  for _ in $(seq 100); do
    ip netns exec "$LX" ss -Hltn "sport = :$port" | grep -q . && break
    sleep 0.02
  done
}
wait_linux() { wait "$lx_pid" || fail "linux peer: status $?"; }
wait_emu() {
  wait "$emu_pid" || fail "fulltcp-emu: status $? ($(tail -1 "$OUT/$NAME.ns3.log"))"
  grep -q '^RESULT' "$OUT/$NAME.ns3.log" || fail "fulltcp-emu printed no RESULT"
}

# finish GRADE_ARGS...: queue the capture checks and what the applications' results showed.
finish() {
  local secs failures in_segs
  secs=$(( ($(date +%s%N) - START) / 100000000 ))
  failures=$(printf '%s;' "${case_fail[@]}")
  # What reached FullTcp, for the grader to tell frames lost on the emulation path after the
  # capture from a FullTcp that ignores segments it received.
  in_segs=$(ft_result in_segs)
  printf '%s\t%s\t%s\t%s\t%s\n' "$NAME" "$port" "$((secs / 10)).$((secs % 10))" \
    "$* ${in_segs:+--ft-in-segs $in_segs}" "${failures%;}" >>"$CASES"
}

# ---------------------------------------------------------------- the cases
echo "interop-linux: FullTcp $FT_IP (5 ms behind the ns-3 router $ROUTER_IP) <-> Linux $LX_IP"
suite_start=$(date +%s)
declare -A LABEL=([65536]=64K [1048576]=1M [10485760]=10M)
M=1048576

# Linux client -> FullTcp server: sends N, shuts down writing, FullTcp closes after it.
lx2ft_sink() { # NAME N LINUX_COMMAND...
  local n=$2
  begin "$1" || return 0
  shift 2
  start_emu --role=server --app=sink
  linux "$@"
  wait_emu
  expect_eq "FullTcp read" "$(ft_result rx_bytes) $(ft_result rx_crc)" "$n ${CRC[$n]}"
  expect_eq "FullTcp end" "$(ft_result end)" closed
  finish --initiator lx --lx-bytes $n --ft-bytes 0 --fin-first lx
}
# FullTcp client -> Linux server: FullTcp sends N and shuts down writing, Linux closes after.
ft2lx_sink() { # NAME N OUTPUT_FILE LINUX_SERVER...
  local n=$2 file=$3
  begin "$1" || return 0
  shift 3
  linux_bg "$@"
  start_emu --role=client --bytes=$n
  wait_emu
  wait_linux
  if [ "$file" = - ]; then
    expect_eq "Linux read" "$(lx_result rx_bytes) $(lx_result rx_crc)" "$n ${CRC[$n]}"
  else
    expect_eq "Linux read" "$(file_digest "$file")" "$n ${CRC[$n]}"
  fi
  expect_eq "FullTcp end" "$(ft_result end)" closed
  finish --initiator ft --ft-bytes $n --lx-bytes 0 --fin-first ft
}

for n in 65536 1048576 10485760; do
  lx2ft_sink lx2ft-python-${LABEL[$n]} $n $PEER client $FT_IP @PORT --send $n
done
for n in 65536 1048576 10485760; do
  $PEER pattern $n "$OUT/pattern-$n"
  # -N: shut down writing at the end of the file, then read until FullTcp closes.
  lx2ft_sink lx2ft-nc-${LABEL[$n]} $n sh -c "exec $NC -N $FT_IP @PORT < $OUT/pattern-$n"
done
for n in 65536 1048576 10485760; do
  if begin lx2ft-curl-${LABEL[$n]}; then
      start_emu --role=server --app=http
    # curl counts the bytes itself (-w): the request it sent, the response header and body
    # it received. The pcap is graded against Linux's count, not FullTcp's.
    linux curl -sS --max-time 20 -o "$OUT/$NAME.body" \
      -w '%{size_request} %{size_header} %{size_download}\n' "http://$FT_IP:$port/$n"
    wait_emu
    read -r req hdr body < <(tail -1 "$OUT/$NAME.lx.log")
    expect_eq "curl body" "$(file_digest "$OUT/$NAME.body")" "$n ${CRC[$n]}"
    expect_eq "curl body size" "${body:-none}" "$n"
    expect_eq "FullTcp sent what curl received" "$(ft_result tx_bytes)" "$(( ${hdr:-0} + ${body:-0} ))"
    expect_eq "FullTcp read what curl sent" "$(ft_result rx_bytes)" "${req:-none}"
    expect_eq "FullTcp end" "$(ft_result end)" closed
    # FullTcp closes after the response (HTTP/1.0), but curl closes as soon as it has
    # Content-Length bytes, so either FIN may come first.
    finish --initiator lx --ft-bytes "$(( ${hdr:-0} + ${body:-0} ))" --lx-bytes "${req:-0}"
  fi
done
for n in 65536 1048576 10485760; do
  ft2lx_sink ft2lx-python-${LABEL[$n]} $n - $PEER server $LX_IP @PORT
done
for n in 65536 1048576 10485760; do
  # -d: nothing from stdin, so nc closes when FullTcp's FIN has arrived.
  ft2lx_sink ft2lx-nc-${LABEL[$n]} $n "$OUT/nc-$n" \
    sh -c "exec $NC -l -d $LX_IP @PORT > $OUT/nc-$n"
done

# Half-close, Linux first: Linux shuts down writing while FullTcp still sends.
if begin halfclose-lx-first-echo; then # FullTcp echoes what Linux sent after Linux's FIN
  start_emu --role=server --app=echo
  linux $PEER client $FT_IP $port --send $M
  wait_emu
  expect_eq "Linux read back" "$(lx_result rx_bytes) $(lx_result rx_crc)" "$M ${CRC[$M]}"
  expect_eq "FullTcp end" "$(ft_result end)" closed
  finish --initiator lx --lx-bytes $M --ft-bytes $M --fin-first lx --data-after-fin
fi
if begin halfclose-lx-first-client; then # Linux server shuts down at once, FullTcp sends 1 MB
  linux_bg $PEER server $LX_IP $port --shutdown-first
  start_emu --role=client --bytes=$M
  wait_emu
  wait_linux
  expect_eq "Linux read" "$(lx_result rx_bytes) $(lx_result rx_crc)" "$M ${CRC[$M]}"
  expect_eq "FullTcp end" "$(ft_result end)" closed
  finish --initiator ft --ft-bytes $M --lx-bytes 0 --fin-first lx --data-after-fin
fi
# Half-close, FullTcp first: FullTcp shuts down writing while Linux still sends.
if begin halfclose-ft-first-server; then # FIN right after the handshake, then 1 MB arrives
  start_emu --role=server --app=sink --halfClose=1
  linux $PEER client $FT_IP $port --send $M
  wait_emu
  expect_eq "FullTcp read" "$(ft_result rx_bytes) $(ft_result rx_crc)" "$M ${CRC[$M]}"
  finish --initiator lx --lx-bytes $M --ft-bytes 0 --fin-first ft --data-after-fin
fi
if begin halfclose-ft-first-client; then # FullTcp sends 64 KB and FIN, Linux answers 1 MB
  linux_bg $PEER server $LX_IP $port --send $M
  start_emu --role=client --bytes=65536
  wait_emu
  wait_linux
  expect_eq "FullTcp read" "$(ft_result rx_bytes) $(ft_result rx_crc)" "$M ${CRC[$M]}"
  expect_eq "Linux read" "$(lx_result rx_bytes)" 65536
  finish --initiator ft --ft-bytes 65536 --lx-bytes $M --fin-first ft --data-after-fin
fi

# Aborts.
if begin abort-fulltcp; then # FullTcp closes with 1 MB - 64 KB unread: RST, not FIN
  start_emu --role=server --app=sink --abortAfter=65536
  linux $PEER client $FT_IP $port --send $M
  wait_emu
  expect_eq "FullTcp read" "$(ft_result rx_bytes) $(ft_result rx_crc)" "65536 ${CRC[65536]}"
  expect_eq "FullTcp end" "$(ft_result end)" aborted
  case $(lx_result error) in ECONNRESET | EPIPE) ;; *) fail "Linux error: $(lx_result error), expected ECONNRESET" ;; esac
  finish --initiator lx --ft-bytes 0 --rst ft
fi
if begin abort-linux; then # Linux sends 64 KB, waits for its ACK, closes with SO_LINGER 0
  start_emu --role=server --app=sink
  linux $PEER client $FT_IP $port --send 65536 --abort-after-acked
  wait_emu
  expect_eq "FullTcp read" "$(ft_result rx_bytes) $(ft_result rx_crc)" "65536 ${CRC[65536]}"
  expect_eq "FullTcp end" "$(ft_result end) $(ft_result errno)" "reset 2" # ERROR_NOTCONN
  finish --initiator lx --lx-bytes 65536 --ft-bytes 0 --rst lx
fi

# Closed ports.
if begin refused-by-fulltcp; then # FullTcp listens elsewhere; Linux must get ECONNREFUSED
  # The RST comes at once; the emulator stays 4 s so that a slow start of the clock on a
  # loaded machine still leaves it time to answer ARP and the SYN.
  start_emu --role=server --port=$((port + 500)) --stopTime=4s
  linux $PEER refused $FT_IP $port
  wait_emu
  expect_eq "Linux connect" "$(lx_result error)" ECONNREFUSED
  finish --initiator lx --refused
fi
if begin refused-by-linux; then # nobody listens on Linux: FullTcp fails at the RST, at once
  start_emu --role=client --bytes=65536
  wait_emu
  expect_eq "FullTcp connect" "$(ft_result connect) $(ft_result errno)" "refused 2"
  ms=$(ft_result connect_ms)
  python3 -c "import sys; sys.exit(not float('${ms:-1e9}') < 100)" ||
    fail "refused after $ms ms, expected one RTT (10 ms)"
  finish --initiator ft --refused
fi

# Option negotiation: Linux without timestamps, SACK or window scaling, in each direction.
for opt in tcp_timestamps tcp_sack tcp_window_scaling; do
  ip netns exec "$LX" sysctl -qw net.ipv4.$opt=0
  lx2ft_sink lx2ft-no-${opt#tcp_} $M $PEER client $FT_IP @PORT --send $M
  ft2lx_sink ft2lx-no-${opt#tcp_} $M - $PEER server $LX_IP @PORT
  ip netns exec "$LX" sysctl -qw net.ipv4.$opt=1
done

sleep 0.2 # the last frames reach the capture file
kill -INT "$cap_pid" 2>/dev/null
wait "$cap_pid" 2>/dev/null
echo "interop-linux: grading $(wc -l <"$CASES") runs from $OUT/interop.pcapng"
$GRADE "$OUT/interop.pcapng" "$CASES" --ft $FT_IP --lx $LX_IP
status=$?
echo "interop-linux: $(($(date +%s) - suite_start)) s (captures and logs: $OUT)"
exit $status
