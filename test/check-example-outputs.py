#! /usr/bin/env python3
# FullTcp: run one example and check what it wrote (the examples' smoke tests in CTest).
#
#   check-example-outputs.py --outdir DIR [checks...] -- EXAMPLE [ARGS...]
#
# The example runs with --outDir=DIR appended (DIR is emptied first) and must exit with 0.
# Then every file it wrote in DIR is checked by kind:
#   *.pcap  tshark with IP and TCP checksum validation on: at least one frame, every TCP
#           checksum good, no bad IP checksum, nothing malformed;
#   *.csv   a state log: header exactly `time,node,local,remote,from,to,cause`, and every row
#           seven fields: a time, a node id, two addr:port, two state names, a cause;
#   *.svg   well-formed XML whose root is <svg>;
#   *-cwnd.csv (kind "cwnd") a cwnd trace: header exactly `time,tcp,cwnd`, every row a time, a
#           TCP's name and a window in bytes, and every TCP named at least once with a window;
#   *-congestion-*.csv (kind "congestion") a congestion log (FullTcpCongestionLog): its exact
#           header, and every row a time, numbers, a congestion state and an event.
# and the options add:
#   --need KIND         at least one file of that kind (pcap, csv, svg, txt, cwnd) was written;
#   --transition F>T    some row of the state logs goes from state F to state T;
#   --sequence N:S,S..  the first connection of node N (listeners, whose remote port is 0,
#                       excluded) went through exactly these states, in this order;
#   --frames FILTER:N   exactly N frames of the pcaps match the tshark display FILTER;
#   --stdout TEXT       the example printed TEXT;
#   --stdout-re REGEX   a line the example printed matches REGEX (re.search, multiline);
#   --svg-class CLS     some SVG draws an element of class CLS (e.g. a time-sequence graph's
#                       "probe", "lost" or "undo" marks, which are drawn only when they happened);
#   --event NAME        some congestion log has a row with event NAME (e.g. tlp_retransmit);
#   --in-cwd            the example has no --outDir option: it runs in DIR and writes there.
# The folder the example prints at the end must be DIR (unless --in-cwd). Without tshark the pcap checks fail
# unless FULLTCP_ALLOW_NO_TSHARK is set (`make test` installs tshark).
import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

STATES = {"CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK",
          "FIN_WAIT_1", "FIN_WAIT_2", "CLOSING", "TIME_WAIT"}
HEADER = ["time", "node", "local", "remote", "from", "to", "cause"]
ENDPOINT = re.compile(r"^(\d+\.\d+\.\d+\.\d+|\[[0-9a-fA-F:.]+\]):\d+$")

errors = []


def fail(msg):
    errors.append(msg)


