/*
 * Example: real-time FullTcp host behind an FdNetDevice router, talking to Linux kernel TCP
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-emu — FullTcp talks to a real TCP stack (doc/interop.rst, "Talking to real stacks").
 *
 * The real-time simulator runs a FullTcp host behind an ns-3 router whose FdNetDevice is a
 * PF_PACKET socket on a real (veth) interface, so Linux's kernel TCP is the peer:
 *
 *   Linux peer ---veth--- [router: --routerIp on --dev] ==p2p --delay== [FullTcp: --ip]
 *
 * The p2p hop (5 ms by default) keeps real-time scheduling jitter (a few ms) small against the
 * RTT, so it does not look like TCP behaviour (the FIN retransmissions of
 * ../shared/reference/emulation.md §6.9). The Linux side needs a route to --ip's /24 via
 * --routerIp. Needs CAP_NET_RAW (and CAP_NET_ADMIN for the 8 MiB socket buffer); the
 * interface must be up and promiscuous, with tx checksum offload off on the peer's veth end.
 *
 * Roles:
 *   --role=server --app=sink|echo|http  accept on --port; sink reads everything, echo sends it
 *                                       back, http answers "GET /N" with N pattern bytes
 *   --role=client                       connect to --peer:--port and send --bytes
 * Either side sends --bytes pattern bytes (see PatternByte) on the connection; --halfClose
 * sends FIN as soon as they are out, without waiting for the peer's FIN (the client and the
 * http server always do); otherwise FIN follows the peer's. --abortAfter=N closes with unread
 * bytes after reading N, which resets the connection (RFC 9293 §3.6.1, RFC 2525 §2.17).
 *
 * Prints "READY" once the simulator runs, then one "RESULT ..." line with the bytes and CRC-32
 * of each direction, how the connection ended, the ns-3 errno and the segments the FullTcp
 * node received (in_segs, TCP-MIB tcpInSegs), for test/interop-linux.sh.
 */
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/emu-fd-net-device-helper.h"
#include "ns3/fd-net-device.h"
#include "ns3/fulltcp-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <net/if.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("FullTcpEmu");

namespace
{

/// Period of the content pattern: a prime, so it never lines up with segment boundaries.
constexpr uint64_t PATTERN_PERIOD = 65521;

/**
 * Byte i of the content both sides send (test/interop-peer.py computes the same): offset
 * errors, lost or duplicated bytes change the CRC-32 of what arrives.
 * \param i offset in the stream \return the byte
 */
uint8_t
PatternByte(uint64_t i)
{
    return static_cast<uint8_t>(((i % PATTERN_PERIOD) * 2654435761ULL) >> 24);
}

/// Byte count and CRC-32 (IEEE 802.3, as zlib.crc32) of one direction of a stream.
class StreamDigest
{
  public:
    /// \param data bytes \param size their count
    void
    Add(const uint8_t* data, uint32_t size)
    {
        static const std::array<uint32_t, 256> table = []
        {
            std::array<uint32_t, 256> t {};
            for (uint32_t n = 0; n < 256; ++n)
            {
                uint32_t c = n;
                for (int k = 0; k < 8; ++k)
                {
                    c = (c & 1) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
                }
                t[n] = c;
            }
            return t;
        }();
        for (uint32_t k = 0; k < size; ++k)
        {
            m_crc = table[(m_crc ^ data[k]) & 0xff] ^ (m_crc >> 8);
        }
        m_bytes += size;
    }

    /// \return bytes added
    uint64_t
    Bytes() const
    {
        return m_bytes;
    }

    /// \return CRC-32 of the bytes added
    uint32_t
    Crc() const
    {
        return m_crc ^ 0xFFFFFFFFU;
    }

