/*
 * Test: Linux's GSO packets (minTsoSegs; tcp_write_xmit(), tcp_tso_autosize()) and their PSH
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * With FullTcpConfig::minTsoSegs new data leaves in packets of several segments as Linux cuts
 * them, and the last segment of a packet of more than one segment has PSH (__tcp_transmit_skb()
 * forces it on GSO packets). Each test writes once and reads where PSH lands.
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

/// The Linux profile's block size (sk_gso_max_size on x86-64).
constexpr uint32_t kLinuxGsoMaxSize = 65215;

class GsoTest : public DataTest
{
  protected:
    /// Active open in the Linux profile's GSO setting; the SYN-ACK comes rtt after the SYN
    /// (the first RTT sample, from which the pacing rate and the min RTT come).
    void
    OpenWithRtt(Time rtt)
    {
        cfg.pushBlockSize = kLinuxGsoMaxSize;
        cfg.minTsoSegs = 2;
        cfg.sndBufSize = 100000;
        DriveToSynSent();
        now += rtt;
        Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
        ASSERT_EQ(State(), S::ESTABLISHED);
        out.ClearHistory();
    }

    /// Expect our segments of 1000 bytes from offset `from` to `to`, PSH on those ending at
    /// an offset in `pushed`.
    void
    ExpectSegments(const std::string& data,
                   uint32_t from,
                   uint32_t to,
                   const std::vector<uint32_t>& pushed)
    {
        for (uint32_t o = from; o < to; o += 1000)
        {
            const uint32_t n = std::min<uint32_t>(1000, to - o);
            const bool psh = std::find(pushed.begin(), pushed.end(), o + n) != pushed.end();
            EXPECT_SENT(OurData(data, o, n, psh ? H::PSH : 0)) << "offset " << o;
        }
    }
};

TEST_F(GsoTest, APacketOfTwoSegmentsEndsWithPsh)
{
    // RTT 100 ms, cwnd 10: about 1 ms of the pacing rate is less than a segment, so packets
    // have tcp_min_tso_segs = 2 segments; each ends with PSH.
    OpenWithRtt(MilliSeconds(100));
    const std::string data = Text(10000);
    Write(data);
    ExpectSegments(data, 0, 10000, {2000, 4000, 6000, 8000, 10000});
    EXPECT_NOTHING_SENT();
}

TEST_F(GsoTest, ATinyMinRttMakesPacketsOfHalfTheWindow)
{
    // Min RTT below 512 µs: sk_gso_max_size joins the size (tcp_tso_autosize()); a packet
    // takes at most half of cwnd 10 (tcp_cwnd_test()): two packets of five segments.
    OpenWithRtt(MicroSeconds(100));
    const std::string data = Text(10000);
    Write(data);
    ExpectSegments(data, 0, 10000, {5000, 10000});
    EXPECT_NOTHING_SENT();
}

TEST_F(GsoTest, APartialLastSegmentGoesWithItsPacketWhenNothingIsInFlight)
{
    // tcp_mss_split_point(): Nagle holds a packet's partial last segment only while data is
    // in flight; here there is none, so 1500 bytes leave together.
    OpenWithRtt(MilliSeconds(100));
    const std::string data = Text(1500);
    Write(data);
    ExpectSegments(data, 0, 1500, {1500});
    EXPECT_NOTHING_SENT();
}

TEST_F(GsoTest, WithoutGsoOnlyWriteEndsHavePsh)
{
    // minTsoSegs = 0 (the RFC profile): segments one by one, PSH at the write's end only.
    cfg.pushBlockSize = kLinuxGsoMaxSize;
    cfg.sndBufSize = 100000;
    DriveToEstablished();
    const std::string data = Text(10000);
    Write(data);
    ExpectSegments(data, 0, 10000, {10000});
}

} // namespace
} // namespace fulltcp_test
