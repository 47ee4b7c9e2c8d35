/*
 * Test: TestSuite scaffolding: two-node net, per-family cases, steps, callback recorder
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Shared by the ns-3 TestSuites of FullTcp: a two-node network, checksums on for a test
 * case, a test case run once per IP family, the steps of a simulation (connect at a time,
 * run, destroy), a byte pattern, and a recorder of socket callbacks.
 */
#ifndef FULLTCP_TEST_HELPERS_H
#define FULLTCP_TEST_HELPERS_H

#include "ns3/core-module.h"
#include "ns3/fulltcp-helper.h"
#include "ns3/fulltcp-l4-protocol.h"
#include "ns3/fulltcp-socket-factory.h"
#include "ns3/fulltcp-socket.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace fulltcp_test
{

using namespace ns3;

/// Enables the "ChecksumEnabled" global for the life of the object.
class ChecksumScope
{
  public:
    ChecksumScope()
    {
        BooleanValue old;
        GlobalValue::GetValueByName("ChecksumEnabled", old);
        m_old = old.Get();
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    }

    ~ChecksumScope()
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(m_old));
    }

    ChecksumScope(const ChecksumScope&) = delete;
    ChecksumScope& operator=(const ChecksumScope&) = delete;

  private:
    bool m_old; //!< value to restore
};

/// A TestCase run once over IPv4 and once over IPv6: its name ends in the family.
class FamilyTestCase : public TestCase
{
  protected:
    /// \param name the name up to the family ("... over ") \param ipv6 IPv6 or IPv4
    FamilyTestCase(const std::string& name, bool ipv6) :
        TestCase(name + (ipv6 ? "IPv6" : "IPv4")), m_ipv6(ipv6)
    {
    }

    const bool m_ipv6; //!< IPv6 or IPv4
};

/// How the two nodes get their TCP.
enum class Stacks
{
    FULLTCP_BOTH,   //!< FullTcp at protocol 6 on both nodes (over ns-3's stack)
    FULLTCP_CLIENT, //!< FullTcp on node 0 only; node 1 runs ns-3 TCP
    FULLTCP_SERVER, //!< FullTcp on node 1 only; node 0 runs ns-3 TCP
};

/// Sender (node 0), router (1), receiver (2): a 100 Mb/s, 1 ms access link, then the
/// bottleneck from the router; ns-3's Internet stack on all three, the TCPs for the test to
/// install on nodes 0 and 2, and no addresses yet (queue discs go in before them).
struct BottleneckPath
{
    NodeContainer nodes;           //!< sender, router, receiver
    NetDeviceContainer access;     //!< sender — router
    NetDeviceContainer bottleneck; //!< router — receiver (device 0 is the router's)

    /// \param rate the bottleneck's rate \param delay its delay
    /// \param queue the router's DropTail queue there, e.g. "83p" (empty: ns-3's default)
    BottleneckPath(const std::string& rate, const std::string& delay, const std::string& queue = "")
    {
        nodes.Create(3);
        PointToPointHelper first;
        first.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        first.SetChannelAttribute("Delay", StringValue("1ms"));
        PointToPointHelper second;
        second.SetDeviceAttribute("DataRate", StringValue(rate));
        second.SetChannelAttribute("Delay", StringValue(delay));
        if (!queue.empty())
        {
            second.SetQueue(
                "ns3::DropTailQueue<Packet>", "MaxSize", QueueSizeValue(QueueSize(queue)));
        }
        access = first.Install(nodes.Get(0), nodes.Get(1));
        bottleneck = second.Install(nodes.Get(1), nodes.Get(2));
        InternetStackHelper internet;
        internet.Install(nodes);
    }
};

/// Two nodes over point-to-point, IPv4 10.1.1.0/24 and IPv6 2001:db8::/64.
struct TwoNodes
{
    NodeContainer nodes;        //!< node 0 = client, node 1 = server
    NetDeviceContainer devices; //!< the link's two devices
    Ipv4InterfaceContainer v4;  //!< IPv4 interfaces
    Ipv6InterfaceContainer v6;  //!< IPv6 interfaces
    PointToPointHelper p2p;     //!< the link (for pcaps)

