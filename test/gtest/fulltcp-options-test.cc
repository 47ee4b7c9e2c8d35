/*
 * Test: options in Linux's layout, exact parse, unknown options kept, 40-byte limit
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpOptions: Linux's layout for outgoing options, exact parse of every known option,
 * unknown options kept byte-exact, and the 40-byte limit.
 */
#include "fulltcp-options-test-util.h"

#include "ns3/fulltcp-options.h"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

using fulltcp_options_test::Bytes;
using fulltcp_options_test::Printed;

FullTcpOptions
Parsed(const std::vector<uint8_t>& bytes)
{
    FullTcpOptions o;
    EXPECT_EQ(o.Parse(bytes.data(), bytes.size()), FullTcpParseError::NONE);
    return o;
}

} // namespace

TEST(Options, EmptyHasNoBytes)
{
    FullTcpOptions o;
    EXPECT_EQ(o.GetLength(), 0u);
    EXPECT_EQ(Printed(o), "");
}

TEST(Options, SynWithEverythingIsLinuxLayout)
{
    FullTcpOptions o;
    o.SetWindowScale(7); // setter order does not matter: the layout is fixed
    o.SetTimestamp(1, 0);
    o.SetSackPermitted(true);
    o.SetMss(1460);
    EXPECT_EQ(Bytes(o), (std::vector<uint8_t> {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0,
                                               0, 1, 0,    0,    0, 0, 1, 3,  3, 7}));
    EXPECT_EQ(Printed(o), "mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7");
}

TEST(Options, SynWithoutTimestampsUsesNopNopSackOk)
{
    FullTcpOptions o;
    o.SetMss(1460);
    o.SetSackPermitted(true);
    o.SetWindowScale(7);
    EXPECT_EQ(Printed(o), "mss 1460,nop,nop,sackOK,nop,wscale 7");
    EXPECT_EQ(o.GetLength(), 12u);
}

TEST(Options, TimestampWithoutSackOkUsesNopNop)
{
    FullTcpOptions o;
    o.SetTimestamp(0xdeadbeef, 0x01020304);
    EXPECT_EQ(Bytes(o), (std::vector<uint8_t> {1, 1, 8, 10, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4}));
    ASSERT_TRUE(o.GetTimestamp());
    EXPECT_EQ(o.GetTimestamp()->value, 0xdeadbeefu);
    EXPECT_EQ(o.GetTimestamp()->echo, 0x01020304u);
}

TEST(Options, MssAloneIsFourBytes)
{
    FullTcpOptions o;
    o.SetMss(536);
    EXPECT_EQ(Bytes(o), (std::vector<uint8_t> {2, 4, 0x02, 0x18}));
    EXPECT_EQ(o.GetMss(), 536);
    EXPECT_FALSE(o.GetWindowScale());
    EXPECT_FALSE(o.GetSackPermitted());
    EXPECT_FALSE(o.GetTimestamp());
}

TEST(Options, SackBlocksRoundTrip)
{
    FullTcpOptions o;
    o.SetSackBlocks({{100, 200}, {300, 400}});
    EXPECT_EQ(Printed(o), "nop,nop,sack 2 {100:200}{300:400}");
    FullTcpOptions p = Parsed(Bytes(o));
    EXPECT_EQ(p.GetSackBlocks(), (std::vector<FullTcpSackBlock> {{100, 200}, {300, 400}}));
    EXPECT_TRUE(p == o);
}

TEST(Options, FourSackBlocksFitWithoutTimestamps)
{
    FullTcpOptions o;
    o.SetSackBlocks({{1, 2}, {3, 4}, {5, 6}, {7, 8}});
    EXPECT_EQ(o.GetSackBlocks().size(), 4u);
    EXPECT_EQ(o.GetLength(), 36u);
}

