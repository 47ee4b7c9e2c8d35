#!/usr/bin/env python3
# Test: grades interop-linux.sh captures with tshark: handshake, options, FINs, RSTs, bytes
# SPDX-License-Identifier: GPL-2.0-only
"""Grades the runs of test/interop-linux.sh from its Linux-side capture, with tshark.

  interop-grade.py PCAP CASES --ft IP --lx IP

One tshark pass reads the whole capture; each run has its own server port. CASES has one
line per run, tab-separated: name, port, seconds, the expectations below as options
(--initiator ft|lx ...), and the failures the script found in the applications' results
(';'-separated). Each run gets a PASS or FAIL line.

Always checked (tshark validates every TCP and IP checksum):
  * no bad TCP or IP checksum;
  * the handshake: SYN from the initiator, SYN-ACK, then the initiator's ACK
    (with --refused: the SYN is answered by RST|ACK acknowledging it, RFC 9293 §3.10.7.1);
  * FullTcp's SYN (or SYN-ACK) carries the MSS option (RFC 9293 §3.7.1, RFC 6691);
  * FullTcp uses only the options Linux negotiated: no timestamps without Linux's TS option,
    no SACK-permitted or SACK blocks without Linux's SACK-permitted, no window scale in its
    SYN-ACK without Linux's (RFC 7323 §1.3, §3.2; RFC 2018 §2); its SYN-ACK echoes Linux's
    TSval (RFC 7323 §3.2);
  * no tcp.analysis error: retransmission, out-of-order, lost or unseen segment, zero window;
  * RSTs only from the side --rst names;
  * payload bytes per direction as given; unless a side resets, one FIN each way and each
    FIN is ACKed; --fin-first says whose FIN comes first and --data-after-fin that the other
    side still sends payload after it (a half-close).
A run whose FullTcp received fewer segments (--ft-in-segs, fulltcp-emu's TCP-MIB tcpInSegs)
than the capture shows Linux sending lost them on the emulation path after the capture (the
veth, the kernel's queue to the packet socket, the ns-3 router): that run, and only that one,
is graded as --lossy-path grades, and says path_lost=N. Seen once in the ordinary build: a
segment captured on Linux's veth that FullTcp never received, its duplicate ACKs, Linux's
fast retransmission. A FullTcp that drops a segment it received still fails: it counted the
segment in tcpInSegs. Likewise a run where FullTcp D-SACKed (RFC 2883) every segment Linux
sent again received each original after its repeat: the path after the capture delayed them
(seen once: five segments, D-SACKed 10 ms later), and the run says path_reordered=N.
With --lossy-path (the sanitizer build: test/interop-linux.sh passes it there), frames lost
between the capture and FullTcp are expected. AddressSanitizer slows the real-time ns-3
process enough that the kernel drops frames its packet socket has not read yet, and TCP
recovers them. Retransmissions, out-of-order segments and segments not captured are then
counted (recovered=N), not failures; payload bytes are each direction's stream length, not
the sum of the segments. Every other check stays.
Exit status 0 when every run passed, 1 otherwise.
"""

import argparse
import collections
import shlex
import subprocess
import sys

FIELDS = [
    "frame.number", "ip.src", "tcp.srcport", "tcp.flags.syn", "tcp.flags.ack",
    "tcp.flags.fin", "tcp.flags.reset", "tcp.seq", "tcp.ack", "tcp.len",
    "tcp.checksum.status", "ip.checksum.status", "tcp.option_kind",
    "tcp.options.timestamp.tsval", "tcp.options.timestamp.tsecr", "_ws.expert.message",
    "tcp.checksum", "tcp.checksum_calculated", "tcp.options.sack_le", "tcp.options.sack_re",
]
# Expert messages that fail a run (Wireshark 4.0 wording); "Duplicate ACK" and "window full"
# are informational (a window-limited bulk transfer shows them) and only counted.
ERRORS = ["retransmission", "out-of-order", "not captured", "zero window", "Bad checksum"]
# The ones a loss and its recovery explain (--lossy-path).
RECOVERY = ["retransmission", "out-of-order", "not captured"]
MSS, WSCALE, SACK_PERM, SACK, TIMESTAMP = "2", "3", "4", "5", "8"
BAD = "0"  # tcp.checksum.status / ip.checksum.status: 0 Bad, 1 Good, 2 Unverified


