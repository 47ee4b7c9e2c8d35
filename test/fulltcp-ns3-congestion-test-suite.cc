/*
 * Tests: every ns-3 congestion control (ns3::TcpCongestionOps) runs on FullTcp, adapted
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Each of ns-3's algorithms carries a bulk transfer over a lossy link to the end, TcpBbr
 * (CongControl, its own pacing rate) included; three whose multiplicative decrease differs
 * from NewReno's show it in the first ssthresh after a loss (so the algorithm, not FullTcp's
 * NewReno, decided); TcpBbr paces at its own rate with cwnd near its bandwidth-delay
 * product; names that are not such an algorithm are refused with a message.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/core-module.h"
#include "ns3/fulltcp-helper.h"
#include "ns3/fulltcp-ns3-congestion.h"
#include "ns3/fulltcp-socket.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-congestion-ops.h"

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// The receiving application: counts what it reads, closes at the end of the stream.
struct Receiver : public SimpleRefCount<Receiver>
{
    /// \param s the accepted socket \param from its peer
    void
    Accepted(Ptr<Socket> s, const Address& from [[maybe_unused]])
    {
        s->SetRecvCallback(MakeCallback(&Receiver::Read, this));
    }

    /// \param s a socket with data (or the end of the stream) to read
    void
    Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            if (p->GetSize() == 0)
            {
                s->Close();
                return;
            }
            received += p->GetSize();
            last = Simulator::Now();
        }
    }

    uint64_t received {0}; //!< bytes read
    Time last;             //!< when the last byte was read
};

/// What one transfer did.
struct Transfer
{
    uint64_t received {0};      //!< bytes the server read
    std::vector<uint32_t> cwnd; //!< the sender's cwnd, every change
    std::string chosen;         //!< the CongestionControl attribute as read back
    double firstCut {-1};       //!< the first ssthresh set on a loss, over cwnd at the loss
    std::vector<std::pair<Time, uint32_t>> cwndAt; //!< the sender's cwnd, every change, timed
    std::vector<std::pair<Time, uint64_t>> pacing; //!< the sender's PacingRate (bit/s) changes
    Time done;                                     //!< when the server read the last byte

    /// \param now the sender's new pacing rate
    void
    PacingChanged(DataRate, DataRate now)
    {
        pacing.emplace_back(Simulator::Now(), now.GetBitRate());
    }

    /// \param now the sender's new cwnd
    void
    CwndChanged(uint32_t, uint32_t now)
    {
        cwnd.push_back(now);
        cwndAt.emplace_back(Simulator::Now(), now);
    }

    /// \param now the sender's new ssthresh
    void
    SsthreshChanged(uint32_t, uint32_t now)
    {
        if (firstCut < 0 && !cwnd.empty())
        {
            // Before the first loss cwnd only grew, so its largest value is the one at the
            // loss (the socket may report the cut cwnd before the new ssthresh).
            firstCut = static_cast<double>(now) / *std::max_element(cwnd.begin(), cwnd.end());
        }
    }
};

/**
 * \brief A FullTcp bulk transfer from node 0 to node 1 (100 Mb/s, 5 ms) with `loss` of the
 * data packets dropped at random (seeded: the same drops for every algorithm).
 * \param cc the sender's CongestionControl \param bytes how much \param loss drop rate
 * \param buffers send and receive buffers of both ends (0: the defaults)
 * \return what happened
 */