    /**
     * \param stacks where FullTcp goes
     * \param helper FullTcp's helper (attributes)
     * \param delay one-way delay of the link
     */
    explicit TwoNodes(Stacks stacks = Stacks::FULLTCP_BOTH,
                      const FullTcpHelper& helper = FullTcpHelper(),
                      const std::string& delay = "5ms")
    {
        nodes.Create(2);
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue(delay));
        devices = p2p.Install(nodes);
        InternetStackHelper internet;
        internet.Install(nodes);
        if (stacks != Stacks::FULLTCP_SERVER)
        {
            helper.Install(nodes.Get(0));
        }
        if (stacks != Stacks::FULLTCP_CLIENT)
        {
            helper.Install(nodes.Get(1));
        }
        FullTcpHelper::AssignStreams(nodes, 1);
        Ipv4AddressHelper a4("10.1.1.0", "255.255.255.0");
        v4 = a4.Assign(devices);
        Ipv6AddressHelper a6;
        a6.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
        v6 = a6.Assign(devices);
    }

    /// \param ipv6 family \param port port \param node 0 or 1 \return node's address
    Address
    AddressOf(uint32_t node, bool ipv6, uint16_t port) const
    {
        if (ipv6)
        {
            return Inet6SocketAddress(v6.GetAddress(node, 1), port);
        }
        return InetSocketAddress(v4.GetAddress(node), port);
    }

    /// \param ipv6 family \param port port \return the wildcard address
    static Address
    AnyAddress(bool ipv6, uint16_t port)
    {
        if (ipv6)
        {
            return Inet6SocketAddress(Ipv6Address::GetAny(), port);
        }
        return InetSocketAddress(Ipv4Address::GetAny(), port);
    }

    /// \param node 0 or 1 \return a new FullTcp socket there
    Ptr<FullTcpSocket>
    Socket(uint32_t node) const
    {
        return DynamicCast<FullTcpSocket>(
            ns3::Socket::CreateSocket(nodes.Get(node), FullTcpSocketFactory::GetTypeId()));
    }

    /// \param node 0 or 1 \return its FullTcp protocol
    Ptr<FullTcpL4Protocol>
    Tcp(uint32_t node) const
    {
        return nodes.Get(node)->GetObject<FullTcpL4Protocol>();
    }

    /**
     * \brief Drop every packet node `node` receives from `from` on (a dead link).
     * \param node 0 or 1 \param from when
     */
    void
    CutAt(uint32_t node, Time from) const
    {
        Ptr<NetDevice> dev = devices.Get(node);
        Simulator::Schedule(from,
                            [dev]()
                            {
                                Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
                                em->SetAttribute("ErrorRate", DoubleValue(1.0));
                                em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
                                dev->SetAttribute("ReceiveErrorModel", PointerValue(em));
                            });
    }

    /**
     * \brief Stop the drops CutAt() started.
     * \param node 0 or 1 \param at when
     */
    void
    HealAt(uint32_t node, Time at) const
    {
        Ptr<NetDevice> dev = devices.Get(node);
        Simulator::Schedule(at,
                            [dev]()
                            {
                                PointerValue v;
                                dev->GetAttribute("ReceiveErrorModel", v);
                                if (Ptr<ErrorModel> em = v.Get<ErrorModel>())
                                {
                                    em->Disable();
                                }
                            });
    }
};

/// The event of ConnectAt(). \param socket a socket \param to its peer \param result where
/// Connect()'s return value goes (nowhere if null)
inline void
ConnectStoring(Ptr<Socket> socket, const Address& to, int* result)
{
    const int r = socket->Connect(to);
    if (result)
    {
        *result = r;
    }
}

/**
 * \brief Connect a socket from an event at `at`: sockets send only once the simulation runs
 * (the traffic-control layer is set up by Node::Initialize at the start of Simulator::Run()).
 * \param at when, from now \param socket the socket \param to its peer
 * \param result where Connect()'s return value goes (nowhere if null)
 */
inline void
ConnectAt(Time at, Ptr<Socket> socket, const Address& to, int* result = nullptr)
{
    Simulator::Schedule(at, &ConnectStoring, socket, to, result);
}

/// \param duration how long to run the simulation from now
inline void
RunFor(Time duration)
{
    Simulator::Stop(duration);
    Simulator::Run();
}

/**
 * \brief Let go of a test's sockets, then Simulator::Destroy(): the disposed nodes drop
 * their references, so the sockets are freed with the simulation instead of outliving it
 * until the test's locals go out of scope.
 * \param sockets the test's references, null afterwards
 */
template<typename... T>
void
DestroyAfterReleasing(Ptr<T>&... sockets)
{
    ((sockets = nullptr), ...);
    Simulator::Destroy();
}

/// \param a an InetSocketAddress or Inet6SocketAddress \return its port (0 for a
/// listener's remote in the StateChange trace)
inline uint16_t
PortOf(const Address& a)
{
    return InetSocketAddress::IsMatchingType(a) ? InetSocketAddress::ConvertFrom(a).GetPort()
                                                : Inet6SocketAddress::ConvertFrom(a).GetPort();
}

/**
 * \brief Call f(remote, to) for every transition on a node (the protocol's StateChange).
 * \param tcp the node's protocol
 * \param f gets the peer (port 0 for a listener) and the new state
 */
