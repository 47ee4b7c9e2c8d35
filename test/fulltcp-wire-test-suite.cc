/*
 * Test: suite fulltcp-wire, hand-built segments over a link, pcap judged by tshark
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-wire": FullTcp headers on a simulated link.
 *  - Hand-built segments (every option, an unknown option, payload) cross a point-to-point
 *    link over IPv4 and IPv6 with checksums on, and arrive parsed, checksum-verified and equal.
 *  - The pcap of that link, judged by tshark with checksum validation on: every frame with
 *    IP protocol 6 decodes as TCP, none malformed, no bad checksum, options as sent.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/core-module.h"
#include "ns3/fulltcp-header.h"
#include "ns3/fulltcp-raw-peer.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace ns3;

namespace
{

struct Received
{
    FullTcpHeader header;
    std::vector<uint8_t> payload;
    Address src;
};

/// The segments the sender builds: a SYN like Linux's, a SYN-ACK, data with SACK, odd ones.
std::vector<std::pair<FullTcpHeader, std::vector<uint8_t>>>
SegmentsToSend()
{
    std::vector<std::pair<FullTcpHeader, std::vector<uint8_t>>> out;
    FullTcpHeader syn;
    syn.SetSourcePort(49153);
    syn.SetDestinationPort(80);
    syn.SetSequenceNumber(1000);
    syn.SetFlags(FullTcpHeader::SYN);
    syn.SetWindow(64240);
    syn.Options().SetMss(1460);
    syn.Options().SetSackPermitted(true);
    syn.Options().SetTimestamp(1, 0);
    syn.Options().SetWindowScale(7);
    out.push_back({syn, {}});

    FullTcpHeader data;
    data.SetSourcePort(49153);
    data.SetDestinationPort(80);
    data.SetSequenceNumber(1001);
    data.SetAckNumber(5001);
    data.SetFlags(FullTcpHeader::ACK | FullTcpHeader::PSH);
    data.SetWindow(502);
    data.Options().SetTimestamp(2, 1);
    data.Options().SetSackBlocks({{7001, 8001}, {9001, 9501}});
    out.push_back({data, {'h', 'e', 'l', 'l', 'o'}});

    FullTcpHeader odd; // unknown option, reserved bits, URG: carried exactly
    odd.SetSourcePort(49153);
    odd.SetDestinationPort(80);
    odd.SetSequenceNumber(1006);
    odd.SetAckNumber(5001);
    odd.SetFlags(FullTcpHeader::ACK | FullTcpHeader::URG | FullTcpHeader::FIN);
    odd.SetUrgentPointer(1);
    odd.SetReserved(0x2);
    odd.Options().AddUnknownOption({0xfd, {0x12, 0x34}});
    out.push_back({odd, std::vector<uint8_t>(1001, 0x5a)});
    return out;
}

/// Two nodes over point-to-point, a FullTcpRawPeer on each; node 0 sends to node 1.
class WireLinkTestCase : public TestCase
{
  public:
    WireLinkTestCase(bool ipv6) :
        TestCase(std::string("hand-built segments cross a link over ") + (ipv6 ? "IPv6" : "IPv4")),
        m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override;
    void Record(const FullTcpHeader& h,
                Ptr<const Packet> payload,
                const Address& src,
                const Address&);
    void Dropped(Ptr<const Packet>, FullTcpParseError e);
    void CheckPcap(const std::string& pcap, size_t segments);

    bool m_ipv6;
    std::vector<Received> m_received;
    uint32_t m_drops {0};
};

void
WireLinkTestCase::Record(const FullTcpHeader& h,
                         Ptr<const Packet> payload,
                         const Address& src,
                         const Address&)
{
    Received r {h, std::vector<uint8_t>(payload->GetSize()), src};
    payload->CopyData(r.payload.data(), r.payload.size());
    m_received.push_back(r);
}

void
WireLinkTestCase::Dropped(Ptr<const Packet>, FullTcpParseError e)
{
    NS_LOG_UNCOND("unexpected drop: " << e);
    ++m_drops;
}

void
WireLinkTestCase::CheckPcap(const std::string& pcap, size_t segments)
{
    if (!fulltcp_test::HaveTshark())
    {
        // `make test` installs tshark and sets FULLTCP_REQUIRE_TSHARK: there it must be present.
        NS_TEST_EXPECT_MSG_EQ((getenv("FULLTCP_REQUIRE_TSHARK") == nullptr),
                              true,
                              "tshark is required here (apt-get install tshark)");
        std::cerr << "SKIPPED pcap checks: tshark not installed (apt-get install tshark)\n";
        return;
    }
    const std::string proto = m_ipv6 ? "ipv6.nxt == 6" : "ip.proto == 6";
    NS_TEST_EXPECT_MSG_EQ(fulltcp_test::TsharkCount(pcap, proto), segments, "segments in the pcap");
    NS_TEST_EXPECT_MSG_EQ(fulltcp_test::TsharkCount(pcap, proto + " && tcp"),
                          segments,
                          "every segment decodes as TCP");
    NS_TEST_EXPECT_MSG_EQ(
        fulltcp_test::TsharkCount(pcap, "_ws.malformed"), 0, "no malformed frame");
    NS_TEST_EXPECT_MSG_EQ(fulltcp_test::TsharkCount(pcap, "tcp.checksum.status == 1"),
                          segments,
                          "TCP checksums good");
    NS_TEST_EXPECT_MSG_EQ(
        fulltcp_test::TsharkCount(pcap, "tcp.checksum.status == 0"), 0, "no bad TCP checksum");
    if (!m_ipv6)
    {
        NS_TEST_EXPECT_MSG_EQ(
            fulltcp_test::TsharkCount(pcap, "ip.checksum.status == 0"), 0, "no bad IP checksum");
    }
    NS_TEST_EXPECT_MSG_EQ(
        fulltcp_test::TsharkCount(pcap,
                                  "tcp.flags.syn == 1 && tcp.options.mss_val == 1460 && "
                                  "tcp.options.sack_perm && tcp.options.wscale.shift == 7 && "
                                  "tcp.options.timestamp.tsval == 1"),
        1,
        "SYN options as sent");
    NS_TEST_EXPECT_MSG_EQ(fulltcp_test::TsharkCount(
                              pcap, "tcp.options.sack_le == 7001 && tcp.options.sack_re == 9501"),
                          1,
                          "SACK blocks as sent");
    NS_TEST_EXPECT_MSG_EQ(
        fulltcp_test::TsharkCount(pcap, "tcp.option_kind == 253 && tcp.urgent_pointer == 1"),
        1,
        "unknown option and urgent pointer as sent");
    NS_TEST_EXPECT_MSG_EQ(fulltcp_test::TsharkCount(pcap, "tcp.len == 1001"), 1, "payload length");
}

void
WireLinkTestCase::DoRun()
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    Config::SetDefault("ns3::Icmpv6L4Protocol::DAD", BooleanValue(false));
    NodeContainer nodes(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    NetDeviceContainer devices = p2p.Install(nodes);
    InternetStackHelper stack;
    stack.Install(nodes);
    const auto [from, to] = fulltcp_test::AssignLink(devices, m_ipv6);
    std::vector<Ptr<FullTcpRawPeer>> peers;
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<FullTcpRawPeer> peer = CreateObject<FullTcpRawPeer>();
        nodes.Get(i)->AggregateObject(peer);
        peers.push_back(peer);
    }
    peers[1]->TraceConnectWithoutContext("Rx", MakeCallback(&WireLinkTestCase::Record, this));
    peers[1]->TraceConnectWithoutContext("Drop", MakeCallback(&WireLinkTestCase::Dropped, this));
    const std::string pcap = CreateTempDirFilename(m_ipv6 ? "wire-v6.pcap" : "wire-v4.pcap");
    p2p.EnablePcap(pcap, devices.Get(1), false, true);

    const auto segments = SegmentsToSend();
    for (size_t i = 0; i < segments.size(); ++i)
    {
        Ptr<Packet> payload = Create<Packet>(segments[i].second.data(), segments[i].second.size());
        // A member-function event, not a lambda: ns-3 <= 3.35 has no lambda events.
        Simulator::Schedule(MilliSeconds(100 * (i + 1)),
                            &FullTcpRawPeer::Send,
                            peers[0],
                            segments[i].first,
                            payload,
                            from,
                            to,
                            uint8_t {0}); // Not-ECT
    }
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    Simulator::Destroy();

    NS_TEST_ASSERT_MSG_EQ(m_received.size(), segments.size(), "every segment arrived");
    NS_TEST_EXPECT_MSG_EQ(m_drops, 0, "none dropped");
    for (size_t i = 0; i < segments.size(); ++i)
    {
        const FullTcpHeader& s = segments[i].first;
        const FullTcpHeader& r = m_received[i].header;
        NS_TEST_EXPECT_MSG_EQ(r.IsChecksumEnabled(), true, "checksum verified on arrival");
        NS_TEST_EXPECT_MSG_EQ(r.GetSourcePort(), s.GetSourcePort(), "source port");
        NS_TEST_EXPECT_MSG_EQ(r.GetDestinationPort(), s.GetDestinationPort(), "destination port");
        NS_TEST_EXPECT_MSG_EQ(r.GetSequenceNumber(), s.GetSequenceNumber(), "seq");
        NS_TEST_EXPECT_MSG_EQ(r.GetAckNumber(), s.GetAckNumber(), "ack");
        NS_TEST_EXPECT_MSG_EQ(unsigned(r.GetFlags()), unsigned(s.GetFlags()), "flags");
        NS_TEST_EXPECT_MSG_EQ(unsigned(r.GetReserved()), unsigned(s.GetReserved()), "reserved");
        NS_TEST_EXPECT_MSG_EQ(r.GetWindow(), s.GetWindow(), "window");
        NS_TEST_EXPECT_MSG_EQ(r.GetUrgentPointer(), s.GetUrgentPointer(), "urgent pointer");
        NS_TEST_EXPECT_MSG_EQ((r.GetOptions() == s.GetOptions()), true, "options byte-exact");
        NS_TEST_EXPECT_MSG_EQ((m_received[i].payload == segments[i].second), true, "payload bytes");
        NS_TEST_EXPECT_MSG_EQ(m_received[i].src, from, "source address");
    }
    CheckPcap(pcap, segments.size());
}

class FullTcpWireTestSuite : public TestSuite
{
  public:
    FullTcpWireTestSuite() : TestSuite("fulltcp-wire", TestSuite::Type::UNIT)
    {
        AddTestCase(new WireLinkTestCase(false), FullTcpTestDuration::QUICK);
        AddTestCase(new WireLinkTestCase(true), FullTcpTestDuration::QUICK);
    }
};

FullTcpWireTestSuite g_fullTcpWireTestSuite; //!< registers the suite

} // namespace