Transfer
Bulk(const std::string& cc, uint32_t bytes, double loss, uint32_t buffers = 0)
{
    Transfer t;
    TwoNodes net;
    Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
    em->SetAttribute("ErrorRate", DoubleValue(loss));
    em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
    em->AssignStreams(7);
    net.devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(em));

    Ptr<Socket> listener = net.Socket(1);
    Ptr<Socket> client = net.Socket(0);
    if (buffers > 0)
    {
        for (const Ptr<Socket>& s : {listener, client})
        {
            s->SetAttribute("SndBufSize", UintegerValue(buffers));
            s->SetAttribute("RcvBufSize", UintegerValue(buffers));
        }
    }
    listener->Bind(TwoNodes::AnyAddress(false, 80));
    listener->Listen();
    Ptr<Receiver> receiver = Create<Receiver>();
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                MakeCallback(&Receiver::Accepted, receiver));

    client->SetAttribute("CongestionControl", StringValue(cc));
    StringValue chosen;
    client->GetAttribute("CongestionControl", chosen);
    t.chosen = chosen.Get();
    client->TraceConnectWithoutContext("SlowStartThreshold",
                                       MakeCallback(&Transfer::SsthreshChanged, &t));
    client->TraceConnectWithoutContext("CongestionWindow",
                                       MakeCallback(&Transfer::CwndChanged, &t));
    client->TraceConnectWithoutContext("PacingRate", MakeCallback(&Transfer::PacingChanged, &t));
    // Write as the send buffer allows, from the connect and from each freed space; close
    // once everything is written.
    Ptr<BulkSender> sender = Create<BulkSender>(bytes);
    client->SetConnectCallback(MakeCallback(&BulkSender::Pump, sender),
                               MakeNullCallback<void, Ptr<Socket>>());
    client->SetSendCallback(MakeCallback(&BulkSender::PumpSpace, sender));
    ConnectAt(Seconds(0.1), client, net.AddressOf(1, false, 80));
    RunFor(Seconds(60));
    t.received = receiver->received;
    t.done = receiver->last;
    DestroyAfterReleasing(client, listener);
    return t;
}

/// Every ns-3 algorithm the adapter accepts completes a lossy bulk transfer on FullTcp.
class EveryAlgorithmTestCase : public TestCase
{
  public:
    EveryAlgorithmTestCase() :
        TestCase("every ns-3 TcpCongestionOps, TcpBbr too, completes a 1%-loss transfer")
    {
    }

  private:
    void
    DoRun() override
    {
        const uint32_t bytes = 300000;
        uint32_t ran = 0;
        bool bbr = false;
        for (const std::string& name : FullTcpNs3Congestion::Ns3AlgorithmNames())
        {
            bbr = bbr || name == "ns3::TcpBbr";
            const Transfer t = Bulk(name, bytes, 0.01);
            NS_TEST_EXPECT_MSG_EQ(t.chosen, name, name << " was not taken");
            NS_TEST_EXPECT_MSG_EQ(t.received, bytes, name << " did not deliver every byte");
            NS_TEST_EXPECT_MSG_GT(t.cwnd.size(), 10, name << " never moved cwnd");
            ++ran;
        }
        // NewReno, LinuxReno, HighSpeed, Hybla, Vegas, Scalable, Veno, Bic, Yeah, Illinois,
        // Westwood(+), Ledbat, Lp, Dctcp, Htcp, Cubic, Bbr: all of 3.37's and 3.48's.
        NS_TEST_EXPECT_MSG_GT_OR_EQ(ran, 16, "fewer of ns-3's algorithms than expected");
        NS_TEST_EXPECT_MSG_EQ(bbr, true, "ns3::TcpBbr was not among them");
    }
};

/// The algorithm, not FullTcp's NewReno, decides: its multiplicative decrease shows in the
/// first ssthresh after a loss (NewReno's would be half the flight).
class AlgorithmDecidesTestCase : public TestCase
{
  public:
    /**
     * \param name an ns-3 algorithm \param beta the fraction of cwnd it keeps on a loss
     * (its GetSsThresh(): TcpScalable 1 - 0.125 of the flight, TcpBic 0.8, TcpCubic 0.7)
     */
    AlgorithmDecidesTestCase(const std::string& name, double beta) :
        TestCase(name + " keeps " + std::to_string(beta).substr(0, 5)
                 + " of cwnd at the first loss (FullTcp's NewReno: half)"),
        m_name(name), m_beta(beta)
    {
    }

