#!/usr/bin/env python3
# `make public-suite`: packetdrill's public TCP suite on the real kernel and on FullTcp
# SPDX-License-Identifier: GPL-2.0-only
"""Runs Google packetdrill's public TCP scripts (gtests/net/tcp, about 160 of them) twice:
against the real Linux kernel (Google's packetdrill, as root, one network namespace per script,
scripts/kernel-netns-run.sh) and against FullTcp's Linux profile (examples/fulltcp-script
--profile=linux). It prints one line per script and writes the table (script, kernel result,
FullTcp result, reason) with a summary line into doc/scripts.rst between the lines
`.. BEGIN public-suite table` and `.. END public-suite table` (doc/scripts.rst, "Google's public
TCP suite", says how to read it).

The scripts are not part of the project: SUITE is a clone of github.com/google/packetdrill (or
its gtests/net/tcp folder). Every script runs from its own folder, as the suite expects: each
starts with the backtick command `../common/defaults.sh` (relative to that folder), the sysctls
of Google's production configuration. The kernel runs use the IPv4 arguments of the suite's own
runner (gtests/net/packetdrill/run_all.py, CmdTestIPv4); FullTcp's runner takes the same
addresses by default.

--allow-cubic: defaults.sh makes cubic the namespace's congestion control; Linux lets a
namespace other than the host's choose only an algorithm of the host's
net.ipv4.tcp_allowed_congestion_control (tcp_set_default_congestion_control(), tcp_cong.c), so
where the host allows only e.g. "reno bbr" the sysctl fails (EPERM) and the scripts run with the
host's default. This option adds cubic to the host's list for the run and restores it at the
end (a host-wide change while it runs: any user may then choose cubic).

A script the kernel fails is run on it once more (timing errors on a busy machine).

Exit status: 0 when the run completed (whatever the scripts did), 1 on a missing precondition.
"""

import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN = ".. BEGIN public-suite table"
END = ".. END public-suite table"
# gtests/net/packetdrill/run_all.py, TestSet.default_args and CmdTestIPv4().
KERNEL_ARGS = ("--send_omit_free --ip_version=ipv4 --local_ip=192.168.0.1 "
               "--gateway_ip=192.168.0.1 --netmask_ip=255.255.0.0 --remote_ip=192.0.2.1 "
               "-D TFO_COOKIE=3021b9d889017eeb -D CODE=host_unreachable "
               "-D CMSG_LEVEL_IP=SOL_IP -D CMSG_TYPE_RECVERR=IP_RECVERR").split()
# The symbols (-D NAME=VALUE) of KERNEL_ARGS: FullTcp's runner takes them too.
DEFINES = [a for i, a in enumerate(KERNEL_ARGS) if a == "-D" or (i > 0 and KERNEL_ARGS[i - 1] == "-D")]
ALLOWED_CC = "/proc/sys/net/ipv4/tcp_allowed_congestion_control"


def find_scripts(suite):
    """The *.pkt files under SUITE's gtests/net/tcp (or under SUITE itself), sorted."""
    tcp = os.path.join(suite, "gtests", "net", "tcp")
    if not os.path.isdir(tcp):
        tcp = suite
    found = []
    for folder, _, files in os.walk(tcp):
        found += [os.path.join(folder, f) for f in files if f.endswith(".pkt")]
    return tcp, sorted(found)


def run(cmd, cwd, timeout, env=None):
    """Run cmd; return (status, output). status: PASS, FAIL or TIMEOUT."""
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, timeout=timeout + 10, capture_output=True,
                           text=True, errors="replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") + (e.stderr or b"").decode(errors="replace")
        return "TIMEOUT", out
    if p.returncode == 124:
        return "TIMEOUT", p.stdout + p.stderr
    return ("PASS" if p.returncode == 0 else "FAIL"), p.stderr + p.stdout


def first_error(output, name, limit=110):
    """The first line that says what went wrong, without the script's name, shortened."""
    lines = [l.strip() for l in output.splitlines() if l.strip()]
    keep = [l for l in lines if not re.search(r": note: |^(PASS|FAIL) |^sysctl: |^RTNETLINK", l)]
    picked = next((l for l in keep if re.search(r"error|fail|expected|unsupported|unknown", l,
                                                 re.IGNORECASE)), keep[0] if keep else "")
    if picked.endswith("error in Python code"):
        # The assertion that failed says more (AssertionError: 11).
        picked += ": " + next((l for l in lines if l.startswith("AssertionError")), "")
    picked = re.sub(r"^\S*" + re.escape(name) + r":(\d+:)?\s*", "", picked)
    return picked if len(picked) <= limit else picked[:limit - 3] + "..."


