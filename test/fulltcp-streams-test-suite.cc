/*
 * Test: suite fulltcp-streams, per-node random streams fix ISNs and ports (RFC 6528, 6056)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-streams": FullTcp's randomness belongs to each node (issue 10). A node's
 * ISN secret (RFC 6528 §3), its ephemeral-port selection secret (RFC 6056 §3.3.3) and its
 * timestamp offsets come from the node's own random stream, set by
 * FullTcpHelper::AssignStreams(). So the same node, given the same stream, opens the same
 * connection with the same port and ISNs whatever else the simulation holds: other nodes
 * created before it, their connections, other random variables. That is what lets ns-3's
 * distributed engine (each rank simulates only its own nodes) and a sequential run produce
 * identical segments (test/check-distributed.py compares whole pcaps).
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// The first SYN and SYN-ACK of a connection, as sent.
struct FirstSegments
{
    uint16_t clientPort = 0; //!< the client's ephemeral port
    uint32_t clientIsn = 0;  //!< the SYN's sequence number
    uint32_t serverIsn = 0;  //!< the SYN-ACK's sequence number
    bool syn = false;        //!< a SYN was seen
    bool synAck = false;     //!< a SYN-ACK was seen

    bool
    operator==(const FirstSegments& o) const
    {
        return clientPort == o.clientPort && clientIsn == o.clientIsn && serverIsn == o.serverIsn
            && syn == o.syn && synAck == o.synAck;
    }

    /// SegmentSent sink
    void
    Sent(uint32_t, Ptr<const Packet>, const FullTcpHeader& h, const Address&, const Address&)
    {
        if (!h.HasFlags(FullTcpHeader::SYN))
        {
            return;
        }
        if (h.HasFlags(FullTcpHeader::ACK) && !synAck)
        {
            synAck = true;
            serverIsn = h.GetSequenceNumber();
        }
        else if (!h.HasFlags(FullTcpHeader::ACK) && !syn)
        {
            syn = true;
            clientIsn = h.GetSequenceNumber();
            clientPort = h.GetSourcePort();
        }
    }
};

/// Two nodes on their own link, with FullTcp; `base` names their /24.
NodeContainer
Pair(const char* base)
{
    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    NetDeviceContainer d = p2p.Install(nodes);
    InternetStackHelper().Install(nodes);
    FullTcpHelper().Install(nodes);
    Ipv4AddressHelper(base, "255.255.255.0").Assign(d);
    return nodes;
}

/// Node `client` of `nodes` connects at 1 s to node 1 - client, port 80.
void
ConnectAtOneSecond(NodeContainer nodes, uint32_t client, Ipv4Address server)
{
    Ptr<Socket> l = Socket::CreateSocket(nodes.Get(1 - client), FullTcpSocketFactory::GetTypeId());
    l->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
    l->Listen();
    Ptr<Socket> c = Socket::CreateSocket(nodes.Get(client), FullTcpSocketFactory::GetTypeId());
    Simulator::Schedule(Seconds(1), &Socket::Connect, c, Address(InetSocketAddress(server, 80)));
}

/**
 * \brief Run one connection between two nodes, the client with stream clientStream and the
 * server with stream 50, optionally after other nodes were created and connected first.
 * \param clutter create another FullTcp pair (with automatic streams) and a random
 * variable first, and let that pair connect too
 * \param clientStream the client node's stream
 * \return what the measured pair sent
 */
FirstSegments
OpenOneConnection(bool clutter, int64_t clientStream)
{
    FirstSegments seen;
    if (clutter)
    {
        Ptr<UniformRandomVariable> other = CreateObject<UniformRandomVariable>();
        other->GetValue();
        NodeContainer before = Pair("10.8.8.0");
        ConnectAtOneSecond(before, 1, Ipv4Address("10.8.8.1"));
    }
    NodeContainer nodes = Pair("10.9.9.0");
    FullTcpHelper::AssignStreams(NodeContainer(nodes.Get(0)), clientStream);
    FullTcpHelper::AssignStreams(NodeContainer(nodes.Get(1)), 50);
    for (uint32_t i = 0; i < 2; ++i)
    {
        nodes.Get(i)->GetObject<FullTcpL4Protocol>()->TraceConnectWithoutContext(
            "SegmentSent", MakeCallback(&FirstSegments::Sent, &seen));
    }
    ConnectAtOneSecond(nodes, 0, Ipv4Address("10.9.9.2"));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    Simulator::Destroy();
    return seen;
}

class StreamsPerNodeTestCase : public TestCase
{
  public:
    StreamsPerNodeTestCase() :
        TestCase("a node's ISNs and ephemeral port depend on its own stream only")
    {
    }

  private:
    void
    DoRun() override
    {
        const FirstSegments alone = OpenOneConnection(false, 7);
        NS_TEST_ASSERT_MSG_EQ(alone.syn && alone.synAck, true, "the connection was not opened");
        const FirstSegments crowded = OpenOneConnection(true, 7);
        NS_TEST_EXPECT_MSG_EQ(crowded.clientPort, alone.clientPort, "ephemeral port moved");
        NS_TEST_EXPECT_MSG_EQ(crowded.clientIsn, alone.clientIsn, "client ISN moved");
        NS_TEST_EXPECT_MSG_EQ(crowded.serverIsn, alone.serverIsn, "server ISN moved");
        // The control: the stream does decide them (otherwise the above proves nothing).
        const FirstSegments otherStream = OpenOneConnection(true, 8);
        NS_TEST_EXPECT_MSG_NE(
            otherStream.clientIsn, alone.clientIsn, "another stream gave the same ISN");
    }
};

class StreamsTestSuite : public TestSuite
{
  public:
    StreamsTestSuite() : TestSuite("fulltcp-streams", TestSuite::Type::UNIT)
    {
        AddTestCase(new StreamsPerNodeTestCase, FullTcpTestDuration::QUICK);
    }
};

StreamsTestSuite g_streamsTestSuite; //!< registers the suite

} // namespace