  private:
    void
    DoRun() override
    {
        const Transfer native = Bulk("NewReno", 2000000, 0.002);
        const Transfer adapted = Bulk(m_name, 2000000, 0.002);
        NS_TEST_ASSERT_MSG_EQ(native.received, 2000000, "NewReno run incomplete");
        NS_TEST_ASSERT_MSG_EQ(adapted.received, 2000000, m_name << " run incomplete");
        NS_TEST_ASSERT_MSG_GT(native.firstCut, 0, "no loss in the NewReno run");
        NS_TEST_EXPECT_MSG_LT(native.firstCut, 0.55, "NewReno's cut");
        NS_TEST_ASSERT_MSG_GT(adapted.firstCut, 0, "no loss in the " << m_name << " run");
        // The flight at the loss is at most cwnd (Scalable cuts the flight, in whole segments).
        NS_TEST_EXPECT_MSG_GT_OR_EQ(adapted.firstCut, m_beta - 0.1, m_name << "'s cut");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(adapted.firstCut, m_beta + 0.01, m_name << "'s cut");
    }

    std::string m_name; //!< the algorithm
    double m_beta;      //!< the fraction it keeps
};

/// ns-3's own NewReno through the adapter grows cwnd as FullTcp's NewReno does in slow start.
class Ns3NewRenoMatchesSlowStartTestCase : public TestCase
{
  public:
    Ns3NewRenoMatchesSlowStartTestCase() :
        TestCase("ns3::TcpNewReno in slow start grows cwnd as FullTcp's NewReno (RFC 5681)")
    {
    }

  private:
    void
    DoRun() override
    {
        const Transfer native = Bulk("NewReno", 100000, 0.0);
        const Transfer adapted = Bulk("ns3::TcpNewReno", 100000, 0.0);
        NS_TEST_ASSERT_MSG_EQ(adapted.received, 100000, "incomplete");
        // No loss, no ssthresh reached: slow start, one SMSS per ACK on both; the first five
        // changes of cwnd are the same.
        const std::vector<uint32_t> first(
            native.cwnd.begin(), native.cwnd.begin() + std::min<size_t>(5, native.cwnd.size()));
        const std::vector<uint32_t> firstAdapted(
            adapted.cwnd.begin(), adapted.cwnd.begin() + std::min<size_t>(5, adapted.cwnd.size()));
        NS_TEST_EXPECT_MSG_EQ(first.size(), 5, "too few cwnd changes to compare");
        NS_TEST_EXPECT_MSG_EQ((firstAdapted == first), true, "ns3::TcpNewReno grew differently");
    }
};

/// Names that are no algorithm the adapter can drive are refused with a message.
class RefusedNamesTestCase : public TestCase
{
  public:
    RefusedNamesTestCase() :
        TestCase("unknown names and non-TcpCongestionOps TypeIds are refused; TcpBbr is taken")
    {
    }

  private:
    void
    DoRun() override
    {
        TwoNodes net;
        Ptr<Socket> s = net.Socket(0);
        for (const char* name : {"NoSuchAlgorithm", "ns3::Node"})
        {
            NS_TEST_EXPECT_MSG_EQ(s->SetAttributeFailSafe("CongestionControl", StringValue(name)),
                                  false,
                                  name << " was accepted");
        }
        StringValue v;
        s->GetAttribute("CongestionControl", v);
        NS_TEST_EXPECT_MSG_EQ(v.Get(), "NewReno", "a refused name changed the attribute");
        // The short name is taken too, and the TypeId's own name (the attribute is a string:
        // ns-3 does not convert a TypeIdValue into it).
        NS_TEST_EXPECT_MSG_EQ(s->SetAttributeFailSafe("CongestionControl", StringValue("TcpBic")),
                              true,
                              "TcpBic refused");
        NS_TEST_EXPECT_MSG_EQ(
            s->SetAttributeFailSafe("CongestionControl",
                                    StringValue(TypeId::LookupByName("ns3::TcpVegas").GetName())),
            true,
            "ns3::TcpVegas refused");
        NS_TEST_EXPECT_MSG_EQ(s->SetAttributeFailSafe("CongestionControl", StringValue("TcpBbr")),
                              true,
                              "TcpBbr refused");
        DestroyAfterReleasing(s);
    }
};

/// ns-3's TcpBbr on FullTcp: CongControl sets cwnd from FullTcp's rate samples and the
/// pacing rate that FullTcp paces with (Pacing off: BBR asks for it).
class BbrPacesNearTheBdpTestCase : public TestCase
{
  public:
    BbrPacesNearTheBdpTestCase() :
        TestCase("ns3::TcpBbr paces at its bottleneck-bandwidth estimate with cwnd near the BDP")
    {
    }

