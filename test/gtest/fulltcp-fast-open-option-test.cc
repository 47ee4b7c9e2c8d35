/*
 * Test: the Fast Open option (RFC 7413 §4.1.1) parsed and laid out byte-exact as Linux does
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Expected bytes are those Linux 6.18 puts on the wire (tcp_options_write(),
 * OPTION_FAST_OPEN_COOKIE), as packetdrill's fastopen scripts show them, e.g. a SYN-ACK
 * `mss 1460,sackOK,TS val 10000 ecr 1,nop,wscale 8,FO 00abaaabe8e954c2,nop,nop`.
 */
#include "fulltcp-options-test-util.h"

#include "ns3/fulltcp-fast-open-option.h"
#include "ns3/fulltcp-options.h"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

using fulltcp_options_test::Bytes;
using fulltcp_options_test::Printed;

const std::vector<uint8_t> COOKIE = {0x30, 0x21, 0xb9, 0xd8, 0x89, 0x01, 0x7e, 0xeb};

FullTcpFastOpenOption
Fo(std::vector<uint8_t> cookie, bool experimental = false)
{
    FullTcpFastOpenOption fo;
    fo.cookie = std::move(cookie);
    fo.experimental = experimental;
    return fo;
}

} // namespace

TEST(FastOpenOption, SynAckCookieAfterWscaleThenNopNop)
{
    FullTcpOptions o;
    o.SetMss(1460);
    o.SetSackPermitted(true);
    o.SetTimestamp(10000, 1);
    o.SetWindowScale(8);
    ASSERT_TRUE(o.SetFastOpen(Fo({0x00, 0xab, 0xaa, 0xab, 0xe8, 0xe9, 0x54, 0xc2})));
    EXPECT_EQ(Bytes(o),
              (std::vector<uint8_t> {2,    4,    0x05, 0xb4, 4,    2,    8,    10,   0, 0,  0x27,
                                     0x10, 0,    0,    0,    1,    1,    3,    3,    8, 34, 10,
                                     0x00, 0xab, 0xaa, 0xab, 0xe8, 0xe9, 0x54, 0xc2, 1, 1}));
    EXPECT_EQ(
        Printed(o),
        "mss 1460,sackOK,TS val 10000 ecr 1,nop,wscale 8,tfo cookie 00abaaabe8e954c2,nop,nop");
}

TEST(FastOpenOption, CookieRequestIsKindLengthTwoThenNopNop)
{
    FullTcpOptions o;
    o.SetMss(1460);
    o.SetSackPermitted(true);
    o.SetWindowScale(8);
    ASSERT_TRUE(o.SetFastOpen(Fo({})));
    EXPECT_EQ(Printed(o), "mss 1460,nop,nop,sackOK,nop,wscale 8,tfo cookiereq,nop,nop");
    EXPECT_EQ(Bytes(o),
              (std::vector<uint8_t> {2, 4, 0x05, 0xb4, 1, 1, 4, 2, 1, 3, 3, 8, 34, 2, 1, 1}));
}

TEST(FastOpenOption, ExperimentalCookieCarriesMagicAndNeedsNoPadding)
{
    FullTcpOptions o;
    o.SetMss(1460);
    ASSERT_TRUE(o.SetFastOpen(Fo(COOKIE, true)));
    EXPECT_EQ(Bytes(o),
              (std::vector<uint8_t> {2,
                                     4,
                                     0x05,
                                     0xb4,
                                     254,
                                     12,
                                     0xf9,
                                     0x89,
                                     0x30,
                                     0x21,
                                     0xb9,
                                     0xd8,
                                     0x89,
                                     0x01,
                                     0x7e,
                                     0xeb}));
    EXPECT_EQ(Printed(o), "mss 1460,exp-tfo cookie 3021b9d889017eeb");
}

TEST(FastOpenOption, ExperimentalCookieRequestIsFourBytes)
{
    FullTcpOptions o;
    ASSERT_TRUE(o.SetFastOpen(Fo({}, true)));
    EXPECT_EQ(Bytes(o), (std::vector<uint8_t> {254, 4, 0xf9, 0x89}));
}

TEST(FastOpenOption, ParseKind34RoundTripsByteExact)
{
    // packetdrill's `<mss 1460,sackOK,nop,nop,FO 3021b9d889017eeb,nop,nop>`
    const std::vector<uint8_t> wire = {2,    4,    0x05, 0xb4, 4,    2,    1,    1,    34, 10,
                                       0x30, 0x21, 0xb9, 0xd8, 0x89, 0x01, 0x7e, 0xeb, 1,  1};
    FullTcpOptions o;
    ASSERT_EQ(o.Parse(wire.data(), wire.size()), FullTcpParseError::NONE);
    ASSERT_TRUE(o.GetFastOpen());
    EXPECT_EQ(*o.GetFastOpen(), Fo(COOKIE));
    EXPECT_TRUE(o.GetUnknownOptions().empty());
    EXPECT_EQ(Bytes(o), wire);
    EXPECT_EQ(o.GetMss(), 1460);
    EXPECT_TRUE(o.GetSackPermitted());
}