# What a FullTcp failure is for, ranked in the summary: (pattern on "folder/script reason", class)
# with \\1 filled from the pattern's group; the first that matches wins.
CLASSES = [
    (r"^fastopen/|'FO'|'FOEXP'|FASTOPEN", "TCP Fast Open (options FO/FOEXP, TCP_FASTOPEN)"),
    (r"parse error: unsupported TCP option '(\w+)'", r"grammar: TCP option \1"),
    (r"parse error: (.*)", r"grammar: \1"),
    (r"unsupported system call '(\w+)'", r"call \1()"),
    (r"unsupported socket option (\w+)", r"socket option \1"),
    (r"reads (\w+) when the connection starts", r"\1 set after connect() or listen()"),
    (r"getsockopt: only", "getsockopt of an unsupported option"),
    (r"(\w+): argument \d+ must be a known constant", r"\1(): an unknown constant (flag)"),
    (r"(\w+)\(\) returned .* but the script expects", r"\1() result differs"),
    (r"error handling packet: flags: expected (\S+) but got (\S+)",
     r"segment flags: \1 expected, FullTcp sends \2"),
    (r"error handling packet: ([a-zA-Z ]+):", r"segment differs: \1"),
    (r"timing error", "segment timing"),
]


def reason_class(name, reason):
    """The class of a FullTcp failure (CLASSES), else the reason without its numbers."""
    for pattern, cls in CLASSES:
        m = re.search(pattern, name + " " + reason)
        if m:
            return m.expand(cls).replace("'", "")
    return re.sub(r"\d+", "N", reason)


def rst_cell(text):
    """text as an inline literal cell (nothing in it is read as reST markup)."""
    text = text.replace("`", "'")
    return "``%s``" % text if text else ""


