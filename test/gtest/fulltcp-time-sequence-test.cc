/*
 * Test: time-sequence graph bars, retransmission mark, SACK, ACK and window lines, axes
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The time-sequence graph: one bar per data segment, the retransmission marked, SACK
 * blocks, the ACK and window step lines, axes and legend; only directions with data.
 */
#include "fulltcp-ladder-script.h"
#include "fulltcp-xml-check.h"

#include "ns3/fulltcp-time-sequence.h"

#include <gtest/gtest.h>

#include <regex>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// \return the number of corners of the polyline of class \p cls
std::size_t
PolylineCorners(const std::string& svg, const std::string& cls)
{
    std::smatch m;
    const std::regex re("<polyline class=\"" + cls + "\" points=\"([^\"]*)\"");
    if (!std::regex_search(svg, m, re))
    {
        return 0;
    }
    return Count(m[1].str(), ",");
}

} // namespace

TEST(TimeSequence, BulkTransferWithOneLossAndSack)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript(*rec).Bulk(20, 5);
    const auto& r = rec->GetConnection(0);
    ASSERT_TRUE(FullTcpSendsData(r, 0));
    EXPECT_FALSE(FullTcpSendsData(r, 1));

    const std::string svg = rec->GetTimeSequence(0, 0);
    EXPECT_EQ(XmlProblem(svg), "");
    EXPECT_TRUE(PythonParsesSvg(svg, "/tmp/fulltcp-tseq-test.svg"));
    // 21 data segments (20 + the retransmission), each a bar with two end caps.
    EXPECT_EQ(Count(svg, "class=\"data\"/>"), 20u * 3 + 1); // + the legend's sample
    EXPECT_EQ(Count(svg, "class=\"rtx\"/>"), 3u + 1);
    EXPECT_EQ(Count(svg, ">R</text>"), 1u);
    // The 14 ACKs after the loss carry one SACK block each.
    EXPECT_EQ(Count(svg, "class=\"sack\"/>"), 14u + 1);
    // Step lines: the server's SYN+ACK, 19 ACKs of data and the final ACK arrive at the
    // client: 2 corners per ACK after the first, plus the run to the right edge.
    EXPECT_EQ(PolylineCorners(svg, "ackline"), 1u + 2 * 20 + 1);
    EXPECT_EQ(PolylineCorners(svg, "ackline"), PolylineCorners(svg, "winline"));
    EXPECT_NE(svg.find(">time (s)</text>"), std::string::npos);
    EXPECT_NE(svg.find(">relative sequence number (bytes)</text>"), std::string::npos);
    EXPECT_NE(svg.find("<g class=\"legend\">"), std::string::npos);
    EXPECT_NE(svg.find(">SYN</text>"), std::string::npos);
    // No loss-recovery events were recorded: no marks, no legend entries for them.
    EXPECT_EQ(Count(svg, "class=\"probe\""), 0u);
    EXPECT_EQ(Count(svg, "class=\"lost\""), 0u);
    EXPECT_EQ(Count(svg, "class=\"undo\""), 0u);
}

TEST(TimeSequence, LossRecoveryMarks)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript script(*rec);
    script.Bulk(20, 5);
    // The client's recovery: RACK marks segment 5 lost, a probe resends segment 19, then an
    // F-RTO undo; a server-side event goes to the server's graph, not the client's.
    FullTcpLossEvent lost;
    lost.kind = FullTcpLossEvent::Kind::RACK_LOST;
    lost.start = SequenceNumber32(5001);
    lost.end = SequenceNumber32(6001);
    rec->RecordLossEvent(Seconds(1.03), 0, script.ep[0], script.ep[1], lost);
    FullTcpLossEvent probe;
    probe.kind = FullTcpLossEvent::Kind::TAIL_LOSS_PROBE;
    probe.start = SequenceNumber32(19001);
    probe.end = SequenceNumber32(20001);
    rec->RecordLossEvent(Seconds(1.04), 0, script.ep[0], script.ep[1], probe);
    FullTcpLossEvent undo;
    undo.kind = FullTcpLossEvent::Kind::UNDO;
    undo.undo = FullTcpUndoKind::FRTO;
    rec->RecordLossEvent(Seconds(1.05), 0, script.ep[0], script.ep[1], undo);
    rec->RecordLossEvent(Seconds(1.06), 1, script.ep[1], script.ep[0], undo);
    ASSERT_EQ(rec->GetConnectionCount(), 1u);
    const auto& marks = rec->GetConnection(0).GetLossMarks();
    ASSERT_EQ(marks.size(), 4u);
    EXPECT_EQ(marks[0].side, 0);
    EXPECT_EQ(marks[3].side, 1);

    const std::string svg = rec->GetTimeSequence(0, 0);
    EXPECT_EQ(XmlProblem(svg), "");
    EXPECT_TRUE(PythonParsesSvg(svg, "/tmp/fulltcp-tseq-marks-test.svg"));
    // One band for the probe, two strokes for the cross, one dashed line: each plus the
    // legend's sample.
    EXPECT_EQ(Count(svg, "class=\"probe\""), 1u + 1);
    EXPECT_EQ(Count(svg, ">TLP</text>"), 1u);
    EXPECT_EQ(Count(svg, "class=\"lost\""), 2u + 1);
    EXPECT_EQ(Count(svg, "class=\"undo\""), 1u + 1);
    EXPECT_EQ(Count(svg, ">undo (frto)</text>"), 1u);
    EXPECT_NE(svg.find(">tail loss probe (TLP)</text>"), std::string::npos);
    EXPECT_NE(svg.find(">marked lost by RACK (x)</text>"), std::string::npos);
}

TEST(TimeSequence, WindowLineUsesTheNegotiatedScale)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript(*rec).HandshakeDataLostFinClose();
    const auto& r = rec->GetConnection(0);
    // Both SYNs offered wscale 7 (RFC 7323 §2.2): 502 << 7 from the client.
    EXPECT_EQ(r.GetWindowShift(0), 7);
    const auto& segs = r.GetSegments();
    EXPECT_EQ(r.ScaledWindow(segs[2]), 502u << 7);
    EXPECT_EQ(r.ScaledWindow(segs[0]), 65535u); // a SYN's window is never scaled
    // The graph's y axis reaches ack + scaled window: 101 + 501*128 = 64229 -> ticks to 60000.
    const std::string svg = rec->GetTimeSequence(0, 0);
    EXPECT_NE(svg.find(">60000</text>"), std::string::npos);
    EXPECT_EQ(XmlProblem(svg), "");
}
