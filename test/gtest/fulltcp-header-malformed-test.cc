/*
 * Test: malformed header bytes give named parse errors without reading past the segment
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Hostile bytes: every malformed case returns its named error, through plain bytes and
 * through an ns-3 Packet, and nothing is read past the segment (ASan in `make test-asan`).
 */
#include "ns3/fulltcp-header.h"
#include "ns3/packet.h"

#include <gtest/gtest.h>

#include <vector>

using namespace ns3;

namespace
{

/// A 20-byte header with data offset `offsetWords`, followed by `options`.
std::vector<uint8_t>
Segment(uint8_t offsetWords, const std::vector<uint8_t>& options)
{
    std::vector<uint8_t> s(20 + options.size(), 0);
    s[0] = 0xc0; // source port 49153
    s[1] = 0x01;
    s[3] = 80; // destination port 80
    s[7] = 1;  // sequence number 1
    s[12] = static_cast<uint8_t>(offsetWords << 4);
    s[13] = 0x02; // SYN
    s[14] = s[15] = 0xff;
    for (size_t i = 0; i < options.size(); ++i)
    {
        s[20 + i] = options[i];
    }
    return s;
}

/// Parses through plain bytes and through a Packet; both must give the same verdict.
FullTcpParseError
Verdict(const std::vector<uint8_t>& bytes)
{
    FullTcpHeader plain;
    const FullTcpParseError e = plain.Parse(bytes.data(), bytes.size());
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    FullTcpHeader viaPacket;
    const uint32_t consumed = p->PeekHeader(viaPacket);
    EXPECT_EQ(viaPacket.GetParseError(), e);
    EXPECT_EQ(consumed == 0, e != FullTcpParseError::NONE);
    return e;
}

} // namespace

TEST(Malformed, TruncatedHeaders)
{
    for (size_t n = 0; n < 20; ++n)
    {
        std::vector<uint8_t> s = Segment(5, {});
        s.resize(n);
        EXPECT_EQ(Verdict(s), FullTcpParseError::TRUNCATED_HEADER) << n << " bytes";
    }
}

TEST(Malformed, DataOffsetBelowFive)
{
    for (uint8_t off = 0; off < 5; ++off)
    {
        EXPECT_EQ(Verdict(Segment(off, {})), FullTcpParseError::DATA_OFFSET_TOO_SMALL);
    }
}

TEST(Malformed, DataOffsetPastTheEnd)
{
    EXPECT_EQ(Verdict(Segment(6, {})), FullTcpParseError::DATA_OFFSET_PAST_END);
    EXPECT_EQ(Verdict(Segment(15, {1, 1, 1, 1})), FullTcpParseError::DATA_OFFSET_PAST_END);
}

TEST(Malformed, OptionLengthZeroOrOne)
{
    EXPECT_EQ(Verdict(Segment(6, {0xfd, 0, 0, 0})), FullTcpParseError::OPTION_LENGTH_INVALID);
    EXPECT_EQ(Verdict(Segment(6, {0xfd, 1, 0, 0})), FullTcpParseError::OPTION_LENGTH_INVALID);
    EXPECT_EQ(Verdict(Segment(6, {2, 1, 0, 0})), FullTcpParseError::OPTION_LENGTH_INVALID);
}

TEST(Malformed, OptionRunningPastTheHeader)
{
    EXPECT_EQ(Verdict(Segment(6, {1, 1, 1, 2})), FullTcpParseError::OPTION_PAST_HEADER)
        << "kind in the last byte, no room for its length";
    EXPECT_EQ(Verdict(Segment(6, {0xfd, 6, 0, 0})), FullTcpParseError::OPTION_PAST_HEADER);
    EXPECT_EQ(Verdict(Segment(6, {8, 10, 0, 0})), FullTcpParseError::OPTION_PAST_HEADER)
        << "a timestamp option cut short by the data offset";
}

TEST(Malformed, OptionPastTheHeaderButInsideThePayload)
{
    // The payload behind a short data offset is not part of the option area.
    std::vector<uint8_t> s = Segment(6, {1, 1, 2, 4, 0x05, 0xb4});
    EXPECT_EQ(Verdict(s), FullTcpParseError::OPTION_PAST_HEADER);
}

TEST(Malformed, MssWithWrongLength)
{
    EXPECT_EQ(Verdict(Segment(6, {2, 3, 5, 0})), FullTcpParseError::MSS_LENGTH);
    EXPECT_EQ(Verdict(Segment(7, {2, 5, 5, 0xb4, 0, 0, 0, 0})), FullTcpParseError::MSS_LENGTH);
}

TEST(Malformed, WindowScaleWithWrongLength)
{
    EXPECT_EQ(Verdict(Segment(6, {3, 2, 0, 0})), FullTcpParseError::WINDOW_SCALE_LENGTH);
    EXPECT_EQ(Verdict(Segment(6, {3, 4, 7, 0})), FullTcpParseError::WINDOW_SCALE_LENGTH);
}

TEST(Malformed, SackPermittedWithWrongLength)
{
    EXPECT_EQ(Verdict(Segment(6, {4, 3, 0, 0})), FullTcpParseError::SACK_PERMITTED_LENGTH);
}

TEST(Malformed, TimestampWithWrongLength)
{
    EXPECT_EQ(Verdict(Segment(8, {8, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})),
              FullTcpParseError::TIMESTAMP_LENGTH);
    EXPECT_EQ(Verdict(Segment(8, {8, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})),
              FullTcpParseError::TIMESTAMP_LENGTH);
}

TEST(Malformed, SackWithBadLength)
{
    EXPECT_EQ(Verdict(Segment(6, {5, 2, 0, 0})), FullTcpParseError::SACK_LENGTH) << "no blocks";
    EXPECT_EQ(Verdict(Segment(8, {5, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})),
              FullTcpParseError::SACK_LENGTH)
        << "not a multiple of 8";
    std::vector<uint8_t> five(42, 0);
    five[0] = 5;
    five[1] = 42;
    EXPECT_EQ(Verdict(Segment(15, std::vector<uint8_t>(five.begin(), five.begin() + 40))),
              FullTcpParseError::OPTION_PAST_HEADER)
        << "five blocks cannot fit in 40 bytes";
}

TEST(Malformed, WellFormedSegmentsStillParse)
{
    EXPECT_EQ(Verdict(Segment(5, {})), FullTcpParseError::NONE);
    EXPECT_EQ(Verdict(Segment(6, {2, 4, 5, 0xb4})), FullTcpParseError::NONE);
    EXPECT_EQ(Verdict(Segment(6, {1, 1, 1, 0})), FullTcpParseError::NONE);
}

TEST(Malformed, ErrorsHaveNames)
{
    EXPECT_STREQ(FullTcpParseErrorName(FullTcpParseError::MSS_LENGTH), "MSS_LENGTH");
    EXPECT_STREQ(FullTcpParseErrorName(FullTcpParseError::BAD_CHECKSUM), "BAD_CHECKSUM");
    FullTcpHeader h;
    const auto s = Segment(3, {});
    h.Parse(s.data(), s.size());
    std::ostringstream os;
    h.Print(os);
    EXPECT_NE(os.str().find("[malformed: DATA_OFFSET_TOO_SMALL]"), std::string::npos);
}