def write_table(doc, rows, summary, ranked):
    """Replace what lies between BEGIN and END in doc with the summary, ranking and table."""
    with open(doc) as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        sys.exit("public-suite: %s has no '%s' ... '%s' lines" % (doc, BEGIN, END))
    table = [BEGIN, "", summary, "", "Why the others fail on FullTcp (scripts per reason):", ""]
    table += ["* %d: %s" % (count, rst_cell(cls)) for cls, count in ranked]
    table += ["", ".. list-table::", "   :header-rows: 1",
             "   :widths: 30 8 8 54", "",
             "   * - script", "     - kernel", "     - FullTcp", "     - reason"]
    for name, kernel, fulltcp, reason in rows:
        cells = ["   * - %s" % rst_cell(name), "     - %s" % kernel, "     - %s" % fulltcp,
                 "     - %s" % rst_cell(reason)]
        table += [c.rstrip() for c in cells]
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    with open(doc, "w") as f:
        f.write(head + "\n".join(table) + "\n\n" + END + tail)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("suite", help="a clone of github.com/google/packetdrill (or gtests/net/tcp)")
    ap.add_argument("--packetdrill", default=os.environ.get(
        "PACKETDRILL", os.path.join(ROOT, "..", "shared", "tools", "packetdrill")))
    ap.add_argument("--fulltcp", default=os.path.join(ROOT, "build", "examples", "fulltcp-script"))
    ap.add_argument("--timeout", type=int, default=120, help="seconds per script and run")
    ap.add_argument("--doc", default=os.path.join(ROOT, "doc", "scripts.rst"),
                    help="where the table goes ('' to print only)")
    ap.add_argument("--only", default="", help="a regular expression on the script's path")
    ap.add_argument("--no-kernel", action="store_true", help="FullTcp only (no root needed)")
    ap.add_argument("--allow-cubic", action="store_true",
                    help="add cubic to the host's tcp_allowed_congestion_control for the run")
    args = ap.parse_args()
    # Both run from each script's folder.
    args.fulltcp = os.path.abspath(args.fulltcp)
    args.packetdrill = os.path.abspath(args.packetdrill)

    tcp, scripts = find_scripts(os.path.abspath(args.suite))
    scripts = [s for s in scripts if re.search(args.only, os.path.relpath(s, tcp))]
    if not scripts:
        sys.exit("public-suite: no .pkt under %s" % args.suite)
    if not os.access(args.fulltcp, os.X_OK):
        sys.exit("public-suite: no %s (build first)" % args.fulltcp)
    if not args.no_kernel:
        if os.geteuid() != 0:
            sys.exit("public-suite: the kernel half needs root (unshare -n); --no-kernel skips it")
        if not os.access(args.packetdrill, os.X_OK):
            sys.exit("public-suite: no packetdrill at %s (--packetdrill)" % args.packetdrill)

    restore = None
    with open(ALLOWED_CC) as f:
        allowed = f.read().strip()
    with open("/proc/sys/net/ipv4/tcp_congestion_control") as f:
        host_cc = f.read().strip()
    if args.allow_cubic and not args.no_kernel and "cubic" not in allowed.split():
        restore = allowed
        with open(ALLOWED_CC, "w") as f:
            f.write(allowed + " cubic")
    cc = ("cubic, as defaults.sh sets it" if args.allow_cubic or "cubic" in allowed.split() else
          "the host's %s: defaults.sh cannot choose cubic (allowed: %s)" % (host_cc, allowed))
    env = dict(os.environ, PACKETDRILL_TIMEOUT=str(args.timeout))
    rows = []
    started = time.time()
    try:
        for path in scripts:
            name = os.path.relpath(path, tcp)
            base = os.path.basename(path)
            folder = os.path.dirname(path)
            kernel, kout = "", ""
            # A kernel failure is tried once more: the suite's timings (4 ms tolerance) fail
            # now and then on a busy machine.
            for _ in range(0 if args.no_kernel else 2):
                kernel, kout = run([os.path.join(ROOT, "scripts", "kernel-netns-run.sh"),
                                    args.packetdrill, path] + KERNEL_ARGS, folder, args.timeout, env)
                if kernel == "PASS":
                    break
            fulltcp, fout = run(["timeout", "--kill-after=5", str(args.timeout), args.fulltcp,
                                 "--profile=linux"] + DEFINES + [base], folder, args.timeout)
            if fulltcp == "FAIL" and re.search(r": parse error: ", fout):
                fulltcp = "PARSE"
            if fulltcp == "PASS" and "block not evaluated" in fout:
                fulltcp = "PASS*"  # its Python checks (other than tcpi asserts) were not run
            reason = ""
            if kernel in ("FAIL", "TIMEOUT"):
                reason = "kernel: " + first_error(kout, base)
            elif not fulltcp.startswith("PASS"):
                reason = first_error(fout, base)
            rows.append((name, kernel, fulltcp, reason))
            print("%-7s %-7s %-55s %s" % (kernel or "-", fulltcp, name, reason), flush=True)
    finally:
        if restore is not None:
            with open(ALLOWED_CC, "w") as f:
                f.write(restore)

    n = len(rows)
    if args.no_kernel:
        f = sum(1 for r in rows if r[2].startswith("PASS"))
        summary = "%d scripts; %d pass on FullTcp (kernel not run)." % (n, f)
    else:
        k = [r for r in rows if r[1] == "PASS"]
        f = sum(1 for r in k if r[2].startswith("PASS"))
        summary = ("%d scripts, %d pass on the kernel (%s; congestion control %s), %d of those "
                   "%d pass on FullTcp (%d/%d, %.0f %%; %d of them PASS*, with Python checks "
                   "not run)." % (n, len(k), os.uname().release, cc, f, len(k), f, len(k),
                                  100.0 * f / len(k) if k else 0,
                                  sum(1 for r in k if r[2] == "PASS*")))
    # Why the scripts the kernel passes fail on FullTcp, ranked by how many each reason costs.
    costs = {}
    for name, kernel, fulltcp, reason in rows:
        if kernel in ("PASS", "") and not fulltcp.startswith("PASS"):
            cls = reason_class(name, reason)
            costs[cls] = costs.get(cls, 0) + 1
    ranked = sorted(costs.items(), key=lambda c: (-c[1], c[0]))
    print("public-suite: " + summary + " (%.0f s)" % (time.time() - started))
    for cls, count in ranked:
        print("%4d  %s" % (count, cls))
    if args.doc:
        write_table(args.doc, rows, summary, ranked)
        print("public-suite: table written to " + args.doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