inline void
OnStateChange(Ptr<FullTcpL4Protocol> tcp, std::function<void(const Address&, FullTcpState)> f)
{
    tcp->TraceConnectWithoutContext("StateChange",
                                    Callback<void,
                                             uint32_t,
                                             const Address&,
                                             const Address&,
                                             FullTcpState,
                                             FullTcpState,
                                             FullTcpStateCause>(
                                        [f](uint32_t,
                                            const Address&,
                                            const Address& remote,
                                            FullTcpState,
                                            FullTcpState to,
                                            FullTcpStateCause)
                                        {
                                            f(remote, to);
                                        }));
}

/// \param n length \param seed variation \return n bytes that do not repeat with a short period
inline std::string
Pattern(size_t n, uint8_t seed = 0)
{
    std::string s(n, '\0');
    for (size_t i = 0; i < n; ++i)
    {
        s[i] = static_cast<char>(seed + i * 7 + i / 251);
    }
    return s;
}

/// \param p a packet \return its bytes
inline std::string
Bytes(Ptr<const Packet> p)
{
    std::string s(p->GetSize(), '\0');
    p->CopyData(reinterpret_cast<uint8_t*>(s.data()), s.size());
    return s;
}

/// \param s bytes \return a packet holding them
inline Ptr<Packet>
PacketOf(const std::string& s)
{
    return Create<Packet>(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

/// \return whether tshark is installed (when FULLTCP_REQUIRE_TSHARK is set it must be)
inline bool
HaveTshark()
{
    return system("command -v tshark >/dev/null 2>&1") == 0;
}

/**
 * \param devices a link's two devices, on nodes with IP stacks \param ipv6 the family
 * \return the addresses given to device 0 and device 1: 2001:db8::/64 or 10.1.1.0/24
 */
inline std::pair<Address, Address>
AssignLink(const NetDeviceContainer& devices, bool ipv6)
{
    if (ipv6)
    {
        Ipv6AddressHelper v6;
        v6.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer ifs = v6.Assign(devices);
        return {ifs.GetAddress(0, 1), ifs.GetAddress(1, 1)};
    }
    Ipv4AddressHelper v4("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer ifs = v4.Assign(devices);
    return {ifs.GetAddress(0), ifs.GetAddress(1)};
}

/// What TsharkCount() returns when tshark could not judge (not installed, an unreadable
/// capture, a filter it rejects): no expected count equals it, so every check fails.
constexpr size_t kTsharkFailed = std::numeric_limits<size_t>::max();

/**
 * \param pcap a capture file \param filter a Wireshark display filter
 * \return how many frames match, with TCP and IP checksum validation on and absolute
 *         sequence numbers; kTsharkFailed (and tshark's message on stderr) when tshark exits
 *         with an error
 */
inline size_t
TsharkCount(const std::string& pcap, const std::string& filter)
{
    // stderr is kept apart: tshark warns there even on success (as root), and its message
    // explains a failure.
    const std::string err = pcap + ".tshark-stderr";
    const std::string cmd = "tshark -n -r '" + pcap
                          + "' -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE "
                            "-o tcp.relative_sequence_numbers:FALSE -Y '"
                          + filter + "' 2>'" + err + "'";
    FILE* f = popen(cmd.c_str(), "r");
    if (f == nullptr)
    {
        std::cerr << "tshark: cannot run '" << cmd << "'\n";
        return kTsharkFailed;
    }
    size_t lines = 0;
    for (int c = fgetc(f); c != EOF; c = fgetc(f))
    {
        lines += c == '\n' ? 1 : 0;
    }
    const int status = pclose(f);
    std::ifstream errors(err);
    const std::string message((std::istreambuf_iterator<char>(errors)),
                              std::istreambuf_iterator<char>());
    std::remove(err.c_str());
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    {
        std::cerr << "tshark failed (status " << status << ") on filter '" << filter
                  << "': " << message << "\n";
        return kTsharkFailed;
    }
    return lines;
}

/// The sending application of a bulk transfer: writes `total` bytes, then closes.
struct BulkSender : public SimpleRefCount<BulkSender>
{
    /// \param n bytes to send
    explicit BulkSender(uint32_t n) : total(n) {}

    /// \param s the socket: write what fits
    void
    Pump(Ptr<Socket> s)
    {
        while (written < total && s->GetTxAvailable() > 0)
        {
            const uint32_t n = std::min({s->GetTxAvailable(), total - written, 8192U});
            if (s->Send(Create<Packet>(n)) < 0)
            {
                return;
            }
            written += n;
        }
        if (written == total && !closed)
        {
            closed = true;
            s->Close();
        }
    }

    /// \param s the socket \param space its free send space (Pump() asks again)
    void
    PumpSpace(Ptr<Socket> s, uint32_t space [[maybe_unused]])
    {
        Pump(s);
    }

    uint32_t total;       //!< bytes to send
    uint32_t written {0}; //!< bytes written so far
    bool closed {false};  //!< Close() called
};

} // namespace fulltcp_test

#endif /* FULLTCP_TEST_HELPERS_H */