  private:
    void
    DoRun() override
    {
        // 100 Mb/s, 10 ms round trip: BDP 125000 bytes. Buffers of 4 MB, so that neither
        // buffer but BBR limits the flight; no random loss. 20 MB take about 1.7 s, Startup and
        // Drain the first 0.3 s.
        const uint32_t bytes = 20000000;
        const double bdp = 100e6 / 8 * 0.010;
        const Transfer t = Bulk("ns3::TcpBbr", bytes, 0.0, 4 << 20);
        NS_TEST_ASSERT_MSG_EQ(t.received, bytes, "incomplete");
        NS_TEST_ASSERT_MSG_GT(t.cwndAt.size(), 10, "cwnd hardly changed");
        const Time from = t.cwndAt.front().first + MilliSeconds(500); // in ProbeBW by then
        // The pacing rate is BBR's: Startup paces at 2.89 times its bandwidth estimate (up to
        // some 260 Mb/s here), ProbeBW cycles 1.25, 0.75 and 1 times it (99 %): around the
        // 100 Mb/s bottleneck. Unlimited never once set.
        NS_TEST_ASSERT_MSG_GT(t.pacing.size(), 10, "PacingRate hardly changed");
        if (t.pacing.empty() || t.cwndAt.empty())
        {
            return; // ns-3 may continue after a failed assertion
        }
        uint64_t startup = 0;
        uint64_t lo = std::numeric_limits<uint64_t>::max();
        uint64_t hi = 0;
        for (const auto& [at, rate] : t.pacing)
        {
            startup = std::max(startup, rate);
            if (at >= from)
            {
                lo = std::min(lo, rate);
                hi = std::max(hi, rate);
            }
        }
        NS_TEST_EXPECT_MSG_LT(t.pacing.back().second,
                              std::numeric_limits<uint64_t>::max(),
                              "no pacing rate at the end");
        NS_TEST_EXPECT_MSG_GT(startup, 200e6, "no Startup at BBR's high gain");
        NS_TEST_EXPECT_MSG_LT(startup, 2.89 * 100e6 * 1.05, "above Startup's high gain");
        NS_TEST_EXPECT_MSG_GT(lo, 50e6, "ProbeBW's pacing rate far below the bottleneck");
        NS_TEST_EXPECT_MSG_LT(hi, 150e6, "ProbeBW's pacing rate far above the bottleneck");
        // cwnd in ProbeBW: 2 BDP (cwnd gain 2) and a few segments of quanta: between 1.5 and
        // 2.5 BDP all along, never below BBR's minimum of 4 segments.
        uint32_t most = 0;
        uint32_t least = std::numeric_limits<uint32_t>::max();
        for (const auto& [at, cwnd] : t.cwndAt)
        {
            if (at >= from && at < t.done)
            {
                most = std::max(most, cwnd);
                least = std::min(least, cwnd);
            }
        }
        NS_TEST_EXPECT_MSG_LT_OR_EQ(most, 2.5 * bdp, "cwnd above 2.5 BDP in ProbeBW");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(least, 1.5 * bdp, "cwnd below 1.5 BDP in ProbeBW");
    }
};

/// ns-3's congestion controls on FullTcp.
class FullTcpNs3CongestionTestSuite : public TestSuite
{
  public:
    FullTcpNs3CongestionTestSuite() : TestSuite("fulltcp-ns3-congestion", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new RefusedNamesTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new Ns3NewRenoMatchesSlowStartTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new AlgorithmDecidesTestCase("ns3::TcpScalable", 0.875),
                    FullTcpTestDuration::QUICK);
        AddTestCase(new AlgorithmDecidesTestCase("ns3::TcpBic", 0.8), FullTcpTestDuration::QUICK);
        AddTestCase(new AlgorithmDecidesTestCase("ns3::TcpCubic", 0.7), FullTcpTestDuration::QUICK);
        AddTestCase(new EveryAlgorithmTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new BbrPacesNearTheBdpTestCase(), FullTcpTestDuration::QUICK);
    }
};

/// Static instance.
FullTcpNs3CongestionTestSuite g_fullTcpNs3CongestionTestSuite;

} // namespace
