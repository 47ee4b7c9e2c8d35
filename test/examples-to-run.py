#! /usr/bin/env python3
## -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# FullTcp: examples that ns-3's test.py runs in an ns-3 source tree (contrib/fulltcp), so
# `./test.py` without -s also checks that they still build and run.
#
#     (example_name [with arguments], do_run, do_valgrind_run)
cpp_examples = [
    ("fulltcp-handshake", "True", "False"),
    ("fulltcp-minimal", "True", "False"),
    ("fulltcp-many-connections --n=1000", "True", "False"),
    ("fulltcp-bench --scenario=concurrent --connections=50", "True", "False"),
    ("fulltcp-script contrib/fulltcp/test/scripts/handshake-passive.pkt", "True", "False"),
    ("fulltcp-half-close --replyBytes=50000", "True", "False"),
    ("fulltcp-time-wait", "True", "False"),
    ("fulltcp-simultaneous", "True", "False"),
    ("fulltcp-reset", "True", "False"),
    ("fulltcp-lossy-link --bytes=100000", "True", "False"),
    ("fulltcp-lossy-link --blackoutAt=1.5s --dataRetries=4", "True", "False"),
    ("fulltcp-loss-recovery", "True", "False"),
    ("fulltcp-vs-ns3-tcp --bytes=30000", "True", "False"),
    ("fulltcp-vs-ns3-tcp --bytes=30000 --congestion=ns3::TcpBbr --congestionBytes=500000",
     "True", "False"),
    ("fulltcp-syn-flood --synCount=150", "True", "False"),
]

# (example_name, do_run); FullTcp has no Python examples.
python_examples = []
