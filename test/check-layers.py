#!/usr/bin/env python3
# Build check: FullTcp's includes point down the layers (wire < engine < node < helper < script)
# SPDX-License-Identifier: GPL-2.0-only
"""Fails when a FullTcp source file includes a header of a higher layer.

The folders are the layers (doc/fulltcp.rst, "Architecture"), lowest first:

  wire    model/wire/     the TCP header and options
  engine  model/engine/   one connection, simulator-free (and its subfolders: congestion,
                          recovery)
  node    model/node/     the ns-3 glue: L4 protocol, sockets, demux, TIME_WAIT table
  helper  helper/         installing on nodes, traces, drawings, profiles
  script  script/         the packetdrill-style script runner and the raw peer

A file may include FullTcp headers of its own layer and of the layers below it. The wire and
the engine may include, of ns-3, only the simulator-free headers of the core and network modules
listed in ENGINE_NS3_HEADERS: no simulator, no events, no IP, no node, no sockets. (The engine
takes `now` as an argument and acts on the world through FullTcpConnectionOutput; that is what
makes every RFC rule testable with one segment in and the exact reply out.)

Both builds run this before compiling FullTcp (out of tree each layer's library also sees only
its own and the lower layers' headers, so an upward include does not even compile there); CTest
runs it with --self-test, which first shows on a scratch copy that an engine file including a
glue header, or ns3/simulator.h, is caught.

Usage: check-layers.py [--self-test] REPO_ROOT.  Exit 0: "layers: N files, every include
points down". Python 3 standard library only.
"""

import os
import re
import shutil
import sys
import tempfile

# (layer, folder): lowest first. A folder's subfolders belong to its layer.
LAYERS = [
    ("wire", "model/wire"),
    ("engine", "model/engine"),
    ("node", "model/node"),
    ("helper", "helper"),
    ("script", "script"),
]
# The ns-3 headers the wire and the engine may include: core and network, simulator-free.
# (abort.h and fatal-error.h: for programming errors at load time, such as a timer slot
# registered twice; never for input, which gets a named error.)
ENGINE_NS3_HEADERS = {
    "ns3/abort.h",
    "ns3/address.h",
    "ns3/assert.h",
    "ns3/buffer.h",
    "ns3/fatal-error.h",
    "ns3/header.h",
    "ns3/ipv4-address.h",
    "ns3/ipv6-address.h",
    "ns3/log.h",
    "ns3/nstime.h",
    "ns3/packet.h",
    "ns3/ptr.h",
    "ns3/simple-ref-count.h",
    "ns3/type-id.h",
}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)
ENDINGS = (".h", ".cc")


def layer_files(root):
    """{layer: [path relative to root]} for every .h/.cc file of every layer folder."""
    files = {}
    for layer, folder in LAYERS:
        found = []
        for d, _, names in os.walk(os.path.join(root, folder)):
            for n in sorted(names):
                if n.endswith(ENDINGS):
                    found.append(os.path.relpath(os.path.join(d, n), root))
        files[layer] = sorted(found)
    return files


def check(root):
    """\return (number of files checked, list of problems)"""
    files = layer_files(root)
    rank = {layer: i for i, (layer, _) in enumerate(LAYERS)}
    header_layer = {}
    for layer, paths in files.items():
        for p in paths:
            if p.endswith(".h"):
                header_layer[os.path.basename(p)] = layer
    problems = []
    for layer, paths in files.items():
        for p in paths:
            with open(os.path.join(root, p), encoding="utf-8") as f:
                text = f.read()
            for m in INCLUDE.finditer(text):
                inc = m.group(1)
                line = text.count("\n", 0, m.start()) + 1
                name = os.path.basename(inc)
                if name.startswith("fulltcp-") and (inc == name or inc == "ns3/" + name):
                    if name == "fulltcp-module.h":
                        problems.append("%s:%d: includes the umbrella header %s" % (p, line, inc))
                        continue
                    target = header_layer.get(name)
                    if target is None:
                        problems.append("%s:%d: %s is no header of any layer" % (p, line, inc))
                    elif rank[target] > rank[layer]:
                        problems.append("%s:%d: the %s layer includes %s of the %s layer above it"
                                        % (p, line, layer, inc, target))
                elif rank[layer] <= rank["engine"] and inc not in ENGINE_NS3_HEADERS:
                    problems.append("%s:%d: the %s layer includes %s (it may use only %s)"
                                    % (p, line, layer, inc, ", ".join(sorted(ENGINE_NS3_HEADERS))))
    return sum(len(v) for v in files.values()), problems


def report(root):
    n, problems = check(root)
    if problems:
        print("layers: includes that point up (see test/check-layers.py):", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print("layers: %d files, every include points down" % n)
    return 0


def self_test(root):
    """The checker must catch an engine file that includes the glue or the simulator."""
    scratch = tempfile.mkdtemp(prefix="fulltcp-layers-")
    try:
        for _, folder in LAYERS:
            src = os.path.join(root, folder)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(scratch, folder))
        victim = os.path.join(scratch, "model/engine/fulltcp-connection.cc")
        for bad in ('#include "ns3/fulltcp-socket.h"', '#include "ns3/simulator.h"'):
            with open(victim, encoding="utf-8") as f:
                text = f.read()
            with open(victim, "w", encoding="utf-8") as f:
                f.write(bad + "\n" + text)
            _, problems = check(scratch)
            if not any(bad.split('"')[1] in p for p in problems):
                print("layers self-test: %s in the engine was not caught" % bad, file=sys.stderr)
                return 1
            with open(victim, "w", encoding="utf-8") as f:
                f.write(text)
        print("layers self-test: an engine file including the glue or the simulator is caught")
    finally:
        shutil.rmtree(scratch)
    return 0


def main(argv):
    args = argv[1:]
    selftest = "--self-test" in args
    args = [a for a in args if a != "--self-test"]
    if len(args) != 1:
        print("usage: %s [--self-test] REPO_ROOT" % os.path.basename(argv[0]), file=sys.stderr)
        return 2
    root = args[0]
    if selftest and self_test(root) != 0:
        return 1
    return report(root)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
