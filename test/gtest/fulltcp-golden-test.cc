/*
 * Test: Linux 6.x captured segments decoded field by field and re-serialized byte-exact
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Golden bytes: segments captured from Linux 6.x (veth between two network namespaces,
 * client 10.77.0.2:47458, server 10.77.0.1:5001, tx checksum offload off, tcpdump -s 0,
 * every checksum "good" in tshark). Each is decoded field by field and re-serialized to the
 * same bytes, once carrying the checksum as received and once computing it from the
 * IPv4 pseudo-header.
 */
#include "ns3/buffer.h"
#include "ns3/fulltcp-header.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

const Ipv4Address kClient("10.77.0.2");
const Ipv4Address kServer("10.77.0.1");

std::vector<uint8_t>
FromHex(const std::string& hex)
{
    std::vector<uint8_t> out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
    {
        out.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    }
    return out;
}

/// Linux's SYN: mss 1460,sackOK,TS val 668615403 ecr 0,nop,wscale 10.
const std::string kSyn =
    "b96213893df87ab900000000a002faf0480d0000020405b40402080a27da42eb000000000103030a";
/// Linux's SYN-ACK, same option layout.
const std::string kSynAck =
    "1389b962aab259d33df87abaa012fe88bf900000020405b40402080a0f29712427da42eb0103030a";
/// A 39-byte data segment with PSH and timestamps.
const std::string kData =
    "b96213893df87abaaab259d48018003fdf6300000101080a27da42eb0f29712446756c6c5463702067"
    "6f6c64656e2062797465733a2068656c6c6f2066726f6d204c696e75780a";
/// A pure ACK carrying timestamps and one SACK block.
const std::string kSackAck =
    "b96213893df87ae1aab25f7cb01000458b6700000101080a27da42eb0f2971240101050aaab26524aab26acc";

/// Parses the segment through ns-3's Buffer with checksum verification.
FullTcpHeader
Decode(const std::vector<uint8_t>& seg, Ipv4Address src, Ipv4Address dst)
{
    Buffer b;
    b.AddAtStart(seg.size());
    b.Begin().Write(seg.data(), seg.size());
    FullTcpHeader h;
    h.InitializeChecksum(src, dst, 6);
    const uint32_t n = h.Deserialize(b.Begin());
    EXPECT_EQ(h.GetParseError(), FullTcpParseError::NONE);
    EXPECT_EQ(n, h.GetSerializedSize());
    return h;
}

/// Parses the segment's header from plain bytes and serializes it in front of the payload.
std::vector<uint8_t>
Reencode(const std::vector<uint8_t>& seg, bool computeChecksum, Ipv4Address src, Ipv4Address dst)
{
    FullTcpHeader h;
    EXPECT_EQ(h.Parse(seg.data(), seg.size()), FullTcpParseError::NONE);
    if (computeChecksum)
    {
        h.InitializeChecksum(src, dst, 6);
    }
    Buffer b;
    b.AddAtStart(seg.size());
    b.Begin().Write(seg.data(), seg.size()); // the payload sits behind the header
    h.Serialize(b.Begin());
    std::vector<uint8_t> out(seg.size());
    b.CopyData(out.data(), out.size());
    return out;
}

void
ExpectRoundTrip(const std::string& hex, Ipv4Address src, Ipv4Address dst)
{
    const auto seg = FromHex(hex);
    Decode(seg, src, dst); // verifies the checksum
    EXPECT_EQ(Reencode(seg, false, src, dst), seg) << "checksum carried as received";
    EXPECT_EQ(Reencode(seg, true, src, dst), seg) << "checksum computed from the pseudo-header";
}

} // namespace

