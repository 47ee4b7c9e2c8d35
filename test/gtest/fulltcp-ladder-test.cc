/*
 * Test: exact text ladder of the tutorial lifecycle with a lost FIN, numbering, cap
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The text ladder: exact output for the tutorials' lifecycle with a lost FIN, state labels
 * in order on the right line, relative vs absolute numbers, the segment cap.
 */
#include "fulltcp-ladder-script.h"
#include "fulltcp-xml-check.h"

#include "ns3/boolean.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// A recorder that has seen the scripted lifecycle.
Ptr<FullTcpTraceRecorder>
Lifecycle()
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript(*rec).HandshakeDataLostFinClose();
    return rec;
}

/// \return the state written beside each line, row by row, for side 0 or 1
std::vector<std::string>
StatesBeside(const std::string& ladder, uint8_t side)
{
    std::vector<std::string> states;
    std::istringstream in(ladder);
    std::string line;
    while (std::getline(in, line))
    {
        const auto first = line.find(" |");
        const auto last = first == std::string::npos ? first : line.find('|', first + 2);
        if (last == std::string::npos || line.rfind("time", 0) == 0)
        {
            continue;
        }
        std::string s = side == 0 ? line.substr(12, first - 12)
                                  : line.substr(std::min(last + 2, line.size()), 11);
        s.erase(0, s.find_first_not_of(' '));
        s.erase(s.find_last_not_of(' ') + 1);
        if (!s.empty())
        {
            states.push_back(s);
        }
    }
    return states;
}

// clang-format off
const char* const GOLDEN = R"(client 10.0.0.1:49153 (node 0)
server 10.0.0.2:80 (node 1)
sequence numbers: relative (each side's ISN = 0)
time (s)         client |                                                                                 | server       arrives (s)
                 CLOSED |                                                                                 | LISTEN
1.000000       SYN_SENT | (APP_CONNECT)                                                                   |
1.000000                |-- SYN seq=0 len=0 win=65535 <mss 1460 wscale 7 sackOK TS 100/0> --------------->|              1.010000
1.010000                |                                                                       (RCV_SYN) | SYN_RCVD
1.010000                |<--- SYN+ACK seq=0 ack=1 len=0 win=65535 <mss 1460 wscale 7 sackOK TS 200/100> --|              1.020000
1.020000    ESTABLISHED | (RCV_SYN_ACK)                                                                   |
1.020000                |-- ACK seq=1 ack=1 len=0 win=64256 <TS 110/200> -------------------------------->|              1.030000
1.020000                |-- PSH+ACK seq=1 ack=1 len=100 win=64256 <TS 111/200> -------------------------->|              1.030000
1.030000                |                                                                (RCV_ACK_OF_SYN) | ESTABLISHED
1.030000                |<------------------------------ ACK seq=1 ack=101 len=0 win=64128 <TS 210/111> --|              1.040000
1.050000     FIN_WAIT_1 | (APP_CLOSE)                                                                     |
1.050000                |-- FIN+ACK seq=101 ack=1 len=0 win=64256 <TS 130/210> --X                        |              lost
1.250000                |-- FIN+ACK seq=101 ack=1 len=0 win=64256 <TS 150/210> -------------------------->|              1.260000 retransmission
1.260000                |                                                                       (RCV_FIN) | CLOSE_WAIT
1.260000                |<------------------------------ ACK seq=1 ack=102 len=0 win=64128 <TS 230/150> --|              1.270000
1.270000     FIN_WAIT_2 | (RCV_ACK_OF_FIN)                                                                |
1.300000                |                                                                     (APP_CLOSE) | LAST_ACK
1.300000                |<-------------------------- FIN+ACK seq=1 ack=102 len=0 win=64128 <TS 260/150> --|              1.310000
1.310000      TIME_WAIT | (RCV_FIN)                                                                       |
1.310000                |-- ACK seq=102 ack=2 len=0 win=64256 <TS 170/260> ------------------------------>|              1.320000
1.320000                |                                                                (RCV_ACK_OF_FIN) | CLOSED
61.310000        CLOSED | (TIMEOUT_2MSL)                                                                  |
)";
// clang-format on

} // namespace

TEST(Ladder, TextOfTheLifecycleIsExact)
{
    const std::string text = Lifecycle()->GetTextLadder(0);
    EXPECT_EQ(text, GOLDEN);
}

TEST(Ladder, StatesAreWrittenBesideTheirLinesInOrder)
{
    const std::string text = Lifecycle()->GetTextLadder(0);
    EXPECT_EQ(StatesBeside(text, 0), CLIENT_STATES);
    EXPECT_EQ(StatesBeside(text, 1), SERVER_STATES);
}

TEST(Ladder, LostSegmentStopsShortAndItsRetransmissionIsMarked)
{
    const std::string text = Lifecycle()->GetTextLadder(0);
    EXPECT_EQ(Count(text, "--X "), 1u);
    EXPECT_EQ(Count(text, "  lost\n"), 1u);
    EXPECT_EQ(Count(text, " retransmission\n"), 1u);
    EXPECT_EQ(Count(text, "->|"), 5u); // client to server, arrived
    EXPECT_EQ(Count(text, "|<-"), 4u); // server to client
}

