/*
 * Test: trace recorder grouping, send/arrival matching, loss, incarnations, written files
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpTraceRecorder: events grouped by connection (client = first SYN), sends matched
 * with arrivals in FIFO order, lost and retransmitted segments, ISNs, new incarnations on
 * the same endpoints, untraced senders, IPv6 names, and the files it writes.
 */
#include "fulltcp-ladder-script.h"
#include "fulltcp-xml-check.h"

#include "ns3/inet6-socket-address.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

using namespace ns3;
using namespace fulltcp_test;

TEST(TraceRecorder, GroupsTheLifecycleIntoOneConnection)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript(*rec).HandshakeDataLostFinClose();
    ASSERT_EQ(rec->GetConnectionCount(), 1u); // the listener's own change is not one
    const auto& r = rec->GetConnection(0);
    EXPECT_EQ(r.GetEndpoint(0), "10.0.0.1:49153");
    EXPECT_EQ(r.GetEndpoint(1), "10.0.0.2:80");
    EXPECT_EQ(r.GetNode(0), 0u);
    EXPECT_EQ(r.GetNode(1), 1u);
    EXPECT_EQ(r.GetIsn(0), 1000u);
    EXPECT_EQ(r.GetIsn(1), 5000u);
    EXPECT_EQ(r.GetInitialState(1), FullTcpState::LISTEN);
    EXPECT_EQ(r.GetStateChanges().size(), 6u + 5u);
    EXPECT_TRUE(r.IsFinished());
}

TEST(TraceRecorder, MatchesArrivalsAndFindsTheLostFin)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript(*rec).HandshakeDataLostFinClose();
    const auto& segs = rec->GetConnection(0).GetSegments();
    ASSERT_EQ(segs.size(), 10u);
    uint32_t lost = 0;
    for (const auto& s : segs)
    {
        lost += s.IsLost() ? 1 : 0;
        if (s.arrived)
        {
            EXPECT_EQ(*s.arrived - *s.sent, DELAY);
        }
    }
    EXPECT_EQ(lost, 1u);
    EXPECT_TRUE(segs[5].IsLost());
    EXPECT_EQ(segs[5].flags, FullTcpHeader::FIN | FullTcpHeader::ACK);
    EXPECT_FALSE(segs[5].retransmission);
    EXPECT_TRUE(segs[6].retransmission);
    EXPECT_EQ(segs[6].arrived, Seconds(1.26));
}

TEST(TraceRecorder, FifoMatchingOfIdenticalSegments)
{
    // Two identical duplicate ACKs in flight: the first arrival belongs to the first send.
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript s(*rec);
    const FullTcpHeader dup = s.Header(1, FullTcpHeader::ACK, 1, 1, 100, 0, 0);
    s.Send(Seconds(1), 1, dup);
    s.Send(Seconds(2), 1, dup);
    rec->RecordReceived(Seconds(2.5), 0, 0, dup, s.ep[0], s.ep[1]);
    const auto& segs = rec->GetConnection(0).GetSegments();
    ASSERT_EQ(segs.size(), 2u);
    EXPECT_EQ(segs[0].arrived, Seconds(2.5));
    EXPECT_TRUE(segs[1].IsLost());
    // Without a SYN seen, the first end seen is the client.
    EXPECT_EQ(rec->GetConnection(0).GetEndpoint(0), "10.0.0.2:80");
}