def tshark_count(pcap, display_filter):
    out = subprocess.run(["tshark", "-n", "-r", pcap, "-o", "tcp.check_checksum:TRUE",
                          "-o", "ip.check_checksum:TRUE", "-Y", display_filter],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        fail(f"{pcap}: tshark failed: {out.stderr.strip()}")
    return len([line for line in out.stdout.splitlines() if line.strip()])


def check_pcap(path):
    if shutil.which("tshark") is None:
        if not os.environ.get("FULLTCP_ALLOW_NO_TSHARK"):
            fail(f"{path}: tshark is required (apt-get install tshark)")
        return
    frames = tshark_count(path, "frame")
    if frames == 0:
        fail(f"{path}: no frames")
    for what, flt in (("bad TCP checksums", "tcp.checksum.status == 0"),
                      ("bad IP checksums", "ip.checksum.status == 0"),
                      ("malformed frames", "_ws.malformed")):
        n = tshark_count(path, flt)
        if n:
            fail(f"{path}: {n} {what}")
    tcp = tshark_count(path, "tcp")
    good = tshark_count(path, "tcp.checksum.status == 1")
    if good != tcp:
        fail(f"{path}: {tcp} TCP segments but {good} with a verified checksum")
    print(f"{path}: {frames} frames, {tcp} TCP segments, checksums good")


def check_csv(path, rows_out):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != HEADER:
        fail(f"{path}: header is {rows[0] if rows else 'missing'}, not {','.join(HEADER)}")
        return
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != 7:
            fail(f"{path}:{i}: {len(row)} fields")
            continue
        t, node, local, remote, frm, to, cause = row
        try:
            float(t)
        except ValueError:
            fail(f"{path}:{i}: time {t!r}")
        if not node.isdigit():
            fail(f"{path}:{i}: node {node!r}")
        for ep in (local, remote):
            if not ENDPOINT.match(ep):
                fail(f"{path}:{i}: endpoint {ep!r} is not addr:port")
        for s in (frm, to):
            if s not in STATES:
                fail(f"{path}:{i}: state {s!r}")
        if not re.match(r"^[A-Z_0-9]+$", cause):
            fail(f"{path}:{i}: cause {cause!r}")
        rows_out.append(row)
    print(f"{path}: {len(rows) - 1} transitions")


def check_cwnd_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != ["time", "tcp", "cwnd"]:
        fail(f"{path}: header is {rows[0] if rows else 'missing'}, not time,tcp,cwnd")
        return
    stacks = {}
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != 3 or not row[2].isdigit():
            fail(f"{path}:{i}: not time,tcp,cwnd: {row}")
            continue
        try:
            float(row[0])
        except ValueError:
            fail(f"{path}:{i}: time {row[0]!r}")
        stacks[row[1]] = stacks.get(row[1], 0) + 1
    if len(stacks) < 2:
        fail(f"{path}: cwnd of {sorted(stacks)} only, not of both TCPs")
    print(f"{path}: cwnd samples {stacks}")


CONGESTION_HEADER = ("time,cwnd,ssthresh,bytes_in_flight,srtt_ms,rttvar_ms,rto_ms,min_rtt_ms,"
                     "pacing_rate_bps,reo_wnd_ms,cong_state,event,detail").split(",")
CONG_STATES = {"Open", "Disorder", "CWR", "Recovery", "Loss"}


def check_congestion_csv(path, events_out):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != CONGESTION_HEADER:
        fail(f"{path}: header is {rows[0] if rows else 'missing'}, not the congestion log's")
        return
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != len(CONGESTION_HEADER):
            fail(f"{path}:{i}: {len(row)} fields")
            continue
        try:
            [float(v) for v in row[:10]]
        except ValueError:
            fail(f"{path}:{i}: a value is not a number: {row[:10]}")
        if row[10] not in CONG_STATES:
            fail(f"{path}:{i}: congestion state {row[10]!r}")
        if row[11]:
            events_out.add(row[11])
    print(f"{path}: {len(rows) - 1} rows")


def check_svg(path, classes_out):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        fail(f"{path}: not well-formed XML: {e}")
        return
    if not root.tag.endswith("svg"):
        fail(f"{path}: root element is {root.tag}")
    for element in root.iter():
        classes_out.update(element.get("class", "").split())


def connection_states(rows, node):
    """States of node's first connection (not a listener), in order."""
    first = None
    states = []
    for _, n, local, remote, frm, to, _ in rows:
        if n != node or remote.endswith(":0"):
            continue
        if first is None:
            first = (local, remote)
            states.append(frm)
        if (local, remote) == first:
            states.append(to)
    return states


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--outdir", required=True)
    ap.add_argument("--need", action="append", default=[])
    ap.add_argument("--transition", action="append", default=[])
    ap.add_argument("--sequence", action="append", default=[])
    ap.add_argument("--frames", action="append", default=[])
    ap.add_argument("--stdout", action="append", default=[])
    ap.add_argument("--stdout-re", action="append", default=[],
                    help="a regular expression a line of stdout must match (re.search)")
    ap.add_argument("--svg-class", action="append", default=[])
    ap.add_argument("--event", action="append", default=[])
    ap.add_argument("--in-cwd", action="store_true")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = [c for c in args.command if c != "--"]
    if not command:
        ap.error("no example to run")

    shutil.rmtree(args.outdir, ignore_errors=True)
    if args.in_cwd:
        os.makedirs(args.outdir)
    else:
        command.append(f"--outDir={args.outdir}")
    run = subprocess.run(command, capture_output=True, text=True, check=False,
                         cwd=args.outdir if args.in_cwd else None)
    sys.stdout.write(run.stdout)
    sys.stderr.write(run.stderr)
    if run.returncode != 0:
        print(f"FAIL: {' '.join(command)} exited with {run.returncode}")
        return 1
    if not args.in_cwd and f"Outputs in {args.outdir}" not in run.stdout:
        fail(f"the example did not print its output folder ({args.outdir})")
    for text in args.stdout:
        if text not in run.stdout:
            fail(f"the example did not print {text!r}")
    for pattern in args.stdout_re:
        if not re.search(pattern, run.stdout, re.MULTILINE):
            fail(f"no line of the example's output matches {pattern!r}")

    files = sorted(os.listdir(args.outdir)) if os.path.isdir(args.outdir) else []
    kinds = {}
    rows = []
    svg_classes = set()
    events = set()
    for name in files:
        path = os.path.join(args.outdir, name)
        kind = "cwnd" if name.endswith("-cwnd.csv") else name.rsplit(".", 1)[-1]
        if kind == "csv" and "-congestion-" in name:
            kind = "congestion"
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind == "congestion":
            check_congestion_csv(path, events)
        elif kind == "cwnd":
            check_cwnd_csv(path)
        elif kind == "pcap":
            check_pcap(path)
        elif kind == "csv":
            check_csv(path, rows)
        elif kind == "svg":
            check_svg(path, svg_classes)
    for kind in args.need:
        if not kinds.get(kind):
            fail(f"no .{kind} file in {args.outdir}")
    for cls in args.svg_class:
        if cls not in svg_classes:
            fail(f"no SVG draws an element of class {cls!r}")
    for event in args.event:
        if event not in events:
            fail(f"no congestion log row has the event {event!r}")
    for t in args.transition:
        frm, to = t.split(">")
        if not any(r[4] == frm and r[5] == to for r in rows):
            fail(f"no transition {frm} -> {to} in the state log")
    for s in args.sequence:
        node, expected = s.split(":")
        got = connection_states(rows, node)
        if got != expected.split(","):
            fail(f"node {node}: states {','.join(got)}, expected {expected}")

    pcaps = [os.path.join(args.outdir, f) for f in files if f.endswith(".pcap")]
    for spec in args.frames:
        flt, n = spec.rsplit(":", 1)
        got = sum(tshark_count(p, flt) for p in pcaps)
        if got != int(n):
            fail(f"{got} frames match {flt!r}, expected {n}")

    for e in errors:
        print("FAIL:", e)
    print(f"{len(files)} files checked in {args.outdir}: {kinds}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