TEST(Ladder, AbsoluteNumbersAreTheWireValues)
{
    auto rec = Lifecycle();
    rec->SetAttribute("RelativeSequenceNumbers", BooleanValue(false));
    const std::string text = rec->GetTextLadder(0);
    EXPECT_NE(text.find("sequence numbers: absolute (wire values)"), std::string::npos);
    EXPECT_NE(text.find("|-- SYN seq=1000 len=0 win=65535"), std::string::npos);
    EXPECT_NE(text.find("SYN+ACK seq=5000 ack=1001 len=0"), std::string::npos);
    EXPECT_NE(text.find("FIN+ACK seq=1101 ack=5001 len=0"), std::string::npos);
    EXPECT_EQ(text.find("seq=0 "), std::string::npos);
}

TEST(Ladder, CapShowsTheFirstSegmentsAndEveryStateChange)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript script(*rec);
    script.Bulk(300, 3);
    script.State(Seconds(5),
                 0,
                 FullTcpState::ESTABLISHED,
                 FullTcpState::FIN_WAIT_1,
                 FullTcpStateCause::APP_CLOSE);
    rec->SetAttribute("MaxSegments", UintegerValue(50));
    const uint32_t total = rec->GetConnection(0).GetSegments().size();
    const std::string text = rec->GetTextLadder(0);
    EXPECT_NE(text.find("showing the first 50 of " + std::to_string(total) + " segments\n"),
              std::string::npos);
    EXPECT_NE(text.find("... " + std::to_string(total - 50) + " more segments not shown ..."),
              std::string::npos);
    EXPECT_EQ(Count(text, "->|") + Count(text, "|<-") + Count(text, "--X "), 50u);
    // The state change after the cut is still there, after the omission row.
    EXPECT_GT(text.find("FIN_WAIT_1"), text.find("more segments not shown"));
}

TEST(Ladder, FlagNamesAsTheTutorialsWriteThem)
{
    EXPECT_EQ(FullTcpFlagNames(FullTcpHeader::SYN), "SYN");
    EXPECT_EQ(FullTcpFlagNames(FullTcpHeader::SYN | FullTcpHeader::ACK), "SYN+ACK");
    EXPECT_EQ(FullTcpFlagNames(FullTcpHeader::FIN | FullTcpHeader::ACK), "FIN+ACK");
    EXPECT_EQ(FullTcpFlagNames(FullTcpHeader::PSH | FullTcpHeader::ACK), "PSH+ACK");
    EXPECT_EQ(FullTcpFlagNames(FullTcpHeader::RST), "RST");
    EXPECT_EQ(FullTcpFlagNames(0), "none");
}

TEST(Ladder, EcnFlagsEceAndCwrAreShown)
{
    using H = FullTcpHeader;
    // RFC 3168 §6.1.1: the ECN-setup SYN (ECE+CWR) and SYN-ACK (ECE); §6.1.2-6.1.3: the echo
    // of a CE mark (ECE) and the sender's answer (CWR).
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript script(*rec);
    script.Deliver(Seconds(1), 0, script.Header(0, H::SYN | H::ECE | H::CWR, 0, 0, 65535, 0, 0));
    script.Deliver(Seconds(1.01), 1, script.Header(1, H::SYN | H::ECE | H::ACK, 0, 1, 65535, 0, 0));
    script.Deliver(Seconds(1.02), 0, script.Header(0, H::ACK, 1, 1, 65535, 0, 0));
    script.Deliver(Seconds(1.03), 0, script.Header(0, H::PSH | H::ACK, 1, 1, 65535, 0, 0), 100);
    script.Deliver(Seconds(1.04), 1, script.Header(1, H::ECE | H::ACK, 1, 101, 65535, 0, 0));
    script.Deliver(
        Seconds(1.05), 0, script.Header(0, H::PSH | H::CWR | H::ACK, 101, 1, 65535, 0, 0), 100);
    const std::string text = rec->GetTextLadder(0);
    EXPECT_EQ(Count(text, "SYN+ECE+CWR seq="), 1u) << text;
    EXPECT_EQ(Count(text, "SYN+ECE+ACK seq="), 1u) << text;
    EXPECT_EQ(Count(text, " ECE+ACK seq="), 1u) << text;
    EXPECT_EQ(Count(text, "PSH+CWR+ACK seq="), 1u) << text;
    const std::string svg = rec->GetSvgLadder(0);
    EXPECT_EQ(XmlProblem(svg), "");
    EXPECT_NE(svg.find("SYN+ECE+CWR"), std::string::npos);
    EXPECT_NE(svg.find("PSH+CWR+ACK"), std::string::npos);
}

TEST(Ladder, SackBlocksAreRelativeToThePeersIsn)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript(*rec).Bulk(8, 2);
    const std::string text = rec->GetTextLadder(0);
    // The ACK for segment 3 (bytes 3001..4000) reports the block above the lost segment 2.
    EXPECT_NE(text.find("ACK seq=1 ack=2001 len=0 win=65535 <SACK 3001-4001>"), std::string::npos);
}