TEST(FastOpenOption, ParseExperimentalWithMagic)
{
    const std::vector<uint8_t> wire = {
        254, 12, 0xf9, 0x89, 0x30, 0x21, 0xb9, 0xd8, 0x89, 0x01, 0x7e, 0xeb};
    FullTcpOptions o;
    ASSERT_EQ(o.Parse(wire.data(), wire.size()), FullTcpParseError::NONE);
    ASSERT_TRUE(o.GetFastOpen());
    EXPECT_EQ(*o.GetFastOpen(), Fo(COOKIE, true));
}

TEST(FastOpenOption, ExperimentalKindWithOtherMagicIsAnUnknownOption)
{
    const std::vector<uint8_t> wire = {254, 4, 0x12, 0x34};
    FullTcpOptions o;
    ASSERT_EQ(o.Parse(wire.data(), wire.size()), FullTcpParseError::NONE);
    EXPECT_FALSE(o.GetFastOpen());
    ASSERT_EQ(o.GetUnknownOptions().size(), 1u);
    EXPECT_EQ(o.GetUnknownOptions()[0].kind, 254);
}

TEST(FastOpenOption, MalformedCookieIsKeptNotAParseError)
{
    // tcp_parse_fastopen_option(): an odd or over-long cookie is ignored, the segment is not.
    const std::vector<uint8_t> wire = {34, 5, 1, 2, 3, 0, 0, 0};
    FullTcpOptions o;
    ASSERT_EQ(o.Parse(wire.data(), wire.size()), FullTcpParseError::NONE);
    ASSERT_TRUE(o.GetFastOpen());
    EXPECT_EQ(o.GetFastOpen()->cookie.size(), 3u);
    EXPECT_FALSE(FullTcpFastOpenCookieValid(o.GetFastOpen()->cookie));
}

TEST(FastOpenOption, CookieValidityFollowsLinuxBounds)
{
    EXPECT_FALSE(FullTcpFastOpenCookieValid({}));
    EXPECT_FALSE(FullTcpFastOpenCookieValid({1, 2}));
    EXPECT_TRUE(FullTcpFastOpenCookieValid({1, 2, 3, 4}));
    EXPECT_FALSE(FullTcpFastOpenCookieValid({1, 2, 3, 4, 5}));
    EXPECT_TRUE(FullTcpFastOpenCookieValid(std::vector<uint8_t>(16, 7)));
    EXPECT_FALSE(FullTcpFastOpenCookieValid(std::vector<uint8_t>(18, 7)));
}

TEST(FastOpenOption, OverLongCookieIsRefused)
{
    FullTcpOptions o;
    EXPECT_FALSE(o.SetFastOpen(Fo(std::vector<uint8_t>(18, 1))));
    EXPECT_FALSE(o.GetFastOpen());
    EXPECT_EQ(o.GetLength(), 0u);
}

TEST(FastOpenOption, SixteenByteCookieFillsASynWithEverything)
{
    FullTcpOptions o;
    o.SetMss(1460);
    o.SetSackPermitted(true);
    o.SetTimestamp(1, 0);
    o.SetWindowScale(7);
    ASSERT_TRUE(o.SetFastOpen(Fo(std::vector<uint8_t>(16, 0xaa))));
    EXPECT_EQ(o.GetLength(), 40u);
    EXPECT_EQ(o.GetBytes()[20], 34);
    EXPECT_EQ(o.GetBytes()[21], 18);
    EXPECT_EQ(o.GetBytes()[38], 1); // nop,nop
    EXPECT_EQ(o.GetBytes()[39], 1);
}

TEST(FastOpenOption, CookieThatDoesNotFitIsLeftOff)
{
    FullTcpOptions o;
    o.SetMss(1460);
    o.SetSackPermitted(true);
    o.SetTimestamp(1, 0);
    o.SetWindowScale(7);
    ASSERT_TRUE(o.AddUnknownOption({200, std::vector<uint8_t>(6, 0)}));
    EXPECT_FALSE(o.SetFastOpen(Fo(std::vector<uint8_t>(16, 0xaa), true)));
    EXPECT_FALSE(o.GetFastOpen());
    EXPECT_EQ(o.GetLength(), 28u);
}