  private:
    uint64_t m_bytes {0};         //!< bytes added
    uint32_t m_crc {0xFFFFFFFFU}; //!< running CRC register
};

/// What the FullTcp side does with a connection.
struct EmuBehaviour
{
    std::string app {"sink"}; //!< sink, echo or http (server)
    uint64_t bytes {0};       //!< pattern bytes to send on the connection
    bool halfClose {false};   //!< FIN once our bytes are out, not after the peer's FIN
    uint64_t abortAfter {0};  //!< reset after reading this many bytes (0: never)
};

/**
 * One FullTcp connection of the example: reads, optionally echoes or serves HTTP/1.0, sends
 * its pattern bytes as send-buffer space allows, closes per EmuBehaviour, and records how it
 * ended.
 */
class EmuConnection : public SimpleRefCount<EmuConnection>
{
  public:
    /// \param socket the connected socket \param behaviour what to do
    EmuConnection(Ptr<Socket> socket, const EmuBehaviour& behaviour) :
        m_socket(socket), m_behaviour(behaviour)
    {
    }

    /// Hook the callbacks and start sending (the connection is established).
    void
    Start()
    {
        Ptr<EmuConnection> self(this);
        m_socket->SetRecvCallback(MakeCallback(&EmuConnection::OnRecv, self));
        m_socket->SetSendCallback(MakeCallback(&EmuConnection::OnSend, self));
        m_socket->SetCloseCallbacks(MakeCallback(&EmuConnection::OnNormalClose, self),
                                    MakeCallback(&EmuConnection::OnErrorClose, self));
        if (m_behaviour.app != "http" && m_behaviour.app != "echo")
        {
            m_patternLeft = m_behaviour.bytes;
        }
        Pump();
    }