def read_capture(pcap, ports):
    """The TCP frames of the capture, per server port (one of ports)."""
    cmd = ["tshark", "-r", pcap, "-n", "-o", "tcp.check_checksum:TRUE",
           "-o", "ip.check_checksum:TRUE", "-o", "tcp.relative_sequence_numbers:TRUE",
           # Reassembly is not needed, and on some 10 MB pattern streams it made tshark take
           # minutes instead of a second (Wireshark 4.0).
           "-o", "tcp.desegment_tcp_streams:FALSE",
           "-Y", "tcp", "-T", "fields", "-E", "separator=\t",
           "-E", "occurrence=a", "-E", "aggregator=|", "-e", "tcp.dstport"]
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    Frame = collections.namedtuple("Frame", [f.replace(".", "_").lstrip("_") for f in FIELDS])
    frames = collections.defaultdict(list)
    for line in out.splitlines():
        values = line.split("\t")
        values += [""] * (len(FIELDS) + 1 - len(values))
        frame = Frame(*values[1:])
        port = int(frame.tcp_srcport) if int(frame.tcp_srcport) in ports else int(values[0])
        frames[port].append(frame)
    return frames


def reordered_after_capture(frames, side):
    """How many of Linux's repeated segments FullTcp reported as received twice (RFC 2883
    D-SACK), when that covers every segment Linux sent again; 0 otherwise.

    Each such original reached FullTcp after its repeat: the path after the capture delayed
    it (seen once in the ordinary build: five segments, D-SACKed 10 ms later). A FullTcp that
    discarded an original it received would take only the repeat and D-SACK nothing."""
    repeats = [(num(f.tcp_seq), num(f.tcp_seq) + num(f.tcp_len)) for f in frames
               if side(f) == "lx" and num(f.tcp_len) > 0 and any(
                   e in f.ws_expert_message.lower() for e in ("retransmission", "out-of-order"))]
    dsacked = []
    for f in frames:
        if side(f) == "ft" and "d-sack" in f.ws_expert_message.lower() and f.tcp_options_sack_le:
            # The first SACK block is the D-SACK one (RFC 2883 §4).
            dsacked.append((num(f.tcp_options_sack_le.split("|")[0]),
                            num(f.tcp_options_sack_re.split("|")[0])))
    covered = lambda r: any(le <= r[0] and r[1] <= re for le, re in dsacked)
    return len(repeats) if repeats and all(covered(r) for r in repeats) else 0


def ones_complement_zero(frame):
    """0xffff and 0x0000 are the two one's-complement zeros: a checksum field of either is
    correct when the other is expected (RFC 1624 §3; the receiver's sum is all ones for both).
    Linux sends 0xffff now and then; Wireshark 4.0 calls that bad."""
    pair = {frame.tcp_checksum.lower(), frame.tcp_checksum_calculated.lower()}
    return pair == {"0xffff", "0x0000"}


def flag(value):
    return value in ("1", "True")


def num(value):
    return int(value.split("|")[0]) if value else 0