TEST(TraceRecorder, NewSynOnAFinishedPairStartsANewRecord)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript s(*rec);
    s.HandshakeDataLostFinClose();
    // A retransmitted SYN of the same incarnation would carry ISN 1000; this one is new.
    s.State(Seconds(70),
            0,
            FullTcpState::CLOSED,
            FullTcpState::SYN_SENT,
            FullTcpStateCause::APP_CONNECT);
    s.Deliver(Seconds(70), 0, s.Header(0, FullTcpHeader::SYN, 9000, 0, 65535, 0, 0));
    s.Deliver(Seconds(70.5), 0, s.Header(0, FullTcpHeader::SYN, 9000, 0, 65535, 0, 0));
    ASSERT_EQ(rec->GetConnectionCount(), 2u);
    EXPECT_EQ(rec->GetConnection(1).GetIsn(0), 9000u);
    EXPECT_EQ(rec->GetConnection(1).GetSegments().size(), 2u);
    EXPECT_TRUE(rec->GetConnection(1).GetSegments()[1].retransmission);
    EXPECT_EQ(rec->GetConnection(0).GetSegments().size(), 10u);

    // Only the ISN tells: a SYN with another ISN while the record is still open.
    s.Deliver(Seconds(71), 0, s.Header(0, FullTcpHeader::SYN, 12345, 0, 65535, 0, 0));
    EXPECT_EQ(rec->GetConnectionCount(), 3u);
}

TEST(TraceRecorder, ArrivalFromAnUntracedSenderIsKept)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript s(*rec);
    const FullTcpHeader syn = s.Header(0, FullTcpHeader::SYN, 77, 0, 65535, 0, 0);
    rec->RecordReceived(Seconds(1), 1, 0, syn, s.ep[1], s.ep[0]);
    ASSERT_EQ(rec->GetConnectionCount(), 1u);
    const auto& r = rec->GetConnection(0);
    EXPECT_EQ(r.GetEndpoint(0), "10.0.0.1:49153"); // the SYN's sender is the client
    ASSERT_EQ(r.GetSegments().size(), 1u);
    EXPECT_FALSE(r.GetSegments()[0].sent.has_value());
    EXPECT_FALSE(r.GetSegments()[0].IsLost());
    EXPECT_NE(rec->GetTextLadder(0).find("1.000000 (send not traced)"), std::string::npos);
    EXPECT_EQ(XmlProblem(rec->GetSvgLadder(0)), "");
}

TEST(TraceRecorder, Ipv6EndpointsAndFileNames)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript s(*rec);
    s.ep[0] = Inet6SocketAddress(Ipv6Address("2001:db8::1"), 49153);
    s.ep[1] = Inet6SocketAddress(Ipv6Address("2001:db8::2"), 80);
    s.Deliver(Seconds(1), 0, s.Header(0, FullTcpHeader::SYN, 1, 0, 65535, 0, 0));
    EXPECT_EQ(rec->GetConnection(0).GetEndpoint(0), "[2001:db8::1]:49153");
    EXPECT_EQ(rec->GetFileStem(0), "1-2001-db8--1_49153-2001-db8--2_80");
}

TEST(TraceRecorder, WritesLaddersAndTimeSequenceGraphs)
{
    char dir[] = "/tmp/fulltcp-recorder-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript(*rec).HandshakeDataLostFinClose();
    const std::string prefix = std::string(dir) + "/ladder";
    const auto ladders = rec->WriteLadders(prefix);
    ASSERT_EQ(ladders,
              (std::vector<std::string> {prefix + "-1-10.0.0.1_49153-10.0.0.2_80.txt",
                                         prefix + "-1-10.0.0.1_49153-10.0.0.2_80.svg"}));
    // Only the client sent data in this script.
    const auto graphs = rec->WriteTimeSequences(prefix);
    ASSERT_EQ(
        graphs,
        (std::vector<std::string> {prefix + "-1-10.0.0.1_49153-10.0.0.2_80-tseq-client.svg"}));
    for (const auto& path : {ladders[0], ladders[1], graphs[0]})
    {
        std::ifstream f(path);
        const std::string body((std::istreambuf_iterator<char>(f)),
                               std::istreambuf_iterator<char>());
        EXPECT_FALSE(body.empty()) << path;
        if (path.size() > 4 && path.compare(path.size() - 4, 4, ".svg") == 0)
        {
            EXPECT_EQ(XmlProblem(body), "") << path;
        }
        std::remove(path.c_str());
    }
    rmdir(dir);

    // An unwritable prefix writes nothing and says so in the log, without failing.
    EXPECT_TRUE(rec->WriteLadders("/nonexistent-dir/x").empty());
}