    /// Unhook the callbacks: they hold this object, which holds the socket (a cycle that
    /// would outlive the simulation once the socket has left the protocol).
    void
    Stop()
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        m_socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                    MakeNullCallback<void, Ptr<Socket>>());
    }

    /// \return received bytes
    const StreamDigest&
    Rx() const
    {
        return m_rx;
    }

    /// \return sent bytes (all of them, HTTP header included)
    const StreamDigest&
    Tx() const
    {
        return m_tx;
    }

    /// \return "closed", "reset", "aborted" or "open"
    std::string
    End() const
    {
        return m_end;
    }

    /// \return the socket's errno when it ended in error
    Socket::SocketErrno
    Errno() const
    {
        return m_errno;
    }

  private:
    void
    OnRecv(Ptr<Socket> socket)
    {
        while (!m_aborted)
        {
            uint32_t want = UINT32_MAX;
            if (m_behaviour.abortAfter > 0)
            {
                if (m_rx.Bytes() >= m_behaviour.abortAfter)
                {
                    Abort();
                    return;
                }
                want = static_cast<uint32_t>(m_behaviour.abortAfter - m_rx.Bytes());
            }
            Ptr<Packet> p = socket->Recv(want, 0);
            if (!p)
            {
                return; // nothing more now
            }
            if (p->GetSize() == 0)
            {
                m_peerEof = true; // the peer's FIN, after all its bytes
                Pump();
                return;
            }
            std::vector<uint8_t> data(p->GetSize());
            p->CopyData(data.data(), data.size());
            m_rx.Add(data.data(), data.size());
            if (m_behaviour.app == "echo")
            {
                m_pending.insert(m_pending.end(), data.begin(), data.end());
            }
            else if (m_behaviour.app == "http" && !m_responding)
            {
                m_request.append(data.begin(), data.end());
                Respond();
            }
            Pump();
        }
    }

    /// Close with bytes unread: the engine answers with a RST (ABORT, RFC 9293 §3.10.5).
    void
    Abort()
    {
        if (m_socket->GetRxAvailable() == 0)
        {
            return; // wait for unread bytes, so that the close is a reset
        }
        m_aborted = true;
        m_end = "aborted";
        m_socket->Close();
    }

    /// Answer the HTTP/1.0 request line once the header is complete (RFC 1945 §5, §6).
    void
    Respond()
    {
        if (m_request.find("\r\n\r\n") == std::string::npos)
        {
            return;
        }
        m_responding = true;
        uint64_t length = m_behaviour.bytes;
        std::string status = "200 OK";
        if (m_request.compare(0, 5, "GET /") != 0)
        {
            status = "400 Bad Request";
            length = 0;
        }
        else if (std::isdigit(static_cast<unsigned char>(m_request[5])))
        {
            length = std::strtoull(m_request.c_str() + 5, nullptr, 10); // GET /N: N bytes
        }
        std::ostringstream head;
        head << "HTTP/1.0 " << status << "\r\nContent-Type: application/octet-stream\r\n"
             << "Content-Length: " << length << "\r\nConnection: close\r\n\r\n";
        const std::string h = head.str();
        m_pending.assign(h.begin(), h.end());
        m_patternLeft = length;
    }

    void
    OnSend(Ptr<Socket>, uint32_t)
    {
        Pump();
    }

    /// Send what is pending as far as the send buffer takes it, then close per the behaviour.
    void
    Pump()
    {
        if (m_aborted || m_closed)
        {
            return;
        }
        if (!m_finSent)
        {
            SendPending();
            const bool allSent = m_pending.empty() && m_patternLeft == 0;
            // HTTP/1.0: the server closes once the response is out (RFC 1945 §7.2.2).
            const bool finNow = m_behaviour.halfClose || m_responding || m_peerEof;
            if (allSent && finNow)
            {
                m_finSent = true;
                m_socket->ShutdownSend(); // FIN after the queued bytes
            }
        }
        if (m_finSent && m_peerEof)
        {
            m_closed = true; // both directions done: release the socket
            m_socket->Close();
        }
    }

    /// Hand pending bytes (echo, HTTP header, then pattern) to the socket while it takes them.
    void
    SendPending()
    {
        while (m_socket->GetTxAvailable() > 0 && (!m_pending.empty() || m_patternLeft > 0))
        {
            std::vector<uint8_t> chunk;
            const uint64_t room = std::min<uint64_t>(m_socket->GetTxAvailable(), 65536);
            if (!m_pending.empty())
            {
                const auto n =
                    static_cast<std::ptrdiff_t>(std::min<uint64_t>(room, m_pending.size()));
                chunk.assign(m_pending.begin(), m_pending.begin() + n);
                m_pending.erase(m_pending.begin(), m_pending.begin() + n);
            }
            else
            {
                chunk.resize(std::min(room, m_patternLeft));
                for (auto& b : chunk)
                {
                    b = PatternByte(m_patternOffset++);
                }
                m_patternLeft -= chunk.size();
            }
            // Send is all or nothing (doc/using.rst); the chunk fits the free space.
            if (m_socket->Send(Create<Packet>(chunk.data(), chunk.size())) < 0)
            {
                NS_FATAL_ERROR("Send of " << chunk.size() << " bytes failed: errno "
                                          << m_socket->GetErrno());
            }
            m_tx.Add(chunk.data(), chunk.size());
        }
    }

    void
    OnNormalClose(Ptr<Socket>)
    {
        if (m_end == "open")
        {
            m_end = "closed";
        }
    }

    void
    OnErrorClose(Ptr<Socket> socket)
    {
        m_end = "reset";
        m_errno = socket->GetErrno();
    }

    Ptr<Socket> m_socket;                                 //!< the connection
    EmuBehaviour m_behaviour;                             //!< what to do
    StreamDigest m_rx;                                    //!< bytes read
    StreamDigest m_tx;                                    //!< bytes sent
    std::vector<uint8_t> m_pending;                       //!< echo or HTTP header bytes to send
    uint64_t m_patternLeft {0};                           //!< pattern bytes still to send
    uint64_t m_patternOffset {0};                         //!< next pattern offset
    std::string m_request;                                //!< HTTP request so far
    bool m_responding {false};                            //!< HTTP response queued
    bool m_peerEof {false};                               //!< the peer's FIN was read
    bool m_finSent {false};                               //!< ShutdownSend() called
    bool m_aborted {false};                               //!< closed with unread bytes
    bool m_closed {false};                                //!< Close() called
    std::string m_end {"open"};                           //!< how it ended
    Socket::SocketErrno m_errno {Socket::ERROR_NOTERROR}; //!< errno when it failed
};

