/*
 * Test: blind in-window attacks at scale (RFC 5961 §3-§5): random RSTs, SYNs and data
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * An off-path attacker knows the 4-tuple of an established connection but not its sequence
 * numbers: it sends segments with random SEG.SEQ and SEG.ACK, one every millisecond. RFC 5961
 * leaves it exact-match odds only: a RST resets only at exactly RCV.NXT (§3.2, 1 in 2^32 per
 * segment), a SYN never does (§4.2), and data is taken only in the receive window and with an
 * acceptable SEG.ACK (§5.2, about (RCV.WND / 2^32)·(MAX.SND.WND / 2^32) per segment). Each run
 * sends FULLTCP_BLIND_SEGMENTS of each kind (default 1,000,000) and checks: no reset, no byte
 * injected, the connection still ESTABLISHED, challenge ACKs no more often than one per
 * challengeAckInterval (RFC 5961 §7; Linux tcp_invalid_ratelimit 500 ms), and never more than
 * one segment in answer to one.
 */
#include "fulltcp-engine-data-fixture.h"

#include <cstdlib>
#include <iostream>
#include <random>

namespace fulltcp_test
{
namespace
{

/// \return segments per kind: FULLTCP_BLIND_SEGMENTS, or 1,000,000
uint32_t
BlindSegments()
{
    const char* env = std::getenv("FULLTCP_BLIND_SEGMENTS");
    return env ? static_cast<uint32_t>(std::strtoul(env, nullptr, 10)) : 1000000;
}

/// An established connection under a blind attack of one kind of segment.
class BlindAttackTest : public DataTest
{
  protected:
    /// What the attack did.
    struct Outcome
    {
        uint64_t sent {0};     //!< segments the connection sent in answer
        uint64_t injected {0}; //!< bytes the application could read
        bool reset {false};    //!< the connection was reset
    };

    /// Send n segments with these flags, random SEG.SEQ and SEG.ACK (and 10 bytes of data
    /// when withData), one per millisecond.
    Outcome
    Attack(uint8_t flags, bool withData, uint32_t n)
    {
        cfg.rcvBufSize = 65535; // a window of 64 KiB: about 15 in 1,000,000 land in it
        DriveToEstablished();
        std::mt19937 rng(flags);
        Outcome o;
        for (uint32_t i = 0; i < n && State() == S::ESTABLISHED; ++i)
        {
            now += MilliSeconds(1);
            Seg s =
                Flags(flags).Seq(static_cast<uint32_t>(rng())).Ack(static_cast<uint32_t>(rng()));
            if (withData)
            {
                s.Data("INJECTED!!");
            }
            Inject(s);
            o.sent += out.sent.size();
            o.reset = o.reset || Saw(E::RESET);
            out.ClearHistory();
            o.injected += Conn().GetRxAvailable();
        }
        o.reset = o.reset || State() != S::ESTABLISHED;
        std::cout << "blind attack, " << n << " segments with flags 0x" << std::hex << int {flags}
                  << std::dec << ": reset " << o.reset << ", bytes injected " << o.injected
                  << ", segments sent in answer " << o.sent << "\n";
        return o;
    }

    /// \param n segments, one per millisecond \return the most challenge ACKs RFC 5961 §7
    ///         allows in that time
    uint64_t
    ChallengeAckLimit(uint32_t n) const
    {
        return n / static_cast<uint64_t>(cfg.challengeAckInterval.GetMilliSeconds()) + 1;
    }
};

TEST_F(BlindAttackTest, RandomRstsResetNothing)
{
    // RFC 5961 §3.2: a RST in the window but not at RCV.NXT draws a challenge ACK only.
    const uint32_t n = BlindSegments();
    const Outcome o = Attack(H::RST, false, n);
    EXPECT_FALSE(o.reset);
    EXPECT_EQ(o.injected, 0u);
    EXPECT_LE(o.sent, ChallengeAckLimit(n));
}

TEST_F(BlindAttackTest, RandomRstAcksResetNothing)
{
    const uint32_t n = BlindSegments();
    const Outcome o = Attack(H::RST | H::ACK, false, n);
    EXPECT_FALSE(o.reset);
    EXPECT_LE(o.sent, ChallengeAckLimit(n));
}

TEST_F(BlindAttackTest, RandomSynsResetNothing)
{
    // RFC 5961 §4.2: a SYN in a synchronized state, whatever its sequence number, draws a
    // challenge ACK; the connection is never reset by it.
    const uint32_t n = BlindSegments();
    const Outcome o = Attack(H::SYN, false, n);
    EXPECT_FALSE(o.reset);
    EXPECT_EQ(o.injected, 0u);
    EXPECT_LE(o.sent, ChallengeAckLimit(n));
    EXPECT_GT(o.sent, 0u); // the challenges were sent
}

TEST_F(BlindAttackTest, RandomDataInjectsNothing)
{
    // RFC 5961 §5.2: data with an unacceptable SEG.ACK is dropped; out-of-window data draws
    // an ACK (RFC 9293 §3.10.7.4) that is not rate-limited, as in Linux
    // (tcp_oow_rate_limited() exempts segments with data: they may be retransmissions whose
    // ACK was lost): one ACK per segment at most, never more.
    const uint32_t n = BlindSegments();
    const Outcome o = Attack(H::ACK | H::PSH, true, n);
    EXPECT_FALSE(o.reset);
    EXPECT_EQ(o.injected, 0u);
    EXPECT_LE(o.sent, uint64_t {n});
}

} // namespace
} // namespace fulltcp_test
