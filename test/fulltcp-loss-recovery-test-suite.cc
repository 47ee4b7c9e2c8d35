/*
 * Tests: loss recovery over a simulated link: a lost tail with RACK-TLP and with RFC 6675 SACK
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A transfer whose last data segment is dropped once: with Recovery "Rack" the Tail Loss
 * Probe (RFC 8985 §7) resends it about one probe timeout later; with "Sack" (RFC 6675) only
 * the retransmission timeout does. And the profiles' choices: the Linux profile runs Linux
 * 6.18's loss machinery, the RFC profile RFC 5681/6675.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/core-module.h"
#include "ns3/fulltcp-helper.h"
#include "ns3/fulltcp-internet-stack-helper.h"
#include "ns3/fulltcp-profile.h"
#include "ns3/fulltcp-socket.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <string>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// Drops the n-th data packet (more than 500 bytes) a device receives, once.
class DropNthDataPacket : public ErrorModel
{
  public:
    /// \return the TypeId
    static TypeId
    GetTypeId()
    {
        static TypeId tid = TypeId("ns3::FullTcpTestDropNthDataPacket")
                                .SetParent<ErrorModel>()
                                .SetGroupName("FullTcp")
                                .AddConstructor<DropNthDataPacket>();
        return tid;
    }

    uint32_t nth {0};     //!< which data packet to drop (1 = the first); 0 drops none
    uint32_t seen {0};    //!< data packets seen
    bool dropped {false}; //!< it was dropped

  private:
    bool
    DoCorrupt(Ptr<Packet> p) override
    {
        if (p->GetSize() <= 500)
        {
            return false;
        }
        ++seen;
        if (seen == nth && !dropped)
        {
            dropped = true;
            return true;
        }
        return false;
    }

    void
    DoReset() override
    {
    }
};

/// What one transfer did.
struct Tail
{
    uint32_t total {0};        //!< bytes to move
    uint64_t received {0};     //!< bytes the server read
    Time done;                 //!< when the server had them all
    uint32_t probes {0};       //!< tail loss probes the client sent
    bool probeNewData {false}; //!< the last probe was new data
    Time srtt;                 //!< the client's SRTT, last value
    Time probeAt;              //!< when the (last) probe left
    uint64_t mibProbes {0};    //!< the client node's TCPLossProbes at the end

    /// \param s a socket with data to read
    void
    Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            received += p->GetSize();
        }
        if (received == total && done.IsZero())
        {
            done = Simulator::Now();
        }
    }

    /// \param s the connected client: write everything
    void
    Connected(Ptr<Socket> s)
    {
        s->Send(Create<Packet>(total));
    }

    /// \param s the accepted socket
    void
    Accepted(Ptr<Socket> s, const Address&)
    {
        s->SetRecvCallback(MakeCallback(&Tail::Read, this));
    }

    /// TailLossProbe trace. \param newData new data, not a retransmission
    void
    Probe(SequenceNumber32, bool newData)
    {
        ++probes;
        probeNewData = newData;
        probeAt = Simulator::Now();
    }

    /// RTT trace. \param now the new SRTT
    void
    Srtt(Time, Time now)
    {
        srtt = now;
    }
};

/// Segments of the transfer, of 1000 bytes each (SegmentSize 1012: the timestamps option
/// takes 12). Quick ACKs cover the first 16; afterwards the
/// peer acknowledges every second segment, so the 29th waits for its delayed ACK and two
/// segments are out when the ACK of the 28th arrives.
constexpr uint32_t SEGMENTS = 30;

/**
 * \brief Move SEGMENTS · 1000 bytes from node 0 to node 1 (100 Mb/s, 5 ms), the client with
 * Recovery = recovery and a 200 ms minimum RTO (Linux TCP_RTO_MIN).
 * \param recovery the client's Recovery \param dropLast drop the last data segment once
 * \return what happened
 */
