/*
 * Test: suite fulltcp-bind-device, SO_BINDTODEVICE for clients and listeners on two paths
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-bind-device": SO_BINDTODEVICE (Socket::BindToNetDevice) on a node with two
 * paths to its peer (two point-to-point links, 10.1.1.0/24 and 10.1.2.0/24; node 0 also
 * reaches 10.1.1.0/24 through the second link, with a higher metric):
 *  - a client bound to the second device sends its SYN there, and connects; an unbound
 *    client's SYN takes the preferred first link;
 *  - a listener bound to a device accepts only SYNs that arrive on it (the unbound client,
 *    on the other link, is refused), and its accepted sockets inherit the binding (they are
 *    copies of the listener, as in ns-3 TcpSocketBase::Fork()).
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

using namespace ns3;
using namespace fulltcp_test;

namespace
{

class BindToNetDeviceTestCase : public TestCase
{
  public:
    BindToNetDeviceTestCase() :
        TestCase("a socket bound to a device sends its SYN there; children inherit it")
    {
    }

  private:
    void
    DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("5ms"));
        NetDeviceContainer link1 = p2p.Install(nodes);
        NetDeviceContainer link2 = p2p.Install(nodes);
        InternetStackHelper internet;
        internet.Install(nodes);
        FullTcpHelper().Install(nodes);
        FullTcpHelper::AssignStreams(nodes, 1);
        Ipv4AddressHelper a4("10.1.1.0", "255.255.255.0");
        const Ipv4InterfaceContainer if1 = a4.Assign(link1);
        a4.SetBase("10.1.2.0", "255.255.255.0");
        const Ipv4InterfaceContainer if2 = a4.Assign(link2);

        Ptr<Ipv4> ipv4 = nodes.Get(0)->GetObject<Ipv4>();
        const int32_t i1 = ipv4->GetInterfaceForDevice(link1.Get(0));
        const int32_t i2 = ipv4->GetInterfaceForDevice(link2.Get(0));
        // The second path to 10.1.1.0/24, worse than the direct one.
        Ipv4StaticRoutingHelper routing;
        routing.GetStaticRouting(ipv4)->AddNetworkRouteTo(
            "10.1.1.0", "255.255.255.0", if2.GetAddress(1), i2, 10);

        // SYNs node 0 sends, by interface.
        std::map<int32_t, uint32_t> syns;
        ipv4->TraceConnectWithoutContext("Tx",
                                         Callback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(
                                             [&](Ptr<const Packet> p, Ptr<Ipv4>, uint32_t iface)
                                             {
                                                 Ptr<Packet> copy = p->Copy();
                                                 Ipv4Header ip;
                                                 copy->RemoveHeader(ip);
                                                 FullTcpHeader h;
                                                 copy->PeekHeader(h);
                                                 if (ip.GetProtocol() == 6
                                                     && h.HasFlags(FullTcpHeader::SYN))
                                                 {
                                                     ++syns[static_cast<int32_t>(iface)];
                                                 }
                                             }));

        const Address server = InetSocketAddress(if1.GetAddress(1), 80);
        Ptr<Socket> listener =
            Socket::CreateSocket(nodes.Get(1), FullTcpSocketFactory::GetTypeId());
        listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
        listener->BindToNetDevice(link2.Get(1));
        listener->Listen();
        std::vector<Ptr<NetDevice>> childDevices;
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    Callback<void, Ptr<Socket>, const Address&>(
                                        [&](Ptr<Socket> s, const Address&)
                                        {
                                            childDevices.push_back(s->GetBoundNetDevice());
                                        }));

        Ptr<Socket> bound = Socket::CreateSocket(nodes.Get(0), FullTcpSocketFactory::GetTypeId());
        bound->BindToNetDevice(link2.Get(0));
        Ptr<Socket> unbound = Socket::CreateSocket(nodes.Get(0), FullTcpSocketFactory::GetTypeId());
        bool boundConnected = false;
        bool unboundConnected = false;
        bool unboundFailed = false;
        bound->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                      [&](Ptr<Socket>)
                                      {
                                          boundConnected = true;
                                      }),
                                  MakeNullCallback<void, Ptr<Socket>>());
        unbound->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                        [&](Ptr<Socket>)
                                        {
                                            unboundConnected = true;
                                        }),
                                    Callback<void, Ptr<Socket>>(
                                        [&](Ptr<Socket>)
                                        {
                                            unboundFailed = true;
                                        }));
        Simulator::Schedule(Seconds(0.1),
                            [&]()
                            {
                                bound->Connect(server);
                            });
        Simulator::Schedule(Seconds(0.5),
                            [&]()
                            {
                                unbound->Connect(server);
                            });
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(boundConnected, true, "the bound client connects over link 2");
        NS_TEST_EXPECT_MSG_EQ(syns[i2], 1, "its SYN left on the bound device");
        NS_TEST_EXPECT_MSG_EQ(syns[i1], 1, "the unbound client's SYN took link 1");
        NS_TEST_EXPECT_MSG_EQ(unboundConnected, false, "the listener ignores other devices");
        NS_TEST_EXPECT_MSG_EQ(unboundFailed, true, "... and the unbound client is refused");
        NS_TEST_ASSERT_MSG_EQ(childDevices.size(), 1, "one connection accepted");
        NS_TEST_EXPECT_MSG_EQ(childDevices[0], link2.Get(1), "the child inherits the device");
        listener = nullptr;
        bound = nullptr;
        unbound = nullptr;
        Simulator::Destroy();
    }
};

/// The suite.
class FullTcpBindDeviceTestSuite : public TestSuite
{
  public:
    FullTcpBindDeviceTestSuite() : TestSuite("fulltcp-bind-device", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new BindToNetDeviceTestCase(), FullTcpTestDuration::QUICK);
    }
};

FullTcpBindDeviceTestSuite g_fullTcpBindDeviceTestSuite; //!< registers the suite

} // namespace
