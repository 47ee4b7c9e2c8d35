/*
 * Test: program built via pkg-config against an installed FullTcp; SYN round trip
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A user's own program, built against an installed FullTcp with only
 *   g++ outside-program.cc $(pkg-config --cflags --libs ns3-fulltcp)
 * It serializes a SYN and parses it back; exit 0 when the round trip is exact.
 */
#include "ns3/core-module.h"
#include "ns3/fulltcp-module.h"

#include <iostream>

using namespace ns3;

int
main()
{
    FullTcpHeader syn;
    syn.SetSourcePort(49153);
    syn.SetDestinationPort(80);
    syn.SetFlags(FullTcpHeader::SYN);
    syn.Options().SetMss(1460);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(syn);
    FullTcpHeader back;
    p->RemoveHeader(back);
    std::cout << back << std::endl;
    return back.GetOptions().GetMss() == 1460 && back.HasFlags(FullTcpHeader::SYN) ? 0 : 1;
}
