#!/usr/bin/env python3
# Test: Linux side of the interop runs: python3 socket modes reporting bytes and CRC-32
# SPDX-License-Identifier: GPL-2.0-only
"""The Linux side of test/interop-linux.sh: kernel TCP through python3 sockets.

Every mode prints one line of key=value fields, as fulltcp-emu's RESULT line: bytes and
CRC-32 of what it sent and received, and the errno name when the socket failed (else None). The content is the pattern of examples/fulltcp-emu.cc
(PatternByte), so both ends can check each other's bytes.

  client HOST PORT --send N [--abort-after-acked]   send N, shut down writing, read to EOF
                                                    (or: wait until N is ACKed, then RST)
  server HOST PORT --send N [--shutdown-first]      accept one, read to EOF, send N, close
                                                    (or: shut down writing at once, read)
  refused HOST PORT                                 connect; expect ECONNREFUSED
  pattern N FILE                                    write N pattern bytes (for nc)
  digest FILE                                       bytes and CRC-32 of a file (nc, curl)
  expect N...                                       CRC-32 of N pattern bytes, per N
"""

import argparse
import errno
import fcntl
import select
import socket
import struct
import sys
import termios
import time
import zlib

PERIOD = 65521  # PATTERN_PERIOD of fulltcp-emu.cc
BLOCK = bytes(((j * 2654435761) >> 24) & 0xFF for j in range(PERIOD))
TIMEOUT = 20.0


def pattern(offset, size):
    """size pattern bytes from stream offset."""
    out = bytearray()
    while size > 0:
        start = offset % PERIOD
        piece = BLOCK[start:start + size]
        out += piece
        offset += len(piece)
        size -= len(piece)
    return bytes(out)


class Digest:
    def __init__(self):
        self.bytes = 0
        self.crc = 0

    def add(self, data):
        self.bytes += len(data)
        self.crc = zlib.crc32(data, self.crc)

    def fields(self, prefix):
        return {prefix + "_bytes": self.bytes, prefix + "_crc": "%08x" % self.crc}


def line(fields):
    return " ".join("%s=%s" % kv for kv in fields.items())


def report(rx, tx, error=None, **extra):
    out = {}
    out.update(rx.fields("rx"))
    out.update(tx.fields("tx"))
    out["error"] = error
    out.update(extra)
    print(line(out), flush=True)


def exchange(sock, send, shutdown_when_sent=True):
    """Send `send` pattern bytes and read until EOF, both at once (an echo peer needs it)."""
    rx, tx = Digest(), Digest()
    sock.setblocking(False)
    offset, reading, writing = 0, True, send > 0
    if send == 0 and shutdown_when_sent:
        sock.shutdown(socket.SHUT_WR)
    deadline = time.monotonic() + TIMEOUT
    while reading or writing:
        if time.monotonic() > deadline:
            raise TimeoutError("no progress for %.0f s" % TIMEOUT)
        r, w, _ = select.select([sock] if reading else [], [sock] if writing else [], [], 1.0)
        if r:
            data = sock.recv(1 << 16)
            if not data:
                reading = False
            rx.add(data)
        if w:
            n = sock.send(pattern(offset, min(1 << 16, send - offset)))
            tx.add(pattern(offset, n))
            offset += n
            if offset == send:
                writing = False
                if shutdown_when_sent:
                    sock.shutdown(socket.SHUT_WR)
    return rx, tx


def unacked(sock):
    """Bytes in the send queue not yet ACKed (SIOCOUTQ = TIOCOUTQ)."""
    return struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0"))[0]


def abort(sock):
    """close() with SO_LINGER {on, 0}: Linux sends RST instead of FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def run(sock, work):
    """work(sock) -> (rx, tx); report those digests, or the errno that ended the connection."""
    try:
        rx, tx = work(sock)
    except OSError as e:
        report(Digest(), Digest(), errno.errorcode.get(e.errno, str(e)))
        return 0
    sock.close()
    report(rx, tx)
    return 0


def run_client(args):
    def send_then_abort(sock):
        # Everything sent has arrived (the peer ACKed it), so the peer read exactly N.
        tx = Digest()
        sock.sendall(pattern(0, args.send))
        tx.add(pattern(0, args.send))
        deadline = time.monotonic() + TIMEOUT
        while unacked(sock) > 0 and time.monotonic() < deadline:
            time.sleep(0.005)
        abort(sock)
        return Digest(), tx

    sock = socket.create_connection((args.host, args.port), timeout=TIMEOUT)
    if args.abort_after_acked:
        return run(sock, send_then_abort)
    return run(sock, lambda s: exchange(s, args.send))


def run_server(args):
    def read_then_send(sock):
        rx, _ = exchange(sock, 0, shutdown_when_sent=False)
        tx = Digest()
        sock.setblocking(True)
        sock.settimeout(TIMEOUT)
        sock.sendall(pattern(0, args.send))  # after the peer's FIN: it has shut down
        tx.add(pattern(0, args.send))
        return rx, tx

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    listener.listen(1)
    listener.settimeout(TIMEOUT)
    print("listening=%d" % args.port, flush=True)
    sock, _ = listener.accept()
    if args.shutdown_first:
        return run(sock, lambda s: exchange(s, 0))  # FIN at once; the peer keeps sending
    return run(sock, read_then_send)


def run_refused(args):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(TIMEOUT)
    start = time.monotonic()
    try:
        sock.connect((args.host, args.port))
        error = None
    except OSError as e:
        error = errno.errorcode.get(e.errno, str(e))
    report(Digest(), Digest(), error, ms=round((time.monotonic() - start) * 1000, 1))
    return 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    for mode in ("client", "server", "refused"):
        p = sub.add_parser(mode)
        p.add_argument("host")
        p.add_argument("port", type=int)
        if mode != "refused":
            p.add_argument("--send", type=int, default=0)
    sub.choices["client"].add_argument("--abort-after-acked", action="store_true")
    sub.choices["server"].add_argument("--shutdown-first", action="store_true")
    p = sub.add_parser("pattern")
    p.add_argument("size", type=int)
    p.add_argument("file")
    p = sub.add_parser("digest")
    p.add_argument("file")
    p = sub.add_parser("expect")
    p.add_argument("size", type=int, nargs="+")
    args = ap.parse_args(argv[1:])

    if args.mode == "client":
        return run_client(args)
    if args.mode == "server":
        return run_server(args)
    if args.mode == "refused":
        return run_refused(args)
    if args.mode == "pattern":
        with open(args.file, "wb") as f:
            f.write(pattern(0, args.size))
        return 0
    if args.mode == "digest":
        d = Digest()
        with open(args.file, "rb") as f:
            d.add(f.read())
        print(line(d.fields("file")))
        return 0
    for size in args.size:
        d = Digest()
        d.add(pattern(0, size))
        print(size, "%08x" % d.crc)
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv))