TEST(Golden, LinuxSynDecodesExactly)
{
    FullTcpHeader h = Decode(FromHex(kSyn), kClient, kServer);
    EXPECT_EQ(h.GetSourcePort(), 47458);
    EXPECT_EQ(h.GetDestinationPort(), 5001);
    EXPECT_EQ(h.GetSequenceNumber(), 1039694521u);
    EXPECT_EQ(h.GetAckNumber(), 0u);
    EXPECT_EQ(h.GetFlags(), FullTcpHeader::SYN);
    EXPECT_EQ(h.GetDataOffset(), 10);
    EXPECT_EQ(h.GetWindow(), 64240);
    EXPECT_EQ(h.GetChecksum(), 0x480d);
    EXPECT_EQ(h.GetOptions().GetMss(), 1460);
    EXPECT_TRUE(h.GetOptions().GetSackPermitted());
    ASSERT_TRUE(h.GetOptions().GetTimestamp());
    EXPECT_EQ(h.GetOptions().GetTimestamp()->value, 668615403u);
    EXPECT_EQ(h.GetOptions().GetTimestamp()->echo, 0u);
    EXPECT_EQ(h.GetOptions().GetWindowScale(), 10);
    std::ostringstream os;
    h.Print(os);
    EXPECT_EQ(os.str(),
              "47458 > 5001 [S] seq 1039694521 win 64240 <mss 1460,sackOK,TS val 668615403 ecr "
              "0,nop,wscale 10>");
}

TEST(Golden, LinuxSynAckDecodesExactly)
{
    FullTcpHeader h = Decode(FromHex(kSynAck), kServer, kClient);
    EXPECT_EQ(h.GetSequenceNumber(), 2863815123u);
    EXPECT_EQ(h.GetAckNumber(), 1039694522u);
    EXPECT_TRUE(h.HasFlags(FullTcpHeader::SYN | FullTcpHeader::ACK));
    EXPECT_FALSE(h.HasFlags(FullTcpHeader::FIN));
    EXPECT_EQ(h.GetWindow(), 65160);
    EXPECT_EQ(h.GetOptions().GetTimestamp()->echo, 668615403u);
}

TEST(Golden, LinuxDataSegmentDecodesExactly)
{
    FullTcpHeader h = Decode(FromHex(kData), kClient, kServer);
    EXPECT_EQ(h.GetFlags(), FullTcpHeader::PSH | FullTcpHeader::ACK);
    EXPECT_EQ(h.GetSerializedSize(), 32u);
    EXPECT_EQ(FromHex(kData).size() - h.GetSerializedSize(), 39u);
    EXPECT_FALSE(h.GetOptions().GetMss());
}

TEST(Golden, LinuxSackAckDecodesExactly)
{
    FullTcpHeader h = Decode(FromHex(kSackAck), kClient, kServer);
    const auto sack = h.GetOptions().GetSackBlocks();
    ASSERT_EQ(sack.size(), 1u);
    EXPECT_EQ(sack[0].left, 2863818020u);
    EXPECT_EQ(sack[0].right, 2863819468u);
    std::ostringstream os;
    h.GetOptions().Print(os);
    EXPECT_EQ(os.str(),
              "nop,nop,TS val 668615403 ecr 254374180,nop,nop,sack 1 {2863818020:2863819468}");
}

TEST(Golden, AllSegmentsReserializeToTheSameBytes)
{
    ExpectRoundTrip(kSyn, kClient, kServer);
    ExpectRoundTrip(kSynAck, kServer, kClient);
    ExpectRoundTrip(kData, kClient, kServer);
    ExpectRoundTrip(kSackAck, kClient, kServer);
}

TEST(Golden, FullTcpLaysOutASynLikeLinux)
{
    // Built from semantic values, FullTcp's SYN options are byte-identical to Linux's.
    FullTcpHeader h;
    h.Options().SetMss(1460);
    h.Options().SetSackPermitted(true);
    h.Options().SetTimestamp(668615403u, 0);
    h.Options().SetWindowScale(10);
    const auto syn = FromHex(kSyn);
    ASSERT_EQ(h.GetOptions().GetLength(), 20u);
    EXPECT_EQ(std::vector<uint8_t>(h.GetOptions().GetBytes(), h.GetOptions().GetBytes() + 20),
              std::vector<uint8_t>(syn.begin() + 20, syn.end()));
}

TEST(Golden, CorruptedByteFailsTheChecksum)
{
    auto seg = FromHex(kData);
    seg.back() ^= 0x01;
    Buffer b;
    b.AddAtStart(seg.size());
    b.Begin().Write(seg.data(), seg.size());
    FullTcpHeader h;
    h.InitializeChecksum(kClient, kServer, 6);
    EXPECT_EQ(h.Deserialize(b.Begin()), 0u);
    EXPECT_EQ(h.GetParseError(), FullTcpParseError::BAD_CHECKSUM);
}
