#!/usr/bin/env python3
# Build check: CMakeLists.txt and wscript name the same files
# SPDX-License-Identifier: GPL-2.0-only
"""Checks that FullTcp's two build descriptions name the same files.

FullTcp builds with CMake (out of tree, and in ns-3 >= 3.36 source trees) and with waf (ns-3 <=
3.35 source trees). Each keeps its own file lists; this script fails when they drift apart:

  CMakeLists.txt             wscript
  FULLTCP_<LAYER>_SOURCES    FULLTCP_<LAYER>_SOURCES   (LAYER: WIRE ENGINE NODE HELPER SCRIPT)
  FULLTCP_<LAYER>_HEADERS    FULLTCP_<LAYER>_HEADERS
  FULLTCP_NS3_TEST_SOURCES   FULLTCP_NS3_TEST_SOURCES
  FULLTCP_ENGINE_GTEST_SOURCES, FULLTCP_GTEST_SOURCES
                             (not listed: waf globs test/gtest/*.cc, which check 4 keeps
                             equal to these lists)
  examples/CMakeLists.txt    examples/wscript
  fulltcp_example(NAME ...)  FULLTCP_EXAMPLES = ['NAME', ...]  (source: examples/NAME.cc)
  fulltcp_example_mpi(NAME)  FULLTCP_MPI_EXAMPLES = ['NAME', ...]

It also fails when a listed file does not exist, and when a source file of the module exists
on disk but no list names it (a forgotten file would silently not be built or run).

Usage: check-build-manifests.py REPO_ROOT.  Exit 0: "build manifests agree: N files".
Python 3 standard library only.
"""

import ast
import os
import re
import sys

LAYERS = ["WIRE", "ENGINE", "NODE", "HELPER", "SCRIPT"]
LAYER_LISTS = ["FULLTCP_%s_%s" % (layer, kind) for layer in LAYERS for kind in ("SOURCES", "HEADERS")]
CMAKE_LISTS = LAYER_LISTS + ["FULLTCP_NS3_TEST_SOURCES", "FULLTCP_ENGINE_GTEST_SOURCES",
                             "FULLTCP_GTEST_SOURCES"]
# Lists that the wscript must carry too (it builds the GoogleTest sources from a glob).
SHARED_LISTS = LAYER_LISTS + ["FULLTCP_NS3_TEST_SOURCES"]
CMAKE_ONLY_LISTS = ["FULLTCP_ENGINE_GTEST_SOURCES", "FULLTCP_GTEST_SOURCES"]

# Files on disk that belong to the build but are deliberately in none of the lists.
NOT_IN_LISTS = {
    "test/fulltcp-test-runner.cc",  # out-of-tree test runner; ns-3's own runs the suites in tree
}
# Folders scanned for unlisted files, with the file endings that count.
SCANNED = [
    ("model/wire", (".cc", ".h")),
    ("model/engine", (".cc", ".h")),
    ("model/engine/congestion", (".cc", ".h")),
    ("model/engine/recovery", (".cc", ".h")),
    ("model/node", (".cc", ".h")),
    ("helper", (".cc", ".h")),
    ("script", (".cc", ".h")),
    ("test", ("-test-suite.cc",)),
    ("test/gtest", (".cc", ".h")),
]


class ManifestError(Exception):
    pass


def strip_cmake_comments(text):
    # CMake line comments; FullTcp's CMake files use no bracket comments or '#' in strings.
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        raise ManifestError("cannot read %s: %s" % (path, e.strerror))


def cmake_lists(path):
    text = strip_cmake_comments(read(path))
    lists = {}
    for name in CMAKE_LISTS:
        found = re.findall(r"\bset\(\s*%s\b([^)]*)\)" % re.escape(name), text)
        if len(found) != 1:
            raise ManifestError("%s: expected one set(%s ...), found %d" % (path, name, len(found)))
        lists[name] = found[0].split()
    return lists


def cmake_examples(path, function="fulltcp_example"):
    text = strip_cmake_comments(read(path))
    # fulltcp_example(NAME [MODULE...]), fulltcp_example_mpi(NAME)
    return re.findall(r"\b%s\(\s*([A-Za-z0-9_.+-]+)[\sA-Za-z0-9_.+-]*\)" % function, text)


def python_lists(path, names):
    """Top-level `NAME = [...]` assignments of a wscript, read without executing it."""
    try:
        tree = ast.parse(read(path), filename=path)
    except SyntaxError as e:
        raise ManifestError("%s: syntax error at line %s: %s" % (path, e.lineno, e.msg))
    lists = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in names:
                try:
                    value = ast.literal_eval(node.value)
                except ValueError:
                    raise ManifestError("%s:%d: %s must be a literal list of strings"
                                        % (path, node.lineno, target.id))
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ManifestError("%s:%d: %s must be a literal list of strings"
                                        % (path, node.lineno, target.id))
                if target.id in lists:
                    raise ManifestError("%s:%d: %s is assigned twice" % (path, node.lineno, target.id))
                lists[target.id] = value
    missing = [n for n in names if n not in lists]
    if missing:
        raise ManifestError("%s: no top-level list %s" % (path, ", ".join(missing)))
    return lists