def grade(args, frames):
    problems = []
    if not frames:
        return ["no TCP frame on port %d" % args.port], {}
    side = lambda f: "ft" if f.ip_src == args.ft else "lx"
    other = {"ft": "lx", "lx": "ft"}
    responder = other[args.initiator]

    bad_tcp = sum(f.tcp_checksum_status == BAD and not ones_complement_zero(f) for f in frames)
    bad_ip = sum(f.ip_checksum_status == BAD for f in frames)
    if bad_tcp or bad_ip:
        problems.append("bad checksums: tcp %d ip %d of %d" % (bad_tcp, bad_ip, len(frames)))

    syns = [f for f in frames if flag(f.tcp_flags_syn)]
    syn = next((f for f in syns if side(f) == args.initiator and not flag(f.tcp_flags_ack)), None)
    synack = next((f for f in syns if side(f) == responder and flag(f.tcp_flags_ack)), None)
    if syn is None:
        problems.append("no SYN from %s" % args.initiator)
    if args.refused:
        rst = next((f for f in frames if side(f) == responder and flag(f.tcp_flags_reset)), None)
        if rst is None or not flag(rst.tcp_flags_ack) or num(rst.tcp_ack) != 1:
            problems.append("the SYN was not answered by RST|ACK with ACK = SYN + 1")
        if synack is not None:
            problems.append("SYN-ACK from the closed port")
    else:
        if synack is None:
            problems.append("no SYN-ACK from %s" % responder)
        elif not any(side(f) == args.initiator and flag(f.tcp_flags_ack) and
                     not flag(f.tcp_flags_syn) and num(f.frame_number) > num(synack.frame_number)
                     for f in frames):
            problems.append("handshake: no ACK of the SYN-ACK")

    # Options: MSS on FullTcp's SYN; nothing Linux did not offer.
    ft_syn = syn if args.initiator == "ft" else synack
    lx_syn = synack if args.initiator == "ft" else syn
    kinds = lambda f: f.tcp_option_kind.split("|") if f else []
    if ft_syn is not None and MSS not in kinds(ft_syn):
        problems.append("FullTcp's SYN has no MSS option")
    if lx_syn is not None:
        ft_after = [f for f in frames if side(f) == "ft" and f is not syn]
        if TIMESTAMP not in kinds(lx_syn) and any(TIMESTAMP in kinds(f) for f in ft_after):
            problems.append("FullTcp sends timestamps Linux did not negotiate")
        if SACK_PERM not in kinds(lx_syn) and any(
                SACK_PERM in kinds(f) or SACK in kinds(f) for f in ft_after):
            problems.append("FullTcp sends SACK options Linux did not negotiate")
        if args.initiator == "lx" and synack is not None:
            if WSCALE not in kinds(lx_syn) and WSCALE in kinds(synack):
                problems.append("FullTcp's SYN-ACK has a window scale Linux did not offer")
            if TIMESTAMP in kinds(lx_syn) and TIMESTAMP in kinds(synack) and \
                    num(synack.tcp_options_timestamp_tsecr) != num(lx_syn.tcp_options_timestamp_tsval):
                problems.append("FullTcp's SYN-ACK does not echo Linux's TSval")

    # Frames lost after the capture, before FullTcp (see the module's doc): this run then
    # expects recovery, as --lossy-path does.
    path_lost = 0
    if args.ft_in_segs is not None:
        path_lost = max(0, sum(side(f) == "lx" for f in frames) - args.ft_in_segs)
    path_reordered = reordered_after_capture(frames, side)
    lossy = args.lossy_path or path_lost > 0 or path_reordered > 0

    expert = collections.Counter()
    recovered = 0
    for f in frames:
        for msg in filter(None, f.ws_expert_message.split("|")):
            for e in ERRORS:
                if e == "Bad checksum" and ones_complement_zero(f):
                    continue
                if e.lower() in msg.lower():
                    if lossy and e in RECOVERY:
                        recovered += 1
                    else:
                        expert[msg.split(" (")[0]] += 1
    if expert:
        problems.append("tcp.analysis: " + ", ".join("%s x%d" % kv for kv in expert.items()))

    rsts = collections.Counter(side(f) for f in frames if flag(f.tcp_flags_reset))
    allowed = {args.rst} if args.rst != "none" else set()
    if args.refused:
        allowed = {responder}
    for s, n in rsts.items():
        if s not in allowed:
            problems.append("unexpected RST from %s (x%d)" % (s, n))
    for s in allowed:
        if rsts[s] == 0:
            problems.append("no RST from %s" % s)

    payload = collections.Counter()
    for f in frames:
        if lossy:
            # The stream's length: where its last payload byte ends (relative sequence
            # numbers: the first byte is 1).
            if num(f.tcp_len) > 0:
                payload[side(f)] = max(payload[side(f)], num(f.tcp_seq) + num(f.tcp_len) - 1)
        else:
            payload[side(f)] += num(f.tcp_len)
    for s, want in (("lx", args.lx_bytes), ("ft", args.ft_bytes)):
        if want is not None and payload[s] != want:
            problems.append("%s sent %d payload bytes, expected %d" % (s, payload[s], want))

    fins = {s: [f for f in frames if side(f) == s and flag(f.tcp_flags_fin)] for s in other}
    if not args.refused and args.rst == "none":
        for s in other:
            if len(fins[s]) != 1:
                problems.append("%s sent %d FINs, expected 1" % (s, len(fins[s])))
                continue
            fin = fins[s][0]
            fin_end = num(fin.tcp_seq) + num(fin.tcp_len) + 1
            if not any(side(f) == other[s] and num(f.tcp_ack) >= fin_end and
                       num(f.frame_number) > num(fin.frame_number) for f in frames):
                problems.append("%s's FIN is never ACKed" % s)
        if all(len(fins[s]) == 1 for s in other) and args.fin_first:
            first, second = args.fin_first, other[args.fin_first]
            fin_no = num(fins[first][0].frame_number)
            if num(fins[second][0].frame_number) < fin_no:
                problems.append("%s's FIN came first, expected %s's" % (second, first))
            if args.data_after_fin and not any(
                    side(f) == second and num(f.tcp_len) > 0 and num(f.frame_number) > fin_no
                    for f in frames):
                problems.append("%s sent no payload after %s's FIN (no half-close)"
                                % (second, first))
    if args.rst != "none" and fins[args.rst]:
        problems.append("%s sent a FIN but should have reset" % args.rst)

    summary = {
        "frames": len(frames), "csum_bad": bad_tcp + bad_ip,
        "bytes_lx": payload["lx"], "bytes_ft": payload["ft"],
        "fin_lx": len(fins["lx"]), "fin_ft": len(fins["ft"]),
        "rst_lx": rsts["lx"], "rst_ft": rsts["ft"],
        "ft_syn_opts": ",".join(kinds(ft_syn)), "lx_syn_opts": ",".join(kinds(lx_syn)),
    }
    if lossy:
        summary["recovered"] = recovered
    if path_lost:
        summary["path_lost"] = path_lost
    if path_reordered:
        summary["path_reordered"] = path_reordered
    return problems, summary