/// Opens the PF_PACKET socket in this process: Debian's EmuFdNetDeviceHelper would exec a
/// raw-sock-creator at a build-tree path that does not exist (emulation.md §5.1).
class InProcessEmuFdNetDeviceHelper : public EmuFdNetDeviceHelper
{
  protected:
    int
    CreateFileDescriptor() const override
    {
        int fd = socket(PF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
        if (fd < 0)
        {
            NS_FATAL_ERROR("socket(PF_PACKET, SOCK_RAW) failed: " << std::strerror(errno)
                                                                  << " (needs CAP_NET_RAW)");
        }
        // The default 208 KiB drops frames of a Linux burst before ns-3 reads them
        // (emulation.md §5.4); FORCE needs CAP_NET_ADMIN, plain SO_RCVBUF is capped by rmem_max.
        int size = 8 << 20;
        if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0)
        {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
        }
        return fd;
    }
};

/// The example's state for the RESULT line and the stop condition.
struct EmuRun
{
    EmuBehaviour behaviour;                //!< what connections do
    std::vector<Ptr<EmuConnection>> conns; //!< connections so far
    std::string connect {"none"};          //!< client: connected, refused, timeout
    Time connectStart;                     //!< client: when Connect() was called
    Time connectTime;                      //!< client: until the handshake's outcome
    Socket::SocketErrno connectErrno {Socket::ERROR_NOTERROR}; //!< why it failed
    Time linger {MilliSeconds(300)};                           //!< run on after the connection ends
    bool stopping {false};                                     //!< Stop is scheduled
};

EmuRun g_run; //!< the one run of this process

/// A connection of the FullTcp node reached CLOSED or TIME_WAIT: stop a little later, so the
/// last segments (the peer's final ACK, our RST answers) are still handled.
void
ConnectionStateChanged(uint32_t,
                       const Address& local,
                       const Address& remote,
                       FullTcpState from,
                       FullTcpState to,
                       FullTcpStateCause cause)
{
    NS_LOG_INFO(InetSocketAddress::ConvertFrom(local).GetPort()
                << " <-> " << InetSocketAddress::ConvertFrom(remote).GetIpv4() << ":"
                << InetSocketAddress::ConvertFrom(remote).GetPort() << " " << from << " -> " << to
                << " (" << cause << ")");
    if (from != FullTcpState::LISTEN && !g_run.stopping
        && (to == FullTcpState::CLOSED || to == FullTcpState::TIME_WAIT))
    {
        g_run.stopping = true;
        Simulator::Schedule(g_run.linger, &Simulator::Stop);
    }
}

bool
ServerAccept(Ptr<Socket>, const Address&)
{
    return true;
}

void
ServerAccepted(Ptr<Socket> socket, const Address&)
{
    g_run.conns.push_back(Create<EmuConnection>(socket, g_run.behaviour));
    g_run.conns.back()->Start();
}

void
ClientConnected(Ptr<Socket> socket)
{
    g_run.connect = "connected";
    g_run.connectTime = Simulator::Now() - g_run.connectStart;
    g_run.conns.push_back(Create<EmuConnection>(socket, g_run.behaviour));
    g_run.conns.back()->Start();
}

void
ClientFailed(Ptr<Socket> socket)
{
    g_run.connectErrno = socket->GetErrno();
    // ERROR_NOTCONN: refused (RST or ICMP port unreachable); see doc/using.rst.
    g_run.connect = g_run.connectErrno == Socket::ERROR_NOTCONN ? "refused" : "failed";
    g_run.connectTime = Simulator::Now() - g_run.connectStart;
}