Tail
Transfer(const std::string& recovery, bool dropLast)
{
    Tail t;
    t.total = SEGMENTS * 1000;
    TwoNodes net;
    Ptr<DropNthDataPacket> em = CreateObject<DropNthDataPacket>();
    em->nth = dropLast ? SEGMENTS : 0;
    net.devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(em));

    Ptr<Socket> listener = net.Socket(1);
    listener->SetAttribute("SegmentSize", UintegerValue(1012));
    listener->Bind(TwoNodes::AnyAddress(false, 80));
    listener->Listen();
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                MakeCallback(&Tail::Accepted, &t));

    Ptr<Socket> client = net.Socket(0);
    client->SetAttribute("SegmentSize", UintegerValue(1012));
    client->SetAttribute("Recovery", StringValue(recovery));
    client->SetAttribute("MinRto", TimeValue(MilliSeconds(200)));
    client->TraceConnectWithoutContext("TailLossProbe", MakeCallback(&Tail::Probe, &t));
    client->TraceConnectWithoutContext("RTT", MakeCallback(&Tail::Srtt, &t));
    client->SetConnectCallback(MakeCallback(&Tail::Connected, &t),
                               MakeNullCallback<void, Ptr<Socket>>());
    ConnectAt(Seconds(0.1), client, net.AddressOf(1, false, 80));
    RunFor(Seconds(10));
    NS_ASSERT(!dropLast || em->dropped);
    t.mibProbes = net.nodes.Get(0)->GetObject<FullTcpL4Protocol>()->GetMib().lossProbes;
    DestroyAfterReleasing(client, listener);
    return t;
}

/// The lost tail costs one probe timeout with RACK-TLP, one retransmission timeout with SACK.
class TailLossTestCase : public TestCase
{
  public:
    TailLossTestCase() :
        TestCase("a lost last segment: RACK-TLP repairs it one PTO later, SACK one RTO later")
    {
    }

  private:
    void
    DoRun() override
    {
        const Tail clean = Transfer("Rack", false);
        NS_TEST_ASSERT_MSG_EQ(clean.received, clean.total, "the lossless transfer did not end");
        NS_TEST_EXPECT_MSG_EQ(clean.probes, 0, "a probe without a loss");

        const Tail rack = Transfer("Rack", true);
        NS_TEST_ASSERT_MSG_EQ(rack.received, rack.total, "RACK-TLP did not repair the tail");
        NS_TEST_EXPECT_MSG_EQ(rack.probes, 1, "one tail loss probe");
        NS_TEST_EXPECT_MSG_EQ(rack.mibProbes, 1u, "the node's TCPLossProbes");
        NS_TEST_EXPECT_MSG_EQ(rack.probeNewData, false, "the probe resends the last segment");
        // tcp_schedule_loss_probe(): PTO = 2·SRTT + 2 ms with two segments out. The tail
        // arrives one PTO after the ACK that armed it, that ACK one round trip after the
        // clean transfer's tail: PTO <= delay <= PTO + 2·RTT.
        const Time pto = 2 * rack.srtt + MilliSeconds(2);
        const Time rackDelay = rack.done - clean.done;
        NS_TEST_EXPECT_MSG_GT_OR_EQ(rackDelay, pto, "the tail came back before a PTO");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(rackDelay,
                                    pto + 2 * rack.srtt,
                                    "RACK-TLP took longer than about one PTO (PTO "
                                        << pto.As(Time::MS) << ")");

        const Tail sack = Transfer("Sack", true);
        NS_TEST_ASSERT_MSG_EQ(sack.received, sack.total, "SACK did not repair the tail");
        NS_TEST_EXPECT_MSG_EQ(sack.probes, 0, "no probe without RACK-TLP");
        // Nothing comes back for the last segment but the RTO, at least the 200 ms minimum.
        const Time sackDelay = sack.done - clean.done;
        NS_TEST_EXPECT_MSG_GT_OR_EQ(
            sackDelay, MilliSeconds(200), "SACK repaired the tail before an RTO");
        NS_TEST_EXPECT_MSG_LT(rackDelay, sackDelay, "RACK-TLP was not faster");
    }
};

/// The Linux profile runs Linux 6.18's loss machinery; the RFC profile keeps RFC 5681/6675.
class ProfilesTestCase : public TestCase
{
  public:
    ProfilesTestCase() : TestCase("the Linux profile picks CUBIC, RACK-TLP, PRR, passive ECN") {}