TEST(Options, OnlyThreeSackBlocksFitBesideTimestamps)
{
    // RFC 2018 §3: with timestamps (12 bytes) only 3 blocks fit in 40 bytes, as on Linux.
    FullTcpOptions o;
    o.SetTimestamp(5, 6);
    o.SetSackBlocks({{1, 2}, {3, 4}, {5, 6}, {7, 8}});
    EXPECT_EQ(o.GetSackBlocks(), (std::vector<FullTcpSackBlock> {{1, 2}, {3, 4}, {5, 6}}));
    EXPECT_EQ(o.GetLength(), 40u);
    EXPECT_EQ(Parsed(Bytes(o)).GetSackBlocks().size(), 3u);
}

TEST(Options, UnknownOptionKeptByteExact)
{
    const std::vector<uint8_t> wire {2, 4, 0x05, 0xb4, 0xfd, 6, 0xca, 0xfe, 0xba, 0xbe, 1, 0};
    FullTcpOptions o = Parsed(wire);
    EXPECT_EQ(o.GetMss(), 1460);
    ASSERT_EQ(o.GetUnknownOptions().size(), 1u);
    EXPECT_EQ(o.GetUnknownOptions()[0], (FullTcpUnknownOption {0xfd, {0xca, 0xfe, 0xba, 0xbe}}));
    EXPECT_EQ(Bytes(o), wire) << "padding and NOP placement kept as received";
    EXPECT_EQ(Printed(o), "mss 1460,unknown-253 0xcafebabe,nop,eol");
}

TEST(Options, UnknownOptionLaidOutAfterKnownOnesAndPadded)
{
    FullTcpOptions o;
    o.SetMss(1000);
    ASSERT_TRUE(o.AddUnknownOption({30, {1, 2, 3}}));
    EXPECT_EQ(Bytes(o), (std::vector<uint8_t> {2, 4, 0x03, 0xe8, 30, 5, 1, 2, 3, 0, 0, 0}));
    EXPECT_EQ(Parsed(Bytes(o)).GetUnknownOptions(), o.GetUnknownOptions());
}

TEST(Options, UnknownOptionThatDoesNotFitIsRefused)
{
    FullTcpOptions o;
    o.SetMss(1460);
    o.SetTimestamp(1, 2);
    o.SetSackPermitted(true);
    o.SetWindowScale(3); // 20 bytes used
    EXPECT_FALSE(o.AddUnknownOption({200, std::vector<uint8_t>(19, 0xaa)}));
    EXPECT_TRUE(o.GetUnknownOptions().empty());
    EXPECT_EQ(o.GetLength(), 20u);
    EXPECT_TRUE(o.AddUnknownOption({200, std::vector<uint8_t>(18, 0xaa)}));
    EXPECT_EQ(o.GetLength(), 40u);
}

TEST(Options, EolAndNopAreNotUnknownOptions)
{
    FullTcpOptions o;
    EXPECT_FALSE(o.AddUnknownOption({0, {}}));
    EXPECT_FALSE(o.AddUnknownOption({1, {}}));
}

TEST(Options, EolEndsParsingAndTheRestIsPadding)
{
    // Bytes after EOL are padding (RFC 9293 §3.1), even if they look like an option.
    FullTcpOptions o = Parsed({0, 2, 4, 5, 0xb4});
    EXPECT_FALSE(o.GetMss());
    EXPECT_EQ(o.GetLength(), 5u);
}

TEST(Options, WindowScaleAboveFourteenIsCarriedAsReceived)
{
    // RFC 7323 §2.3: the receiver clamps to 14 (and logs); the wire layer reports the value.
    EXPECT_EQ(Parsed({1, 3, 3, 15}).GetWindowScale(), 15);
}

TEST(Options, ClearRemovesEverything)
{
    FullTcpOptions o;
    o.SetMss(1460);
    o.SetSackBlocks({{1, 2}});
    o.Clear();
    EXPECT_EQ(o.GetLength(), 0u);
    EXPECT_FALSE(o.GetMss());
    EXPECT_TRUE(o.GetSackBlocks().empty());
}
