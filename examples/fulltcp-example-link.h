/*
 * Example: shared two-node point-to-point set-up and outputs (pcap, state CSV, ladders)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The set-up the small FullTcp examples share, so that each example file shows only its
 * own story: two nodes on a point-to-point link with FullTcp, and every output the project
 * offers (pcap, state CSV, ladders, time-sequence graphs) written into one folder.
 */
#ifndef FULLTCP_EXAMPLE_LINK_H
#define FULLTCP_EXAMPLE_LINK_H

#include "ns3/core-module.h"
#include "ns3/fulltcp-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/system-path.h"

#include <iostream>
#include <string>

namespace ns3
{

/**
 * Two nodes (0: client, 1: server) on a point-to-point link, 10.1.1.1 and 10.1.1.2, with
 * ns-3's Internet stack and FullTcp (configure `fulltcp` before Build()). Checksums are on,
 * so Wireshark and tshark verify every segment of the pcaps.
 */
struct FullTcpExampleLink
{
    NodeContainer nodes;
    NetDeviceContainer devices;
    Ipv4InterfaceContainer interfaces;
    PointToPointHelper p2p;
    FullTcpHelper fulltcp;

    /// \param rate link data rate \param delay one-way delay
    void
    Build(const std::string& rate = "10Mbps", const std::string& delay = "10ms")
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        nodes.Create(2);
        p2p.SetDeviceAttribute("DataRate", StringValue(rate));
        p2p.SetChannelAttribute("Delay", StringValue(delay));
        devices = p2p.Install(nodes);
        InternetStackHelper internet;
        internet.Install(nodes);
        fulltcp.Install(nodes);
        FullTcpHelper::AssignStreams(nodes, 1);
        Ipv4AddressHelper v4("10.1.1.0", "255.255.255.0");
        interfaces = v4.Assign(devices);
    }

    /// \param port a port \return the server's address with that port
    InetSocketAddress
    Server(uint16_t port) const
    {
        return InetSocketAddress(interfaces.GetAddress(1), port);
    }

    /// \param i node index \return a new FullTcp socket on that node
    Ptr<Socket>
    NewSocket(uint32_t i) const
    {
        return Socket::CreateSocket(nodes.Get(i), FullTcpSocketFactory::GetTypeId());
    }

    /**
     * \brief A server: node 1 listens on a port.
     * \param port the port \param onAccept called with each new connection
     * \return the listening socket
     */
    Ptr<Socket>
    Listen(uint16_t port, Callback<void, Ptr<Socket>, const Address&> onAccept) const
    {
        Ptr<Socket> listener = NewSocket(1);
        listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        listener->Listen();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    onAccept);
        return listener;
    }

    /**
     * \brief A client: node 0 connects to the server's port at a given time (not before the
     * simulation starts: the stacks initialise then).
     * \param at when \param port the server's port \param onConnected called once connected
     * \param onFailed called if the connection cannot be made
     * \return the client's socket
     */
    Ptr<Socket>
    ConnectAt(Time at,
              uint16_t port,
              Callback<void, Ptr<Socket>> onConnected,
              Callback<void, Ptr<Socket>> onFailed = MakeNullCallback<void, Ptr<Socket>>()) const
    {
        Ptr<Socket> client = NewSocket(0);
        client->SetConnectCallback(onConnected, onFailed);
        Simulator::Schedule(at,
                            [client, server = Server(port)]()
                            {
                                client->Connect(server);
                            });
        return client;
    }

    /**
     * \brief Write everything into outDir (created): `<name>.pcap` (the client's side of
     * the link), states.csv, and the ladders and time-sequence graphs `<name>-<n>-...`.
     * \param outDir the folder \param name file name prefix
     * \return the recorder, whose text ladders an example may print after Run()
     */
    Ptr<FullTcpTraceRecorder>
    RecordAll(const std::string& outDir, const std::string& name)
    {
        SystemPath::MakeDirectories(outDir); // with its parents
        p2p.EnablePcap(outDir + "/" + name + ".pcap", devices.Get(0), false, true);
        fulltcp.EnableStateLog(outDir + "/states.csv");
        fulltcp.EnableTimeSequence(outDir + "/" + name);
        return fulltcp.EnableLadder(outDir + "/" + name);
    }
};

/**
 * \brief Read everything a socket has.
 * \param s the socket \param eof set to true when Recv() returned 0 bytes: the peer's FIN,
 * end of file (FullTcp's Recv() returns an empty packet then, as read() returns 0)
 * \return the bytes read
 */
inline uint32_t
FullTcpExampleDrain(Ptr<Socket> s, bool* eof = nullptr)
{
    uint32_t n = 0;
    while (Ptr<Packet> p = s->Recv())
    {
        if (p->GetSize() == 0)
        {
            if (eof)
            {
                *eof = true;
            }
            break;
        }
        n += p->GetSize();
    }
    return n;
}

/**
 * \brief Read a connection to its end: discard what arrives, and at end of file (the
 * peer's FIN) call atEof.
 * \param s the socket \param atEof what to do then
 */
inline void
FullTcpExampleReadToEnd(Ptr<Socket> s, Callback<void, Ptr<Socket>> atEof)
{
    s->SetRecvCallback(Callback<void, Ptr<Socket>>(
        [atEof](Ptr<Socket> r)
        {
            bool eof = false;
            FullTcpExampleDrain(r, &eof);
            if (eof)
            {
                atEof(r);
            }
        }));
}

/// StateChange sink: print one transition as `time node local > remote FROM -> TO (CAUSE)`.
inline void
FullTcpExamplePrintTransition(uint32_t node,
                              const Address& local,
                              const Address& remote,
                              FullTcpState from,
                              FullTcpState to,
                              FullTcpStateCause cause)
{
    std::cout << Simulator::Now().As(Time::S) << "  node " << node << "  "
              << FullTcpStateLog::FormatAddress(local) << " > "
              << FullTcpStateLog::FormatAddress(remote) << "  " << from << " -> " << to << "  ("
              << cause << ")\n";
}

/// \param nodes print every transition of every connection of these nodes as it happens
inline void
FullTcpExamplePrintTransitions(NodeContainer nodes)
{
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        (*i)->GetObject<FullTcpL4Protocol>()->TraceConnectWithoutContext(
            "StateChange", MakeCallback(&FullTcpExamplePrintTransition));
    }
}

/**
 * \brief After Run(): print every connection's text ladder and where the outputs are.
 * Call it before Simulator::Destroy(), which writes the SVG files.
 * \param recorder from RecordAll() \param outDir the folder
 */
inline void
FullTcpExamplePrintLadders(Ptr<FullTcpTraceRecorder> recorder, const std::string& outDir)
{
    for (uint32_t i = 0; i < recorder->GetConnectionCount(); ++i)
    {
        std::cout << "\n" << recorder->GetTextLadder(i);
    }
    std::cout << "\nOutputs in " << outDir << "/\n";
}

} // namespace ns3

#endif /* FULLTCP_EXAMPLE_LINK_H */