void
ClientStart(Ptr<Socket> socket, Address peer)
{
    g_run.connectStart = Simulator::Now();
    socket->SetConnectCallback(MakeCallback(&ClientConnected), MakeCallback(&ClientFailed));
    if (socket->Connect(peer) < 0)
    {
        NS_FATAL_ERROR("Connect failed: errno " << socket->GetErrno());
    }
}

void
Ready()
{
    std::cout << "READY" << std::endl; // the test starts its Linux peer now
}

/**
 * Give a node's device an IPv4 address.
 * \param node the node \param device its device \param address the address, /24
 * \return the interface index
 */
uint32_t
AddAddress(Ptr<Node> node, Ptr<NetDevice> device, Ipv4Address address)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    const uint32_t i = ipv4->AddInterface(device);
    ipv4->AddAddress(i, Ipv4InterfaceAddress(address, Ipv4Mask("/24")));
    ipv4->SetUp(i);
    return i;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string dev = "vsim";
    std::string role = "server";
    std::string routerIp = "10.77.0.2";
    std::string hostIp = "10.77.100.2";
    std::string peerIp = "10.77.0.1";
    std::string mac = "02:00:00:00:00:02";
    uint16_t port = 5001;
    Time delay = MilliSeconds(5);
    Time clientStart = MilliSeconds(100);
    Time stopTime = Seconds(30);
    uint32_t segmentSize = 1460;
    CommandLine cmd(__FILE__);
    cmd.AddValue("dev", "interface the router's FdNetDevice attaches to", dev);
    cmd.AddValue("mac", "MAC address of that FdNetDevice (locally administered)", mac);
    cmd.AddValue("routerIp", "router address on the interface's /24", routerIp);
    cmd.AddValue("ip", "FullTcp node address (router is .1 of its /24)", hostIp);
    cmd.AddValue("peer", "Linux peer address (client role)", peerIp);
    cmd.AddValue("port", "server: port to listen on; client: peer port", port);
    cmd.AddValue("role", "server or client", role);
    cmd.AddValue("app", "server: sink, echo or http", g_run.behaviour.app);
    cmd.AddValue("bytes",
                 "pattern bytes this side sends (http: when GET has no number)",
                 g_run.behaviour.bytes);
    cmd.AddValue(
        "halfClose", "send FIN once our bytes are out (client: always)", g_run.behaviour.halfClose);
    cmd.AddValue("abortAfter",
                 "reset the connection after reading this many bytes",
                 g_run.behaviour.abortAfter);
    cmd.AddValue("delay", "one-way delay of the router-FullTcp hop (>= 5 ms advised)", delay);
    cmd.AddValue("segmentSize", "SegmentSize: MSS cap (1460: Linux's for MTU 1500)", segmentSize);
    cmd.AddValue("clientStart", "when the client connects", clientStart);
    cmd.AddValue("stopTime", "hard stop (the run ends earlier when the connection does)", stopTime);
    cmd.Parse(argc, argv);

    const bool client = role == "client";
    if (!client && role != "server")
    {
        std::cerr << "fulltcp-emu: --role must be server or client, not " << role << "\n";
        return 2;
    }
    const std::string& app = g_run.behaviour.app;
    if (app != "sink" && app != "echo" && app != "http")
    {
        std::cerr << "fulltcp-emu: --app must be sink, echo or http, not " << app << "\n";
        return 2;
    }
    if (if_nametoindex(dev.c_str()) == 0)
    {
        std::cerr << "fulltcp-emu: no interface " << dev << " here: " << std::strerror(errno)
                  << " (run it in the network namespace that has it)\n";
        return 2;
    }
    g_run.behaviour.halfClose = g_run.behaviour.halfClose || client;

    // Real time, real checksums (the kernel drops segments with bad ones); ARP's default
    // U(0,10) ms request jitter would only delay the first SYN-ACK (emulation.md §6.4).
    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    Config::SetDefault("ns3::ArpL3Protocol::RequestJitter",
                       StringValue("ns3::ConstantRandomVariable[Constant=0.0]"));

    NodeContainer nodes;
    nodes.Create(2);
    Ptr<Node> router = nodes.Get(0);
    Ptr<Node> host = nodes.Get(1);
    InternetStackHelper internet;
    internet.Install(nodes);
    FullTcpHelper fulltcp;
    fulltcp.SetSocketAttribute("SegmentSize", UintegerValue(segmentSize));
    fulltcp.Install(host);

    InProcessEmuFdNetDeviceHelper emu;
    emu.SetDeviceName(dev);
    Ptr<NetDevice> emuDevice = emu.Install(router).Get(0);
    emuDevice->GetObject<FdNetDevice>()->SetAddress(Mac48Address(mac.c_str()));

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));
    // Frames the raw socket read in one go reach the hop at one simulated instant.
    p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue("1000p"));
    NetDeviceContainer link = p2p.Install(router, host);

    const Ipv4Address hostAddress(hostIp.c_str());
    const Ipv4Address gateway(Ipv4Address(hostAddress.Get() & 0xffffff00U).Get() | 1);
    AddAddress(router, emuDevice, Ipv4Address(routerIp.c_str()));
    AddAddress(router, link.Get(0), gateway);
    const uint32_t hostInterface = AddAddress(host, link.Get(1), hostAddress);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(host->GetObject<Ipv4>())->SetDefaultRoute(gateway, hostInterface);

    NS_ABORT_MSG_UNLESS(host->GetObject<FullTcpL4Protocol>()->TraceConnectWithoutContext(
                            "StateChange", MakeCallback(&ConnectionStateChanged)),
                        "no StateChange trace on FullTcpL4Protocol");
    Ptr<Socket> socket = Socket::CreateSocket(host, FullTcpSocketFactory::GetTypeId());
    if (client)
    {
        Simulator::Schedule(clientStart,
                            &ClientStart,
                            socket,
                            InetSocketAddress(Ipv4Address(peerIp.c_str()), port));
    }
    else
    {
        if (socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)) < 0
            || socket->Listen() < 0)
        {
            std::cerr << "fulltcp-emu: cannot listen on port " << port << ": errno "
                      << socket->GetErrno() << "\n";
            return 1;
        }
        socket->SetAcceptCallback(MakeCallback(&ServerAccept), MakeCallback(&ServerAccepted));
    }

    Simulator::ScheduleNow(&Ready);
    Simulator::Stop(stopTime);
    Simulator::Run();

    StreamDigest rx;
    StreamDigest tx;
    std::string end = "none";
    Socket::SocketErrno err = g_run.connectErrno;
    if (!g_run.conns.empty())
    {
        rx = g_run.conns.front()->Rx();
        tx = g_run.conns.front()->Tx();
        end = g_run.conns.front()->End();
        err = g_run.conns.front()->Errno();
    }
    std::cout << "RESULT role=" << role << " conns=" << g_run.conns.size()
              << " connect=" << g_run.connect << " connect_ms=" << std::fixed
              << std::setprecision(1) << g_run.connectTime.GetSeconds() * 1000
              << " rx_bytes=" << rx.Bytes() << " rx_crc=" << std::hex << std::setw(8)
              << std::setfill('0') << rx.Crc() << std::dec << " tx_bytes=" << tx.Bytes()
              << " tx_crc=" << std::hex << std::setw(8) << tx.Crc() << std::dec << " end=" << end
              << " errno=" << err
              << " in_segs=" << host->GetObject<FullTcpL4Protocol>()->GetMib().inSegs << std::endl;
    for (const auto& conn : g_run.conns)
    {
        conn->Stop();
    }
    g_run.conns.clear();
    Simulator::Destroy();
    return 0;
}
