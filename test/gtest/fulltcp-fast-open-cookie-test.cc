/*
 * Test: the Fast Open cookie as Linux computes it (siphash of the addresses under the key)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The expected cookies are the kernel's: packetdrill's public suite passes
 * -D TFO_COOKIE=3021b9d889017eeb for 192.0.2.1 -> 192.168.0.1 with defaults.sh's key, and
 * fastopen/server/simple1.pkt expects 00abaaabe8e954c2 for 10.248.0.2 -> 192.168.0.2.
 */
#include "ns3/fulltcp-fast-open-cookie.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace ns3;

namespace
{

constexpr uint32_t
Ip(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    return (uint32_t(a) << 24) | (uint32_t(b) << 16) | (uint32_t(c) << 8) | d;
}

std::string
Hex(const std::vector<uint8_t>& bytes)
{
    std::string s;
    for (uint8_t b : bytes)
    {
        s += "0123456789abcdef"[b >> 4];
        s += "0123456789abcdef"[b & 0xf];
    }
    return s;
}

} // namespace

TEST(FastOpenCookie, SipHashReferenceVector)
{
    // SipHash paper, appendix A: key 00..0f, message 00..0e, hash a129ca6149be45e5.
    FullTcpFastOpenKey::Bytes key;
    uint8_t msg[15];
    for (int i = 0; i < 16; ++i)
    {
        key[i] = static_cast<uint8_t>(i);
    }
    for (int i = 0; i < 15; ++i)
    {
        msg[i] = static_cast<uint8_t>(i);
    }
    EXPECT_EQ(FullTcpSipHash24(key, msg, sizeof(msg)), 0xa129ca6149be45e5ULL);
}

TEST(FastOpenCookie, PublicSuiteCookie)
{
    const auto key = FullTcpFastOpenKey::Parse("a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4");
    ASSERT_TRUE(key);
    EXPECT_EQ(Hex(FullTcpFastOpenCookie(key->primary, Ip(192, 0, 2, 1), Ip(192, 168, 0, 1))),
              "3021b9d889017eeb");
}

TEST(FastOpenCookie, KeyWordsAreLittleEndian)
{
    const auto key = FullTcpFastOpenKey::Parse("a0bf63f7-ed803d81-cd641d30-cebc4a90");
    ASSERT_TRUE(key);
    EXPECT_EQ(key->primary[0], 0xf7);
    EXPECT_EQ(key->primary[3], 0xa0);
    EXPECT_EQ(Hex(FullTcpFastOpenCookie(key->primary, Ip(10, 248, 0, 2), Ip(192, 168, 0, 2))),
              "00abaaabe8e954c2");
}

TEST(FastOpenCookie, BackupKeyIsAcceptedPrimaryMakesCookies)
{
    const auto key = FullTcpFastOpenKey::Parse(
        "00000001-00000002-00000003-00000004,a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4");
    ASSERT_TRUE(key);
    ASSERT_TRUE(key->backup);
    const uint32_t c = Ip(192, 0, 2, 1);
    const uint32_t s = Ip(192, 168, 0, 1);
    EXPECT_EQ(FullTcpFastOpenCookieCheck(*key, c, s, FullTcpFastOpenCookie(key->primary, c, s)), 1);
    EXPECT_EQ(
        FullTcpFastOpenCookieCheck(*key, c, s, {0x30, 0x21, 0xb9, 0xd8, 0x89, 0x01, 0x7e, 0xeb}),
        2);
    EXPECT_EQ(FullTcpFastOpenCookieCheck(*key, c, s, {1, 2, 3, 4, 5, 6, 7, 8}), 0);
    EXPECT_EQ(FullTcpFastOpenCookieCheck(*key, s, c, FullTcpFastOpenCookie(key->primary, c, s)), 0);
}

TEST(FastOpenCookie, MalformedKeysAreRefused)
{
    EXPECT_FALSE(FullTcpFastOpenKey::Parse(""));
    EXPECT_FALSE(FullTcpFastOpenKey::Parse("a1a1a1a1-b2b2b2b2-c3c3c3c3"));
    EXPECT_FALSE(FullTcpFastOpenKey::Parse("a1a1a1a1-b2b2b2b2-c3c3c3c3-zz"));
    EXPECT_FALSE(FullTcpFastOpenKey::Parse("a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4d"));
    EXPECT_FALSE(FullTcpFastOpenKey::Parse("a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4,1-2"));
    EXPECT_TRUE(FullTcpFastOpenKey::Parse("1-2-3-4"));
}