  private:
    /// \param profile "linux" or "rfc" \param name an attribute \return its value on a socket
    static std::string
    Value(const std::string& profile, const std::string& name)
    {
        FullTcpHelper helper;
        FullTcpProfile::Apply(helper, profile);
        TwoNodes net(Stacks::FULLTCP_BOTH, helper, "1ms");
        Ptr<Socket> s = net.Socket(0);
        StringValue v;
        BooleanValue b;
        std::string out;
        if (s->GetAttributeFailSafe(name, v))
        {
            out = v.Get();
        }
        else if (s->GetAttributeFailSafe(name, b))
        {
            out = b.Get() ? "true" : "false";
        }
        DestroyAfterReleasing(s);
        return out;
    }

    void
    DoRun() override
    {
        // tcp_congestion_control = cubic, tcp_recovery = 1, tcp_early_retrans = 3, PRR
        // (no sysctl), tcp_ecn = 2, no pacing without fq, tcp_frto = 2, undo (no sysctl).
        NS_TEST_EXPECT_MSG_EQ(Value("linux", "CongestionControl"), "Cubic", "Linux: CUBIC");
        NS_TEST_EXPECT_MSG_EQ(Value("linux", "CubicHystart"), "Linux", "Linux: HyStart");
        NS_TEST_EXPECT_MSG_EQ(Value("linux", "Recovery"), "Rack", "Linux: RACK");
        NS_TEST_EXPECT_MSG_EQ(Value("linux", "Tlp"), "true", "Linux: TLP");
        NS_TEST_EXPECT_MSG_EQ(Value("linux", "Prr"), "true", "Linux: PRR");
        NS_TEST_EXPECT_MSG_EQ(
            Value("linux", "PrrVariant"), "Linux", "Linux: tcp_cwnd_reduction()'s PRR");
        NS_TEST_EXPECT_MSG_EQ(Value("linux", "Ecn"), "Passive", "Linux: tcp_ecn = 2");
        NS_TEST_EXPECT_MSG_EQ(Value("linux", "Pacing"), "false", "Linux: no pacing");
        NS_TEST_EXPECT_MSG_EQ(Value("linux", "Frto"), "true", "Linux: tcp_frto = 2");
        NS_TEST_EXPECT_MSG_EQ(Value("linux", "Undo"), "true", "Linux: undo");
        // RFC 5681 / RFC 6675 / RFC 6582, no ECN (RFC 3168 is optional).
        NS_TEST_EXPECT_MSG_EQ(Value("rfc", "CongestionControl"), "NewReno", "RFC: NewReno");
        NS_TEST_EXPECT_MSG_EQ(Value("rfc", "Recovery"), "Sack", "RFC: RFC 6675 SACK");
        NS_TEST_EXPECT_MSG_EQ(Value("rfc", "Prr"), "false", "RFC: no PRR");
        NS_TEST_EXPECT_MSG_EQ(Value("rfc", "PrrVariant"), "Rfc9937", "RFC: RFC 9937 if on");
        NS_TEST_EXPECT_MSG_EQ(Value("rfc", "Ecn"), "Off", "RFC: no ECN");
        NS_TEST_EXPECT_MSG_EQ(Value("rfc", "Frto"), "false", "RFC: RFC 5681 §3.1 timeouts");
        // The drop-in helper takes the profiles too: its TcpSocketFactory's sockets.
        NodeContainer nodes;
        nodes.Create(1);
        FullTcpInternetStackHelper internet;
        FullTcpProfile::Linux(internet);
        internet.Install(nodes);
        Ptr<Socket> s = Socket::CreateSocket(nodes.Get(0), TcpSocketFactory::GetTypeId());
        StringValue recovery;
        BooleanValue frto;
        s->GetAttribute("Recovery", recovery);
        s->GetAttribute("Frto", frto);
        NS_TEST_EXPECT_MSG_EQ(recovery.Get(), "Rack", "drop-in Linux: RACK");
        NS_TEST_EXPECT_MSG_EQ(frto.Get(), true, "drop-in Linux: F-RTO");
        DestroyAfterReleasing(s);
    }
};

/// The loss recovery suite.
class FullTcpLossRecoveryTestSuite : public TestSuite
{
  public:
    FullTcpLossRecoveryTestSuite() : TestSuite("fulltcp-loss-recovery", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new TailLossTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new ProfilesTestCase(), FullTcpTestDuration::QUICK);
    }
};

/// Static instance.
FullTcpLossRecoveryTestSuite g_fullTcpLossRecoveryTestSuite;

} // namespace
