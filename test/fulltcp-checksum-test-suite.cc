/*
 * Test: suite fulltcp-checksum, random segments through FullTcp's checksum code, judged by tshark
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-checksum" (issue 20, the intermittent bad checksum): segments with random
 * ports, sequence and acknowledgment numbers, flags, windows, options (timestamps, SACK
 * blocks, window scale, MSS) and payloads of random length (odd lengths included, RFC 1071
 * §4.1 pads them with a zero byte) and random content cross a point-to-point link over IPv4 and
 * IPv6 with checksums on. The receiving peer verifies every checksum (FullTcpHeader, RFC 9293
 * §3.1), and tshark judges every frame of the pcap: all good, none bad, none malformed. The
 * one's-complement zero is counted too: a sum of 0xFFFF must be sent as 0x0000 (RFC 1071:
 * the complement of 0xFFFF), never as 0xFFFF; both verify, so the test reports how many frames
 * carried a zero checksum. FULLTCP_CHECKSUM_SEGMENTS sets the count per family (default
 * 20,000; the documented campaign is 1,000 transfers' worth, 700,000).
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/core-module.h"
#include "ns3/fulltcp-header.h"
#include "ns3/fulltcp-raw-peer.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <cstdlib>
#include <iostream>
#include <random>
#include <vector>

using namespace ns3;

namespace
{

/// \return segments per family: FULLTCP_CHECKSUM_SEGMENTS, or 20,000
uint32_t
SegmentCount()
{
    const char* env = std::getenv("FULLTCP_CHECKSUM_SEGMENTS");
    return env ? static_cast<uint32_t>(std::strtoul(env, nullptr, 10)) : 20000;
}

/// \param rng the generator \return a segment of random fields, options and payload length
FullTcpHeader
RandomHeader(std::mt19937& rng)
{
    FullTcpHeader h;
    h.SetSourcePort(static_cast<uint16_t>(1 + rng() % 65535));
    h.SetDestinationPort(static_cast<uint16_t>(1 + rng() % 65535));
    h.SetSequenceNumber(static_cast<uint32_t>(rng()));
    h.SetAckNumber(static_cast<uint32_t>(rng()));
    // Any flags but RST and SYN together with data is legal on the wire for this purpose:
    // the checksum covers them all alike.
    h.SetFlags(static_cast<uint8_t>(rng() & 0xFF));
    h.SetWindow(static_cast<uint16_t>(rng()));
    if (rng() % 2 == 0)
    {
        h.Options().SetTimestamp(static_cast<uint32_t>(rng()), static_cast<uint32_t>(rng()));
    }
    if (rng() % 4 == 0)
    {
        const uint32_t left = static_cast<uint32_t>(rng());
        h.Options().SetSackBlocks({{left, left + 1 + static_cast<uint32_t>(rng() % 100000)}});
    }
    if (rng() % 8 == 0)
    {
        h.Options().SetMss(static_cast<uint16_t>(536 + rng() % 1000));
        h.Options().SetWindowScale(static_cast<uint8_t>(rng() % 15));
    }
    return h;
}

/// Random segments from node 0 to node 1 over one IP family.
class ChecksumTestCase : public fulltcp_test::FamilyTestCase
{
  public:
    ChecksumTestCase(bool ipv6) : FamilyTestCase("random segments keep good checksums over ", ipv6)
    {
    }

  private:
    void
    DoRun() override
    {
        fulltcp_test::ChecksumScope checksums;
        Config::SetDefault("ns3::Icmpv6L4Protocol::DAD", BooleanValue(false));
        const uint32_t count = SegmentCount();
        const std::string pcap = CreateTempDirFilename(m_ipv6 ? "sum-v6.pcap" : "sum-v4.pcap");
        uint32_t received = 0;
        uint32_t badChecksums = 0;
        {
            // The simulation's objects live in this block: the last to go closes the pcap.
            NodeContainer nodes(2);
            PointToPointHelper p2p;
            p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
            p2p.SetChannelAttribute("Delay", StringValue("1ms"));
            p2p.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("1000000p"));
            NetDeviceContainer devices = p2p.Install(nodes);
            InternetStackHelper stack;
            stack.Install(nodes);
            const auto [from, to] = fulltcp_test::AssignLink(devices, m_ipv6);
            std::vector<Ptr<FullTcpRawPeer>> peers;
            for (uint32_t i = 0; i < 2; ++i)
            {
                peers.push_back(CreateObject<FullTcpRawPeer>());
                nodes.Get(i)->AggregateObject(peers.back());
            }
            peers[1]->TraceConnectWithoutContext(
                "Rx",
                Callback<void,
                         const FullTcpHeader&,
                         Ptr<const Packet>,
                         const Address&,
                         const Address&>(
                    [&received](
                        const FullTcpHeader&, Ptr<const Packet>, const Address&, const Address&)
                    {
                        ++received;
                    }));
            peers[1]->TraceConnectWithoutContext(
                "Drop",
                Callback<void, Ptr<const Packet>, FullTcpParseError>(
                    [&badChecksums](Ptr<const Packet>, FullTcpParseError)
                    {
                        ++badChecksums;
                    }));
            p2p.EnablePcap(pcap, devices.Get(1), false, true);
            std::mt19937 rng(m_ipv6 ? 6 : 4);
            for (uint32_t i = 0; i < count; ++i)
            {
                const FullTcpHeader h = RandomHeader(rng);
                const uint32_t options = h.GetSerializedSize() - FullTcpHeader::MIN_SIZE;
                std::vector<uint8_t> bytes(rng() % (1441 - options));
                for (uint8_t& b : bytes)
                {
                    b = static_cast<uint8_t>(rng());
                }
                Simulator::Schedule(MicroSeconds(2 * (i + 1)),
                                    &FullTcpRawPeer::Send,
                                    peers[0],
                                    h,
                                    Create<Packet>(bytes.data(), bytes.size()),
                                    from,
                                    to,
                                    uint8_t {0});
            }
            Simulator::Run();
            Simulator::Destroy();
        }
        NS_TEST_EXPECT_MSG_EQ(badChecksums, 0, "the receiver found a bad checksum");
        NS_TEST_EXPECT_MSG_EQ(received, count, "every segment arrived and verified");
        if (!fulltcp_test::HaveTshark())
        {
            NS_TEST_EXPECT_MSG_EQ((getenv("FULLTCP_REQUIRE_TSHARK") == nullptr),
                                  true,
                                  "tshark is required here (apt-get install tshark)");
            return;
        }
        const std::string tcp = m_ipv6 ? "ipv6.nxt == 6" : "ip.proto == 6";
        NS_TEST_EXPECT_MSG_EQ(fulltcp_test::TsharkCount(pcap, tcp + " && tcp.checksum.status == 1"),
                              count,
                              "tshark: every TCP checksum good");
        NS_TEST_EXPECT_MSG_EQ(fulltcp_test::TsharkCount(pcap, "tcp.checksum.status != 1"),
                              0,
                              "tshark: no checksum bad or unverified");
        // Payloads are random bytes, which the dissectors of whatever protocol a random port
        // names may call malformed: only segments without payload tell of TCP itself.
        NS_TEST_EXPECT_MSG_EQ(fulltcp_test::TsharkCount(pcap, "_ws.malformed && !tcp.payload"),
                              0,
                              "tshark: no TCP header malformed");
        // RFC 1071: the sender writes the complement of the sum, so 0xFFFF never appears.
        NS_TEST_EXPECT_MSG_EQ(fulltcp_test::TsharkCount(pcap, "tcp.checksum == 0xffff"),
                              0,
                              "no checksum written as 0xFFFF");
        std::cout << "fulltcp-checksum: " << count << " segments over "
                  << (m_ipv6 ? "IPv6" : "IPv4") << ", all good; "
                  << fulltcp_test::TsharkCount(pcap, "tcp.checksum == 0x0000")
                  << " with checksum 0x0000\n";
    }
};

/// The suite.
class FullTcpChecksumTestSuite : public TestSuite
{
  public:
    FullTcpChecksumTestSuite() : TestSuite("fulltcp-checksum", TestSuite::Type::SYSTEM)
    {
        for (bool ipv6 : {false, true})
        {
            AddTestCase(new ChecksumTestCase(ipv6), FullTcpTestDuration::QUICK);
        }
    }
};

FullTcpChecksumTestSuite g_fullTcpChecksumTestSuite; //!< registers the suite

} // namespace
