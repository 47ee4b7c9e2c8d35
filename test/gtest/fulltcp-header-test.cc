/*
 * Test: FullTcpHeader field round trip, flag bits, tcpdump Print, IPv4/IPv6 checksums
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpHeader: every field round-trips through ns-3 Packets, flags are bits, Print() is
 * tcpdump's style, checksums work with the IPv4 and IPv6 pseudo-headers.
 */
#include "ns3/fulltcp-header.h"
#include "ns3/packet.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace ns3;

namespace
{

FullTcpHeader
EveryFieldSet()
{
    FullTcpHeader h;
    h.SetSourcePort(49153);
    h.SetDestinationPort(80);
    h.SetSequenceNumber(0xfedcba98);
    h.SetAckNumber(0x01234567);
    h.SetReserved(0x0a);
    h.SetFlags(0xff);
    h.SetWindow(0xbeef);
    h.SetUrgentPointer(0x1234);
    h.SetChecksum(0x5a5a);
    h.Options().SetMss(1460);
    h.Options().SetSackPermitted(true);
    h.Options().SetTimestamp(7, 8);
    h.Options().SetWindowScale(14);
    return h;
}

std::string
Printed(const FullTcpHeader& h)
{
    std::ostringstream os;
    h.Print(os);
    return os.str();
}

} // namespace

TEST(Header, EveryFieldRoundTripsThroughAPacket)
{
    const FullTcpHeader sent = EveryFieldSet();
    Ptr<Packet> p = Create<Packet>(100);
    p->AddHeader(sent);
    EXPECT_EQ(p->GetSize(), 100u + 40u);

    FullTcpHeader got;
    EXPECT_EQ(p->RemoveHeader(got), 40u);
    EXPECT_EQ(got.GetParseError(), FullTcpParseError::NONE);
    EXPECT_EQ(got.GetSourcePort(), 49153);
    EXPECT_EQ(got.GetDestinationPort(), 80);
    EXPECT_EQ(got.GetSequenceNumber(), 0xfedcba98u);
    EXPECT_EQ(got.GetAckNumber(), 0x01234567u);
    EXPECT_EQ(got.GetReserved(), 0x0a) << "reserved bits round-trip exactly";
    EXPECT_EQ(got.GetFlags(), 0xff);
    EXPECT_EQ(got.GetWindow(), 0xbeef);
    EXPECT_EQ(got.GetUrgentPointer(), 0x1234);
    EXPECT_EQ(got.GetChecksum(), 0x5a5a);
    EXPECT_EQ(got.GetDataOffset(), 10);
    EXPECT_TRUE(got.GetOptions() == sent.GetOptions());
    EXPECT_EQ(p->GetSize(), 100u);
}

TEST(Header, EachFlagIsItsOwnBit)
{
    const uint8_t all[] = {FullTcpHeader::FIN,
                           FullTcpHeader::SYN,
                           FullTcpHeader::RST,
                           FullTcpHeader::PSH,
                           FullTcpHeader::ACK,
                           FullTcpHeader::URG,
                           FullTcpHeader::ECE,
                           FullTcpHeader::CWR};
    for (uint8_t f : all)
    {
        FullTcpHeader h;
        h.SetFlags(f);
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(h);
        FullTcpHeader got;
        p->RemoveHeader(got);
        EXPECT_EQ(got.GetFlags(), f);
        for (uint8_t g : all)
        {
            EXPECT_EQ(got.HasFlags(g), f == g);
        }
    }
}

TEST(Header, HasFlagsTestsBitsNotEquality)
{
    FullTcpHeader h;
    h.SetFlags(FullTcpHeader::SYN | FullTcpHeader::ACK | FullTcpHeader::ECE);
    EXPECT_TRUE(h.HasFlags(FullTcpHeader::SYN));
    EXPECT_TRUE(h.HasFlags(FullTcpHeader::SYN | FullTcpHeader::ACK));
    EXPECT_FALSE(h.HasFlags(FullTcpHeader::SYN | FullTcpHeader::FIN));
}

TEST(Header, PrintIsTcpdumpStyle)
{
    FullTcpHeader syn;
    syn.SetSourcePort(49153);
    syn.SetDestinationPort(80);
    syn.SetSequenceNumber(1234);
    syn.SetFlags(FullTcpHeader::SYN);
    syn.SetWindow(65535);
    syn.Options().SetMss(1460);
    syn.Options().SetSackPermitted(true);
    syn.Options().SetTimestamp(1, 0);
    syn.Options().SetWindowScale(7);
    EXPECT_EQ(Printed(syn),
              "49153 > 80 [S] seq 1234 win 65535 <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7>");

    FullTcpHeader finAck;
    finAck.SetSourcePort(80);
    finAck.SetDestinationPort(49153);
    finAck.SetSequenceNumber(10);
    finAck.SetAckNumber(20);
    finAck.SetFlags(FullTcpHeader::FIN | FullTcpHeader::PSH | FullTcpHeader::ACK);
    finAck.SetWindow(512);
    EXPECT_EQ(Printed(finAck), "80 > 49153 [FP.] seq 10 ack 20 win 512");

    FullTcpHeader urg;
    urg.SetFlags(FullTcpHeader::URG | FullTcpHeader::ACK);
    urg.SetUrgentPointer(3);
    urg.SetReserved(1);
    EXPECT_EQ(Printed(urg), "0 > 0 [.U] seq 0 ack 0 win 0 urg 3 res 0x1");
}

