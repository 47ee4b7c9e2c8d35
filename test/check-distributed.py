#! /usr/bin/env python3
# Test: sequential vs 2-rank MPI fulltcp-distributed runs give identical flows, states, pcaps
# SPDX-License-Identifier: GPL-2.0-only
"""The distributed run must be the same experiment as the sequential one (issue 10).

Runs examples/fulltcp-distributed twice: once in one process on ns-3's default simulator, once
split across 2 MPI ranks (`mpirun -np 2 ... --distributed`), then requires identical results:

  flows      every endpoint's bytes read by its application (flows-rank*.txt), each endpoint
             reported by exactly one rank, and every flow complete;
  states     every connection's state changes (states-rank*.csv): the same times, states and
             causes, in the same order, each node logged by exactly one rank;
  pcaps      every pcap the sequential run wrote (all devices of both routers, the boundary
             link included): the same frames, byte for byte, with the same timestamps, in the
             same order, except that frames of the very same instant may be in another order
             (below); the boundary link must carry TCP segments in both directions.

Frames of one instant: ns-3's distributed engine schedules a packet's arrival from the other
rank when the message arrives, so among events at the identical nanosecond it can run after an
event the sequential run ran after it (the sequential run orders such ties by when they were
scheduled). At a router, an arrival from the boundary and one from a host at the same
nanosecond are then logged in the other order. Nothing else can differ: in this topology
they go to different output queues. The count of such instants is reported.

  check-distributed.py --outdir DIR --mpiexec MPIEXEC [--nullmsg] -- EXAMPLE [ARGS...]

--perturb ARG gives ARG to the distributed run only and then requires the comparison to FAIL
with a mismatch that matches --expect REGEX (the check's own control: a different experiment
must not pass as the same one, and must be caught where it differs, not by an accident).

--min-retransmissions N requires at least N retransmitted data segments on the boundary link
(a TCP segment whose flow and sequence number crossed it before): the losses the experiment
is meant to include happened.

Open MPI runs as root only with --allow-run-as-root, and 2 ranks on fewer slots only with
--oversubscribe: both are added when needed. Exit 0 and one summary line when identical.
Python 3 standard library only.
"""

import argparse
import collections
import csv
import glob
import os
import re
import shutil
import struct
import subprocess
import sys

BOUNDARY_PCAPS = ["fulltcp-distributed-0-0.pcap", "fulltcp-distributed-1-0.pcap"]


class Mismatch(Exception):
    pass


def run(cmd, env=None):
    print("+ " + " ".join(cmd), flush=True)
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1200)
    sys.stdout.write(out.stdout)
    sys.stderr.write(out.stderr)
    if out.returncode != 0:
        raise Mismatch("exit code %d: %s" % (out.returncode, " ".join(cmd)))
    return out.stdout


def mpiexec_command(mpiexec):
    cmd = [mpiexec, "-np", "2"]
    version = subprocess.run([mpiexec, "--version"], capture_output=True, text=True).stdout
    if "Open MPI" in version or "OpenRTE" in version:
        cmd.append("--oversubscribe")  # 2 ranks even where fewer slots are detected
        if os.geteuid() == 0:
            cmd.append("--allow-run-as-root")
    return cmd


def total_line(stdout):
    lines = [line for line in stdout.splitlines() if line.startswith("total: ")]
    if len(lines) != 1:
        raise Mismatch("expected one 'total:' line, got %d" % len(lines))
    # Without the trailing "(sequential)" / "(2 ranks, ...)".
    return lines[0].rsplit(" (", 1)[0]


def read_flows(folder):
    """(flow, role) -> (node, expected, received); each endpoint from exactly one rank."""
    endpoints = {}
    for path in sorted(glob.glob(os.path.join(folder, "flows-rank*.txt"))):
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                key = (int(row["flow"]), row["role"])
                if key in endpoints:
                    raise Mismatch("%s: flow %d %s reported by two ranks" % (path, *key))
                endpoints[key] = (row["node"], int(row["expected"]), int(row["received"]))
    if not endpoints:
        raise Mismatch("%s: no flows-rank*.txt" % folder)
    return endpoints


def read_states(folder):
    """(node, local, remote) -> [(time, from, to, cause), ...] in log order."""
    connections = collections.defaultdict(list)
    node_rank = {}
    for path in sorted(glob.glob(os.path.join(folder, "states-rank*.csv"))):
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                if node_rank.setdefault(row["node"], path) != path:
                    raise Mismatch("node %s logged by %s and %s" % (row["node"], node_rank[row["node"]], path))
                key = (int(row["node"]), row["local"], row["remote"])
                connections[key].append((row["time"], row["from"], row["to"], row["cause"]))
    if not connections:
        raise Mismatch("%s: no state changes logged" % folder)
    return connections


