/*
 * Test: suite fulltcp-lifecycle, lost SYN/SYN-ACK/ACK/FIN/last ACK on StateChange traces
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-lifecycle": error models drop chosen segments on a simulated link (SYN,
 * SYN-ACK, third ACK, FIN, last ACK) and the whole connection lifecycle is checked end to end
 * on both protocols' StateChange traces (state, cause, time), as doc/lifecycle.rst says:
 *  - SYN lost: retransmitted after the initial RTO, the handshake completes;
 *  - SYN-ACK lost: the client's SYN retransmission draws a new SYN-ACK;
 *  - third ACK lost: the client's first data completes the server's handshake, or (nobody
 *    sends) the server's SYN-ACK retransmission is ACKed again;
 *  - FIN lost: retransmitted after the RTO, the close completes;
 *  - last ACK lost: the LAST_ACK side retransmits its FIN, the TIME_WAIT side (by then a
 *    TIME_WAIT record, its socket gone) ACKs it again and restarts 2·MSL.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/error-model.h"
#include "ns3/ppp-header.h"

#include <functional>
#include <sstream>
#include <vector>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// A segment seen by a receiving device.
struct Seen
{
    FullTcpHeader header; //!< its header
    uint32_t payload {0}; //!< its payload length
};

/// Drops the segments a rule picks, at one device's receive side (the packet still has its
/// PPP header there).
class SegmentDropper : public ErrorModel
{
  public:
    /// The rule: return true to drop.
    using Rule = std::function<bool(const Seen&)>;

    /// \param rule which segments to drop \param budget how many at most
    void
    Configure(Rule rule, uint32_t budget)
    {
        m_rule = std::move(rule);
        m_budget = budget;
    }

    /// Called for every segment that arrives (dropped or not), before the rule.
    std::function<void(const Seen&)> observer;
    uint32_t dropped {0}; //!< segments dropped

  private:
    bool
    DoCorrupt(Ptr<Packet> p) override
    {
        Ptr<Packet> copy = p->Copy();
        PppHeader ppp;
        copy->RemoveHeader(ppp);
        if (ppp.GetProtocol() == 0x0021)
        {
            Ipv4Header ip;
            copy->RemoveHeader(ip);
            if (ip.GetProtocol() != 6)
            {
                return false;
            }
        }
        else if (ppp.GetProtocol() == 0x0057)
        {
            Ipv6Header ip;
            copy->RemoveHeader(ip);
            if (ip.GetNextHeader() != 6)
            {
                return false;
            }
        }
        else
        {
            return false;
        }
        Seen seen;
        copy->RemoveHeader(seen.header);
        seen.payload = copy->GetSize();
        if (observer)
        {
            observer(seen);
        }
        if (m_budget > 0 && m_rule && m_rule(seen))
        {
            --m_budget;
            ++dropped;
            return true;
        }
        return false;
    }

    void
    DoReset() override
    {
    }

    Rule m_rule;           //!< which to drop
    uint32_t m_budget {0}; //!< drops left
};

/// One transition as traced by a protocol.
struct Step
{
    FullTcpState from;       //!< old state
    FullTcpState to;         //!< new state
    FullTcpStateCause cause; //!< why
    Time at;                 //!< when

    bool
    operator==(const Step& o) const
    {
        return from == o.from && to == o.to && cause == o.cause;
    }
};

std::ostream&
operator<<(std::ostream& os, const Step& s)
{
    return os << s.from << "->" << s.to << "(" << s.cause << ")@" << s.at.As(Time::S);
}

/// \param steps transitions \return them, one per line
std::string
Show(const std::vector<Step>& steps)
{
    std::ostringstream os;
    for (const auto& s : steps)
    {
        os << "\n    " << s;
    }
    return os.str();
}

/// Which segment the error model drops.
enum class Lost
{
    NOTHING,
    SYN,
    SYN_ACK,
    THIRD_ACK,
    THIRD_ACK_NO_DATA,
    FIN,
    LAST_ACK,
};

/// \param l a lost segment \return its name
std::string
LostName(Lost l)
{
    switch (l)
    {
    case Lost::NOTHING:
        return "nothing lost";
    case Lost::SYN:
        return "SYN lost";
    case Lost::SYN_ACK:
        return "SYN-ACK lost";
    case Lost::THIRD_ACK:
        return "third ACK lost, first data completes the handshake";
    case Lost::THIRD_ACK_NO_DATA:
        return "third ACK lost, SYN-ACK retransmission completes the handshake";
    case Lost::FIN:
        return "client FIN lost";
    case Lost::LAST_ACK:
        return "last ACK lost, TIME_WAIT record re-ACKs the FIN";
    }
    return "";
}

using S = FullTcpState;
using C = FullTcpStateCause;

/// The whole lifecycle with one chosen segment dropped.
class LifecycleTestCase : public TestCase
{
  public:
    LifecycleTestCase(Lost lost, bool ipv6) :
        TestCase(LostName(lost) + (ipv6 ? ", IPv6" : ", IPv4")), m_lost(lost), m_ipv6(ipv6)
    {
    }

  private:
    /// Record node `node`'s connection transitions.
    void
    Record(uint32_t node, uint32_t, const Address&, const Address& remote, S from, S to, C cause)
    {
        if (PortOf(remote) != 0) // connections, not the listener
        {
            m_steps[node].push_back(Step {from, to, cause, Simulator::Now()});
        }
    }

    /// \return the first time node reached state `to`, or -1 s
    Time
    When(uint32_t node, S to) const
    {
        for (const auto& s : m_steps[node])
        {
            if (s.to == to)
            {
                return s.at;
            }
        }
        return Seconds(-1);
    }

    void
    DoRun() override
    {
        ChecksumScope checksums;
        FullTcpHelper helper;
        helper.SetSocketAttribute("ConnTimeout", TimeValue(Seconds(1))); // RFC 6298 §2.1
        helper.SetSocketAttribute("Msl", TimeValue(Seconds(10)));
        TwoNodes net(Stacks::FULLTCP_BOTH, helper, "10ms");
        for (uint32_t n : {0, 1})
        {
            net.Tcp(n)->TraceConnectWithoutContext(
                "StateChange", MakeCallback(&LifecycleTestCase::Record, this).Bind(n));
        }
        // dev1 receives what the client sends, dev0 what the server sends.
        Ptr<SegmentDropper> toServer = CreateObject<SegmentDropper>();
        Ptr<SegmentDropper> toClient = CreateObject<SegmentDropper>();
        net.devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(toServer));
        net.devices.Get(0)->SetAttribute("ReceiveErrorModel", PointerValue(toClient));
        std::optional<uint32_t> serverFin;
        toClient->observer = [&serverFin](const Seen& s)
        {
            if (s.header.HasFlags(FullTcpHeader::FIN) && !serverFin)
            {
                serverFin = s.header.GetSequenceNumber() + s.payload;
            }
        };
        const auto pureAck = [](const Seen& s)
        {
            return s.payload == 0
                && (s.header.GetFlags()
                    & (FullTcpHeader::SYN | FullTcpHeader::FIN | FullTcpHeader::RST))
                       == 0;
        };
        switch (m_lost)
        {
        case Lost::NOTHING:
            break;
        case Lost::SYN:
            toServer->Configure(
                [](const Seen& s)
                {
                    return s.header.GetFlags() == FullTcpHeader::SYN;
                },
                1);
            break;
        case Lost::SYN_ACK:
            toClient->Configure(
                [](const Seen& s)
                {
                    return s.header.HasFlags(FullTcpHeader::SYN | FullTcpHeader::ACK);
                },
                1);
            break;
        case Lost::THIRD_ACK:
        case Lost::THIRD_ACK_NO_DATA:
            toServer->Configure(pureAck, 1); // the client's first pure ACK is the third
            break;
        case Lost::FIN:
            toServer->Configure(
                [](const Seen& s)
                {
                    return s.header.HasFlags(FullTcpHeader::FIN);
                },
                1);
            break;
        case Lost::LAST_ACK:
            toServer->Configure(
                [&serverFin, pureAck](const Seen& s)
                {
                    return pureAck(s) && serverFin && s.header.GetAckNumber() == *serverFin + 1;
                },
                1);
            break;
        }

        // The server: accept, read, close 1 s after the client's EOF (so the ACK of the
        // client's FIN leaves before the server's FIN, whatever the delayed-ACK timer).
        Ptr<Socket> listener = net.Socket(1);
        listener->Bind(TwoNodes::AnyAddress(m_ipv6, 80));
        listener->Listen();
        std::string received;
        Ptr<Socket> conn;
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    Callback<void, Ptr<Socket>, const Address&>(
                                        [&](Ptr<Socket> s, const Address&)
                                        {
                                            conn = s;
                                            s->SetRecvCallback(Callback<void, Ptr<Socket>>(
                                                [&](Ptr<Socket> c)
                                                {
                                                    while (Ptr<Packet> p = c->Recv())
                                                    {
                                                        if (p->GetSize() == 0)
                                                        {
                                                            Simulator::Schedule(Seconds(1),
                                                                                [c]()
                                                                                {
                                                                                    c->Close();
                                                                                });
                                                            return;
                                                        }
                                                        received += Bytes(p);
                                                    }
                                                }));
                                        }));
        // The client: connect at 1 s; send 1000 bytes once connected (unless the test is
        // about the silent handshake); close at 5 s; then drop its socket at once, so that
        // its TIME_WAIT lives on as a record only.
        Ptr<Socket> client = net.Socket(0);
        const bool sends = m_lost != Lost::THIRD_ACK_NO_DATA;
        const std::string data = Pattern(1000);
        client->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                       [&](Ptr<Socket> s)
                                       {
                                           if (sends)
                                           {
                                               s->Send(PacketOf(data));
                                           }
                                       }),
                                   MakeNullCallback<void, Ptr<Socket>>());
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                client->Connect(net.AddressOf(1, m_ipv6, 80));
                            });
        Simulator::Schedule(Seconds(5),
                            [&]()
                            {
                                client->Close();
                                client = nullptr;
                            });
        Simulator::Stop(Seconds(60));
        Simulator::Run();

        const auto& c = m_steps[0];
        const auto& s = m_steps[1];
        const std::vector<Step> clientExpected {
            {S::CLOSED, S::SYN_SENT, C::APP_CONNECT, {}},
            {S::SYN_SENT, S::ESTABLISHED, C::RCV_SYN_ACK, {}},
            {S::ESTABLISHED, S::FIN_WAIT_1, C::APP_CLOSE, {}},
            {S::FIN_WAIT_1, S::FIN_WAIT_2, C::RCV_ACK_OF_FIN, {}},
            {S::FIN_WAIT_2, S::TIME_WAIT, C::RCV_FIN, {}},
            {S::TIME_WAIT, S::CLOSED, C::TIMEOUT_2MSL, {}}};
        const std::vector<Step> serverExpected {
            {S::LISTEN, S::SYN_RCVD, C::RCV_SYN, {}},
            {S::SYN_RCVD, S::ESTABLISHED, C::RCV_ACK_OF_SYN, {}},
            {S::ESTABLISHED, S::CLOSE_WAIT, C::RCV_FIN, {}},
            {S::CLOSE_WAIT, S::LAST_ACK, C::APP_CLOSE, {}},
            {S::LAST_ACK, S::CLOSED, C::RCV_ACK_OF_FIN, {}}};
        NS_TEST_EXPECT_MSG_EQ((c == clientExpected), true, "client transitions:" << Show(c));
        NS_TEST_EXPECT_MSG_EQ((s == serverExpected), true, "server transitions:" << Show(s));
        NS_TEST_EXPECT_MSG_EQ(received, sends ? data : std::string(), "bytes delivered");
        NS_TEST_EXPECT_MSG_EQ(toServer->dropped + toClient->dropped,
                              (m_lost == Lost::NOTHING ? 0U : 1U),
                              "segments dropped");
        NS_TEST_EXPECT_MSG_EQ(net.Tcp(0)->GetNTimeWaitRecords(), 0, "TIME_WAIT over");

        const Time rtt = MilliSeconds(20);
        const Time established = When(0, S::ESTABLISHED);
        switch (m_lost)
        {
        case Lost::NOTHING:
            NS_TEST_EXPECT_MSG_LT(established, Seconds(1) + 2 * rtt, "one round trip");
            break;
        case Lost::SYN:
        case Lost::SYN_ACK:
            // The SYN goes again after the initial RTO of 1 s (RFC 6298 §2.1, §5).
            NS_TEST_EXPECT_MSG_GT(established, Seconds(2), "after one RTO");
            NS_TEST_EXPECT_MSG_LT(established, Seconds(2) + 2 * rtt, "right after it");
            break;
        case Lost::THIRD_ACK:
            // The client's data, one half round trip after the lost ACK, completes it.
            NS_TEST_EXPECT_MSG_LT(When(1, S::ESTABLISHED), Seconds(1.1), "data completes it");
            break;
        case Lost::THIRD_ACK_NO_DATA:
            // The server's SYN-ACK goes again after 1 s; the client ACKs it again.
            NS_TEST_EXPECT_MSG_GT(When(1, S::ESTABLISHED), Seconds(2), "after one RTO");
            NS_TEST_EXPECT_MSG_LT(When(1, S::ESTABLISHED), Seconds(2.1), "right after it");
            break;
        case Lost::FIN:
            // FIN at 5 s, lost; again after the RTO (at least 1 s, RFC 6298 §2.4).
            NS_TEST_EXPECT_MSG_GT(When(1, S::CLOSE_WAIT), Seconds(6), "after one RTO");
            break;
        case Lost::LAST_ACK:
        {
            // The server's FIN goes again after its RTO; the TIME_WAIT record answers and
            // restarts 2·MSL from then (RFC 9293 §3.10.7.4).
            const Time lastAck = When(1, S::CLOSED);
            const Time timeWait = When(0, S::TIME_WAIT);
            NS_TEST_EXPECT_MSG_GT(lastAck, timeWait + Seconds(1), "FIN retransmitted");
            NS_TEST_EXPECT_MSG_GT(c.back().at, lastAck + Seconds(20) - rtt, "2·MSL restarted");
            NS_TEST_EXPECT_MSG_LT(c.back().at, lastAck + Seconds(20) + rtt, "2·MSL restarted");
            break;
        }
        }
        conn = nullptr;
        listener = nullptr;
        Simulator::Destroy();
    }

    Lost m_lost;                  //!< which segment is dropped
    bool m_ipv6;                  //!< IPv6 or IPv4
    std::vector<Step> m_steps[2]; //!< transitions of node 0 and node 1
};

/// The suite.
class FullTcpLifecycleTestSuite : public TestSuite
{
  public:
    FullTcpLifecycleTestSuite() : TestSuite("fulltcp-lifecycle", TestSuite::Type::SYSTEM)
    {
        for (bool ipv6 : {false, true})
        {
            for (Lost lost : {Lost::NOTHING,
                              Lost::SYN,
                              Lost::SYN_ACK,
                              Lost::THIRD_ACK,
                              Lost::THIRD_ACK_NO_DATA,
                              Lost::FIN,
                              Lost::LAST_ACK})
            {
                AddTestCase(new LifecycleTestCase(lost, ipv6), FullTcpTestDuration::QUICK);
            }
        }
    }
};

FullTcpLifecycleTestSuite g_fullTcpLifecycleTestSuite; //!< registers the suite

} // namespace