TEST(Header, FlagsToStringUsesTcpdumpLetters)
{
    EXPECT_EQ(FullTcpHeader::FlagsToString(0), "none");
    EXPECT_EQ(FullTcpHeader::FlagsToString(FullTcpHeader::RST | FullTcpHeader::ACK), "R.");
    EXPECT_EQ(FullTcpHeader::FlagsToString(0xff), "FSRP.UEW");
}

TEST(Header, Ipv4ChecksumComputedAndVerified)
{
    const Ipv4Address a("10.1.1.1");
    const Ipv4Address b("10.1.1.2");
    FullTcpHeader h = EveryFieldSet();
    h.InitializeChecksum(a, b, 6);
    Ptr<Packet> p = Create<Packet>(reinterpret_cast<const uint8_t*>("hello, odd length"), 17);
    p->AddHeader(h);

    FullTcpHeader good;
    good.InitializeChecksum(a, b, 6);
    p->PeekHeader(good);
    EXPECT_EQ(good.GetParseError(), FullTcpParseError::NONE);
    EXPECT_NE(good.GetChecksum(), 0x5a5a) << "computed, not the value set by hand";

    FullTcpHeader wrongAddress;
    wrongAddress.InitializeChecksum(a, Ipv4Address("10.1.1.3"), 6);
    p->PeekHeader(wrongAddress);
    EXPECT_EQ(wrongAddress.GetParseError(), FullTcpParseError::BAD_CHECKSUM);

    FullTcpHeader wrongProtocol;
    wrongProtocol.InitializeChecksum(a, b, 253);
    p->PeekHeader(wrongProtocol);
    EXPECT_EQ(wrongProtocol.GetParseError(), FullTcpParseError::BAD_CHECKSUM);
}

TEST(Header, Ipv6ChecksumComputedAndVerified)
{
    const Ipv6Address a("2001:db8::1");
    const Ipv6Address b("2001:db8::2");
    FullTcpHeader h = EveryFieldSet();
    h.InitializeChecksum(Address(a), Address(b), 6);
    EXPECT_TRUE(h.IsChecksumEnabled());
    Ptr<Packet> p = Create<Packet>(1000);
    p->AddHeader(h);

    FullTcpHeader good;
    good.InitializeChecksum(a, b, 6);
    p->PeekHeader(good);
    EXPECT_EQ(good.GetParseError(), FullTcpParseError::NONE);

    FullTcpHeader swapped;
    swapped.InitializeChecksum(a, Ipv6Address("2001:db8::3"), 6);
    p->PeekHeader(swapped);
    EXPECT_EQ(swapped.GetParseError(), FullTcpParseError::BAD_CHECKSUM);
}

TEST(Header, ChecksumOffCarriesTheFieldAsAValue)
{
    FullTcpHeader h;
    h.SetChecksum(0xabcd);
    Ptr<Packet> p = Create<Packet>(10);
    p->AddHeader(h);
    uint8_t bytes[30];
    p->CopyData(bytes, sizeof(bytes));
    EXPECT_EQ(bytes[16], 0xab);
    EXPECT_EQ(bytes[17], 0xcd);
    FullTcpHeader got;
    p->PeekHeader(got);
    EXPECT_FALSE(got.IsChecksumEnabled());
    EXPECT_EQ(got.GetParseError(), FullTcpParseError::NONE);
}

TEST(Header, MixedAddressFamiliesLeaveChecksumsOff)
{
    FullTcpHeader h;
    h.InitializeChecksum(Address(Ipv4Address("10.0.0.1")), Address(Ipv6Address("::1")), 6);
    EXPECT_FALSE(h.IsChecksumEnabled());
}

TEST(Header, WireLayoutOfTheFixedPart)
{
    FullTcpHeader h;
    h.SetSourcePort(0x0102);
    h.SetDestinationPort(0x0304);
    h.SetSequenceNumber(0x05060708);
    h.SetAckNumber(0x090a0b0c);
    h.SetReserved(0x3);
    h.SetFlags(FullTcpHeader::SYN | FullTcpHeader::ACK);
    h.SetWindow(0x0d0e);
    h.SetUrgentPointer(0x0f10);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    uint8_t b[20];
    ASSERT_EQ(p->CopyData(b, 20), 20u);
    const uint8_t expected[20] = {1,  2,  3,    4,    5,  6,  7, 8, 9,  10,
                                  11, 12, 0x53, 0x12, 13, 14, 0, 0, 15, 16};
    EXPECT_EQ(std::vector<uint8_t>(b, b + 20), std::vector<uint8_t>(expected, expected + 20));
}