def pcap_records(path):
    """[(ts_sec, ts_usec, bytes)] of a pcap file."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        raise Mismatch("%s: not a pcap file" % path)
    endian = "<" if data[:4] == b"\xd4\xc3\xb2\xa1" else ">"
    records, off = [], 24
    while off + 16 <= len(data):
        sec, usec, incl, _ = struct.unpack(endian + "IIII", data[off:off + 16])
        records.append((sec, usec, data[off + 16:off + 16 + incl]))
        off += 16 + incl
    return records


def instants(records, canonical=True):
    """[(ts_sec, ts_usec, [frame, ...])]: the records grouped by timestamp, each group's frames
    sorted when canonical (the order of frames of one instant is not part of the experiment)."""
    groups = []
    for sec, usec, frame in records:
        if groups and groups[-1][:2] == (sec, usec):
            groups[-1][2].append(frame)
        else:
            groups.append((sec, usec, [frame]))
    return [(sec, usec, sorted(frames) if canonical else frames) for sec, usec, frames in groups]


def describe(groups, i):
    if i >= len(groups):
        return "nothing (ended)"
    sec, usec, frames = groups[i]
    return "%d frames at %d.%06d s" % (len(frames), sec, usec)


def tcp_directions(path):
    """Counter of (src, dst) over the TCP segments of a point-to-point (PPP) pcap."""
    directions = collections.Counter()
    for _, _, frame in pcap_records(path):
        # PPP header (2 bytes, 0x0021 = IPv4), then IPv4 with protocol 6 = TCP.
        if frame[:2] == b"\x00\x21" and len(frame) >= 22 and frame[2 + 9] == 6:
            directions[(".".join(map(str, frame[14:18])), ".".join(map(str, frame[18:22])))] += 1
    return directions


def retransmissions(path):
    """Data segments of a PPP pcap whose (addresses, ports, sequence number) came before."""
    seen, again = set(), 0
    for _, _, frame in pcap_records(path):
        if frame[:2] != b"\x00\x21" or len(frame) < 22 or frame[2 + 9] != 6:
            continue
        ip = frame[2:]
        ihl = (ip[0] & 0x0F) * 4
        total = struct.unpack(">H", ip[2:4])[0]
        tcp = ip[ihl:]
        if len(tcp) < 20:
            continue
        payload = total - ihl - (tcp[12] >> 4) * 4
        if payload <= 0:
            continue
        key = (ip[12:20], tcp[0:4], tcp[4:8])
        again += key in seen
        seen.add(key)
    return again


def compare(seq, dist, min_retransmissions=0):
    summary = []
    # Flows.
    a, b = read_flows(seq), read_flows(dist)
    if a != b:
        diff = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
        raise Mismatch("flows differ at %s: sequential %s, distributed %s"
                       % (diff[0], a.get(diff[0]), b.get(diff[0])))
    incomplete = [k for k, (_, expected, received) in a.items() if received != expected]
    if incomplete:
        raise Mismatch("endpoints not complete: %s" % incomplete[:5])
    summary.append("%d endpoints, %d bytes" % (len(a), sum(v[2] for v in a.values())))

    # State changes.
    a, b = read_states(seq), read_states(dist)
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            sa, sb = a.get(key, []), b.get(key, [])
            i = next((i for i, (x, y) in enumerate(zip(sa, sb)) if x != y), min(len(sa), len(sb)))
            raise Mismatch("connection %s: state change %d differs: sequential %s, distributed %s"
                           % (key, i, sa[i] if i < len(sa) else None, sb[i] if i < len(sb) else None))
    transitions = {(f, t) for rows in a.values() for _, f, t, _ in rows}
    for need in [("FIN_WAIT_1", "FIN_WAIT_2"), ("CLOSE_WAIT", "LAST_ACK"),
                 ("FIN_WAIT_2", "TIME_WAIT"), ("TIME_WAIT", "CLOSED")]:
        if need not in transitions:
            raise Mismatch("no connection went %s -> %s: the experiment lost its half-closes "
                           "or TIME_WAIT" % need)
    summary.append("%d connections, %d state changes"
                   % (len(a), sum(len(rows) for rows in a.values())))

    # Pcaps.
    names = sorted(os.path.basename(p) for p in glob.glob(os.path.join(seq, "*.pcap")))
    other = sorted(os.path.basename(p) for p in glob.glob(os.path.join(dist, "*.pcap")))
    if names != other:
        raise Mismatch("pcap files differ: sequential %s, distributed %s" % (names, other))
    for name in BOUNDARY_PCAPS:
        if name not in names:
            raise Mismatch("%s: the boundary link's pcap is missing" % name)
    frames = reordered = 0
    for name in names:
        ra, rb = pcap_records(os.path.join(seq, name)), pcap_records(os.path.join(dist, name))
        if ra != rb:
            ia, ib = instants(ra), instants(rb)
            if ia != ib:
                i = next((i for i, (x, y) in enumerate(zip(ia, ib)) if x != y),
                         min(len(ia), len(ib)))
                raise Mismatch("%s: instant %d differs (sequential %d records, distributed "
                               "%d): sequential %s, distributed %s"
                               % (name, i, len(ra), len(rb), describe(ia, i), describe(ib, i)))
            reordered += sum(1 for x, y in zip(instants(ra, False), instants(rb, False)) if x != y)
        frames += len(ra)
    boundary = tcp_directions(os.path.join(seq, BOUNDARY_PCAPS[0]))
    left_to_right = sum(n for (s, _), n in boundary.items() if s.startswith("10.1."))
    right_to_left = sum(n for (s, _), n in boundary.items() if s.startswith("10.2."))
    if left_to_right == 0 or right_to_left == 0:
        raise Mismatch("the boundary link carried %d segments left to right and %d right to "
                       "left: both must be crossed" % (left_to_right, right_to_left))
    again = sum(retransmissions(os.path.join(seq, name)) for name in BOUNDARY_PCAPS)
    if again < min_retransmissions:
        raise Mismatch("the boundary link carried %d retransmitted data segments, fewer than %d: "
                       "the experiment lost its losses" % (again, min_retransmissions))
    summary.append("%d pcaps, %d frames (boundary: %d segments left to right, %d right to "
                   "left, %d of them retransmissions; %d instants with frames in another order)"
                   % (len(names), frames, left_to_right, right_to_left, again, reordered))
    return summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--outdir", required=True)
    ap.add_argument("--mpiexec", required=True)
    ap.add_argument("--nullmsg", action="store_true")
    ap.add_argument("--perturb", metavar="ARG",
                    help="an option for the distributed run only; the runs must then differ")
    ap.add_argument("--expect", metavar="REGEX",
                    help="with --perturb: the mismatch the comparison must report")
    ap.add_argument("--min-retransmissions", type=int, default=0, metavar="N")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        ap.error("no example to run")

    seq, dist = os.path.join(args.outdir, "sequential"), os.path.join(args.outdir, "distributed")
    for d in (seq, dist):
        shutil.rmtree(d, ignore_errors=True)
    env = dict(os.environ)
    # Containers often forbid the cross-memory attach Open MPI's shared-memory transport tries.
    env.setdefault("OMPI_MCA_btl_vader_single_copy_mechanism", "none")
    try:
        out_seq = run(command + ["--outDir=" + seq])
        extra = ["--distributed"] + (["--nullmsg"] if args.nullmsg else [])
        extra += [args.perturb] if args.perturb else []
        out_dist = run(mpiexec_command(args.mpiexec) + command + extra + ["--outDir=" + dist],
                       env=env)
        if total_line(out_seq) != total_line(out_dist):
            raise Mismatch("totals differ: '%s' vs '%s'" % (total_line(out_seq), total_line(out_dist)))
        if "2 ranks" not in out_dist or "rank 1 of 2" not in out_dist:
            raise Mismatch("the distributed run did not run on 2 ranks")
    except (Mismatch, subprocess.TimeoutExpired) as e:
        print("FAIL: %s" % e, file=sys.stderr)
        return 1
    try:
        summary = compare(seq, dist, args.min_retransmissions)
    except Mismatch as e:
        if args.perturb and re.search(args.expect or "(?!)", str(e)):
            print("the runs differ, as they must with %s: %s" % (args.perturb, e))
            return 0
        if args.perturb:
            print("FAIL: %s made the runs differ, but not as expected (%s): %s"
                  % (args.perturb, args.expect, e), file=sys.stderr)
            return 1
        print("FAIL: %s" % e, file=sys.stderr)
        return 1
    if args.perturb:
        print("FAIL: %s changed the experiment, yet the runs compared identical" % args.perturb,
              file=sys.stderr)
        return 1
    print("sequential and 2-rank runs identical: " + "; ".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
