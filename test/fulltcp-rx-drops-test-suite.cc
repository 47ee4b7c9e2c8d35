/*
 * Test: suite fulltcp-rx-drops, malformed, bad-checksum, broadcast, unmatched, random bytes
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-rx-drops": the receive path of FullTcpL4Protocol on bad input. Raw IP
 * packets are sent from node 0 to node 1 (FullTcp at protocol 6):
 *  - malformed headers are dropped and counted by name, never answered, never asserted on;
 *  - a bad checksum (ChecksumEnabled on) is dropped and counted as BAD_CHECKSUM;
 *  - a segment to a broadcast address is dropped silently (RFC 1122 §4.2.3.10);
 *  - a segment that matches nothing gets the RST of RFC 9293 §3.10.7.1;
 *  - 2,000 random byte strings sent while a connection runs: nothing crashes, the
 *    connection's bytes still arrive.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/traffic-control-module.h"

#include <vector>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/**
 * \brief Node 0 sends without a queue disc: the default root queue disc on these devices,
 * FqCoDel (installed by the address helpers), hashes flows with ns-3's own TcpHeader, whose
 * parser aborts on a malformed option (TcpOptionMSS::Deserialize on ns-3.37). FullTcp's
 * receive path is what is tested, so the sender's queue disc goes.
 * \param net the network
 */
void
RemoveSenderQueueDisc(const TwoNodes& net)
{
    TrafficControlHelper tch;
    tch.Uninstall(net.devices.Get(0));
}

/// Sends raw bytes as the payload of an IP packet with protocol 6, node 0 -> node 1.
void
SendRaw(const TwoNodes& net, const std::vector<uint8_t>& bytes, bool ipv6, bool broadcast = false)
{
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    if (ipv6)
    {
        net.nodes.Get(0)->GetObject<Ipv6>()->Send(
            p, net.v6.GetAddress(0, 1), net.v6.GetAddress(1, 1), 6, nullptr);
        return;
    }
    net.nodes.Get(0)->GetObject<Ipv4>()->Send(p,
                                              net.v4.GetAddress(0),
                                              broadcast ? Ipv4Address("10.1.1.255")
                                                        : net.v4.GetAddress(1),
                                              6,
                                              nullptr);
}

/// \return the bytes of a well-formed header with these flags (checksum field as given)
std::vector<uint8_t>
Segment(uint8_t flags, uint32_t seq, uint32_t ack, uint16_t checksum = 0)
{
    FullTcpHeader h;
    h.SetSourcePort(4000);
    h.SetDestinationPort(81);
    h.SetSequenceNumber(seq);
    h.SetAckNumber(ack);
    h.SetFlags(flags);
    h.SetWindow(1000);
    h.SetChecksum(checksum);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    std::vector<uint8_t> out(p->GetSize());
    p->CopyData(out.data(), out.size());
    return out;
}

/// Malformed headers, a bad checksum, a broadcast, an unmatched segment.
class BadInputTestCase : public TestCase
{
  public:
    BadInputTestCase() : TestCase("malformed, bad-checksum, broadcast and unmatched segments") {}