def case_parser():
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--initiator", choices=["ft", "lx"], required=True)
    ap.add_argument("--lx-bytes", type=int, help="payload bytes Linux sends")
    ap.add_argument("--ft-bytes", type=int, help="payload bytes FullTcp sends")
    ap.add_argument("--rst", choices=["none", "ft", "lx"], default="none",
                    help="the side that resets the connection")
    ap.add_argument("--refused", action="store_true", help="the SYN goes to a closed port")
    ap.add_argument("--fin-first", choices=["ft", "lx"])
    ap.add_argument("--data-after-fin", action="store_true")
    ap.add_argument("--ft-in-segs", type=int,
                    help="segments the FullTcp node received (fulltcp-emu's in_segs)")
    return ap


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pcap")
    ap.add_argument("cases")
    ap.add_argument("--ft", required=True, help="FullTcp's address")
    ap.add_argument("--lx", required=True, help="Linux's address")
    ap.add_argument("--lossy-path", action="store_true",
                    help="frames may be lost before FullTcp (see above)")
    args = ap.parse_args(argv[1:])
    cases = []
    with open(args.cases) as f:
        for line in f:
            name, port, secs, options, failures = line.rstrip("\n").split("\t")
            case = case_parser().parse_args(shlex.split(options))
            case.port, case.ft, case.lx = int(port), args.ft, args.lx
            case.lossy_path = args.lossy_path
            cases.append((name, secs, case, [x for x in failures.split(";") if x]))
    frames = read_capture(args.pcap, {c.port for _, _, c, _ in cases})
    failed = 0
    for name, secs, case, problems in cases:
        capture, summary = grade(case, frames.get(case.port, []))
        problems += ["capture: " + p for p in capture]
        failed += bool(problems)
        print("%s %-26s %4s s  %s" % ("FAIL" if problems else "PASS", name, secs,
                                       " ".join("%s=%s" % kv for kv in summary.items())))
        for p in problems:
            print("     " + p)
    print("interop-linux: %d passed, %d failed" % (len(cases) - failed, failed))
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