def duplicates(items):
    seen, dup = set(), []
    for i in items:
        if i in seen and i not in dup:
            dup.append(i)
        seen.add(i)
    return dup


def main(argv):
    if len(argv) != 2:
        print("usage: %s REPO_ROOT" % os.path.basename(argv[0]), file=sys.stderr)
        return 2
    root = argv[1]
    problems = []

    try:
        cm = cmake_lists(os.path.join(root, "CMakeLists.txt"))
        wf = python_lists(os.path.join(root, "wscript"), SHARED_LISTS)
        cm_ex = cmake_examples(os.path.join(root, "examples", "CMakeLists.txt"))
        cm_mpi = cmake_examples(os.path.join(root, "examples", "CMakeLists.txt"), "fulltcp_example_mpi")
        wf_lists = python_lists(os.path.join(root, "examples", "wscript"),
                                ["FULLTCP_EXAMPLES", "FULLTCP_MPI_EXAMPLES"])
        wf_ex = wf_lists["FULLTCP_EXAMPLES"]
        wf_mpi = wf_lists["FULLTCP_MPI_EXAMPLES"]
    except ManifestError as e:
        print("build manifests: %s" % e, file=sys.stderr)
        return 1

    # 1. The lists both build systems carry must name the same files.
    for name in SHARED_LISTS:
        a, b = cm[name], wf[name]
        for f in a:
            if f not in b:
                problems.append("%s: in CMakeLists.txt but not in wscript (%s)" % (f, name))
        for f in b:
            if f not in a:
                problems.append("%s: in wscript but not in CMakeLists.txt (%s)" % (f, name))
        for src, lst in (("CMakeLists.txt", a), ("wscript", b)):
            for f in duplicates(lst):
                problems.append("%s: listed twice in %s %s" % (f, src, name))
    for name in CMAKE_ONLY_LISTS:
        for f in duplicates(cm[name]):
            problems.append("%s: listed twice in CMakeLists.txt %s" % (f, name))

    # A file belongs to exactly one list.
    owner = {}
    for name in CMAKE_LISTS:
        for f in cm[name]:
            if f in owner and owner[f] != name:
                problems.append("%s: in both %s and %s" % (f, owner[f], name))
            owner.setdefault(f, name)
    for name in CMAKE_ONLY_LISTS:
        for f in cm[name]:
            if any(f in wf[n] for n in SHARED_LISTS):
                problems.append("%s: a GoogleTest source (CMake only) is listed in wscript" % f)

    # 2. Examples: fulltcp_example(NAME) <-> FULLTCP_EXAMPLES, each built from examples/NAME.cc.
    for e in cm_ex:
        if e not in wf_ex:
            problems.append("examples/%s.cc: in examples/CMakeLists.txt but not in examples/wscript" % e)
    for e in wf_ex:
        if e not in cm_ex:
            problems.append("examples/%s.cc: in examples/wscript but not in examples/CMakeLists.txt" % e)
    for src, lst in (("examples/CMakeLists.txt", cm_ex), ("examples/wscript", wf_ex)):
        for e in duplicates(lst):
            problems.append("examples/%s.cc: listed twice in %s" % (e, src))
    # Examples that also run on ns-3's MPI engine: fulltcp_example_mpi(NAME) <->
    # FULLTCP_MPI_EXAMPLES, each also an example.
    if sorted(cm_mpi) != sorted(wf_mpi):
        problems.append("MPI examples differ: fulltcp_example_mpi() %s, FULLTCP_MPI_EXAMPLES %s"
                        % (sorted(cm_mpi), sorted(wf_mpi)))
    for e in cm_mpi:
        if e not in cm_ex:
            problems.append("examples/%s.cc: fulltcp_example_mpi() of no fulltcp_example()" % e)

    # 3. Every listed file exists.
    listed = set()
    for name in CMAKE_LISTS:
        listed.update(cm[name])
    for name in SHARED_LISTS:
        listed.update(wf[name])
    examples = set("examples/%s.cc" % e for e in cm_ex + wf_ex)
    for f in sorted(listed | examples):
        if not os.path.isfile(os.path.join(root, f)):
            problems.append("%s: listed but does not exist" % f)

    # 4. Every module source on disk is listed somewhere.
    for folder, endings in SCANNED:
        d = os.path.join(root, folder)
        if not os.path.isdir(d):
            continue
        for entry in sorted(os.listdir(d)):
            rel = folder + "/" + entry
            if (entry.startswith(".") or not os.path.isfile(os.path.join(d, entry))
                    or not entry.endswith(endings) or rel in NOT_IN_LISTS):
                continue
            if rel not in listed:
                problems.append("%s: exists but is in no build list (CMakeLists.txt/wscript)" % rel)
    d = os.path.join(root, "examples")
    if os.path.isdir(d):
        for entry in sorted(os.listdir(d)):
            rel = "examples/" + entry
            if entry.endswith(".cc") and rel not in examples:
                problems.append("%s: exists but no fulltcp_example()/FULLTCP_EXAMPLES builds it" % rel)

    if problems:
        print("build manifests disagree (CMakeLists.txt, wscript, examples/CMakeLists.txt, "
              "examples/wscript):", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print("build manifests agree: %d files" % len(listed | examples))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