  private:
    void
    DoRun() override
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
        TwoNodes net;
        RemoveSenderQueueDisc(net);
        std::vector<FullTcpHeader> rsts; // what node 0 gets back
        net.Tcp(0)->TraceConnectWithoutContext("SegmentReceived",
                                               Callback<void,
                                                        uint32_t,
                                                        Ptr<const Packet>,
                                                        const FullTcpHeader&,
                                                        const Address&,
                                                        const Address&>(
                                                   [&rsts](uint32_t,
                                                           Ptr<const Packet>,
                                                           const FullTcpHeader& h,
                                                           const Address&,
                                                           const Address&)
                                                   {
                                                       rsts.push_back(h);
                                                   }));
        Ptr<FullTcpL4Protocol> tcp = net.Tcp(1);
        // IPv6 duplicate address detection ends before 2 s.
        Simulator::Schedule(Seconds(2),
                            [&]()
                            {
                                SendRaw(net, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, false);
                                std::vector<uint8_t> tooSmall = Segment(FullTcpHeader::ACK, 1, 1);
                                tooSmall[12] = 0x40; // data offset 4 words
                                SendRaw(net, tooSmall, true);
                                std::vector<uint8_t> badOption = Segment(FullTcpHeader::SYN, 1, 0);
                                badOption[12] = 0x60; // 6 words: one option word
                                badOption.insert(badOption.end(), {2, 0, 0, 0}); // length 0
                                SendRaw(net, badOption, false);
                                SendRaw(net, Segment(FullTcpHeader::SYN, 1, 0), false, true);
                                SendRaw(net, Segment(FullTcpHeader::ACK, 5, 777), false);
                            });
        // A bad checksum: sent with checksums off (IPv6 has no header checksum), received
        // with checksums on.
        Simulator::Schedule(Seconds(3),
                            [&]()
                            {
                                SendRaw(net, Segment(FullTcpHeader::SYN, 9, 0, 0x1234), true);
                            });
        Simulator::Schedule(Seconds(3.001),
                            []()
                            {
                                GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
                            });
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
        NS_TEST_EXPECT_MSG_EQ(
            tcp->GetParseDrops(FullTcpParseError::TRUNCATED_HEADER), 1, "truncated");
        NS_TEST_EXPECT_MSG_EQ(
            tcp->GetParseDrops(FullTcpParseError::DATA_OFFSET_TOO_SMALL), 1, "data offset");
        NS_TEST_EXPECT_MSG_EQ(
            tcp->GetParseDrops(FullTcpParseError::OPTION_LENGTH_INVALID), 1, "option length");
        NS_TEST_EXPECT_MSG_EQ(
            tcp->GetParseDrops(FullTcpParseError::BAD_CHECKSUM), 1, "bad checksum");
        NS_TEST_EXPECT_MSG_EQ(tcp->GetUnmatchedSegments(), 1, "only the unmatched ACK");
        NS_TEST_ASSERT_MSG_EQ(rsts.size(), 1, "one RST came back");
        // RFC 9293 §3.10.7.1: "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>".
        NS_TEST_EXPECT_MSG_EQ(rsts[0].GetFlags(), FullTcpHeader::RST, "RST");
        NS_TEST_EXPECT_MSG_EQ(rsts[0].GetSequenceNumber(), 777, "SEQ = SEG.ACK");
        Simulator::Destroy();
    }
};

/// Random bytes thrown at a node while it runs a connection.
class GarbageTestCase : public TestCase
{
  public:
    GarbageTestCase() :
        TestCase("2,000 random byte strings during a transfer: no crash, the bytes arrive")
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        RemoveSenderQueueDisc(net);
        // The server (node 1, which the garbage is thrown at) sends 100 kB to the client.
        Ptr<Socket> listener = net.Socket(1);
        listener->Bind(TwoNodes::AnyAddress(false, 80));
        listener->Listen();
        Ptr<Socket> conn;
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    Callback<void, Ptr<Socket>, const Address&>(
                                        [&conn](Ptr<Socket> s, const Address&)
                                        {
                                            conn = s;
                                            s->Send(Create<Packet>(100000));
                                            s->Close();
                                        }));
        uint64_t received = 0;
        Ptr<Socket> client = net.Socket(0);
        client->SetRecvCallback(Callback<void, Ptr<Socket>>(
            [&received](Ptr<Socket> c)
            {
                Ptr<Packet> p;
                while ((p = c->Recv()) && p->GetSize() > 0) // 0 bytes: end of stream
                {
                    received += p->GetSize();
                }
            }));
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                client->Connect(net.AddressOf(1, false, 80));
                            });
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(42);
        for (uint32_t i = 0; i < 2000; ++i)
        {
            std::vector<uint8_t> bytes(rng->GetInteger(0, 80));
            for (auto& b : bytes)
            {
                b = static_cast<uint8_t>(rng->GetInteger(0, 255));
            }
            if (i % 2 == 0 && bytes.size() >= 4)
            {
                bytes[2] = 0; // half of them to port 80, the listener's
                bytes[3] = 80;
            }
            Simulator::Schedule(Seconds(1) + MicroSeconds(50 * i),
                                [&net, bytes, i]()
                                {
                                    SendRaw(net, bytes, i % 3 == 0);
                                });
        }
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(received, 100000, "the connection's bytes arrived");
        uint64_t drops = 0;
        for (uint8_t e = 1; e <= static_cast<uint8_t>(FullTcpParseError::BAD_CHECKSUM); ++e)
        {
            drops += net.Tcp(1)->GetParseDrops(static_cast<FullTcpParseError>(e));
        }
        NS_TEST_EXPECT_MSG_GT(drops, 1500, "almost all were dropped as malformed");
        conn = nullptr;
        client = nullptr;
        listener = nullptr;
        Simulator::Destroy();
    }
};

/// The suite.
class FullTcpRxDropsTestSuite : public TestSuite
{
  public:
    FullTcpRxDropsTestSuite() : TestSuite("fulltcp-rx-drops", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new BadInputTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new GarbageTestCase(), FullTcpTestDuration::QUICK);
    }
};

FullTcpRxDropsTestSuite g_fullTcpRxDropsTestSuite; //!< registers the suite

} // namespace
