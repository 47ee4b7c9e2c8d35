/*
 * Engine: §3.10.7.4 checks shared by the engine and TIME_WAIT records, as pure functions
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SEGMENT_CHECKS_H
#define FULLTCP_SEGMENT_CHECKS_H

#include "fulltcp-range.h"

#include "ns3/fulltcp-header.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The checks of RFC 9293 §3.10.7.4 and RFC 7323 that a synchronized connection and a
 * TIME_WAIT record (FullTcpTimeWaitRecord) both apply, as pure functions of the segment and
 * a few state variables, so that the engine and the record share one implementation.
 *
 * Offsets are the engine's 64-bit stream offsets (FullTcpSeqSpace); a record passes offsets
 * relative to its RCV.NXT.
 */

/// What to answer a segment with: nothing, an ACK, or a rate-limited (challenge) ACK.
enum class FullTcpReply : uint8_t
{
    NONE,          //!< no answer
    ACK,           //!< <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, always sent
    CHALLENGE_ACK, //!< the same ACK, subject to the RFC 5961 §7 rate limit
};

/**
 * \brief Table 6 of RFC 9293 §3.10.7.4: the four cases of segment length and receive window.
 * \param seq SEG.SEQ \param segLen SEG.LEN (SYN and FIN count) \param rcvNxt RCV.NXT
 * \param rcvWnd RCV.WND
 * \return whether the segment is acceptable
 */
bool FullTcpSegmentAcceptable(int64_t seq, int64_t segLen, int64_t rcvNxt, int64_t rcvWnd);

/**
 * \brief RFC 7323 §5.3 R1 (PAWS): "If there is a Timestamps option in the arriving segment,
 * SEG.TSval < TS.Recent, TS.Recent is valid ..., and the RST bit is off, then treat the
 * arriving segment as not acceptable". "<" is modulo 2^32.
 * \param h the segment \param tsOk timestamps in use \param tsRecent TS.Recent
 * \param tsRecentValid whether TS.Recent may be trusted (RFC 7323 §5.5)
 * \return whether PAWS rejects the segment (an old duplicate)
 */
bool FullTcpPawsRejects(const FullTcpHeader& h, bool tsOk, uint32_t tsRecent, bool tsRecentValid);

/**
 * \brief RFC 7323 §4.3 R3: "If SEG.TSval >= TS.Recent and SEG.SEQ <= Last.ACK.sent, then
 * SEG.TSval is copied to TS.Recent"; an invalid (stale) TS.Recent is replaced in any case
 * (§5.5).
 * \param h an acceptable segment \param seq SEG.SEQ \param lastAckSent Last.ACK.sent
 * \param tsOk timestamps in use \param tsRecent TS.Recent \param tsRecentValid as above
 * \return the new TS.Recent, if it changes
 */
std::optional<uint32_t> FullTcpTsRecentUpdate(const FullTcpHeader& h,
                                              int64_t seq,
                                              int64_t lastAckSent,
                                              bool tsOk,
                                              uint32_t tsRecent,
                                              bool tsRecentValid);

/// How to answer a segment that failed PAWS or the sequence check.
struct FullTcpUnacceptableAnswer
{
    FullTcpReply reply {FullTcpReply::NONE}; //!< the ACK, or nothing for a RST
    std::optional<FullTcpRange> dsack;       //!< bytes the peer sent twice (RFC 2883 §4)
};

/**
 * \brief §3.10.7.4 first step: "If an incoming segment is not acceptable, an acknowledgment
 * should be sent in reply (unless the RST bit is set, if so drop the segment and return)".
 *
 * As Linux tcp_oow_rate_limited(), the reply to a segment that occupies no sequence space
 * is rate-limited like a challenge ACK (RFC 5961 §7): two confused ends could otherwise ACK
 * each other forever. A segment with data or FIN may be a retransmission whose ACK the peer
 * needs, so it is always answered; a SYN is not ("Data packets without SYNs are not likely
 * part of an ACK loop"): its ACK is the challenge ACK of RFC 5961 §4.2, "irrespective of the
 * sequence number", rate-limited as every challenge ACK.
 * \param h the segment \param seq SEG.SEQ \param len its text length \param rcvNxt RCV.NXT
 * \param dsack whether D-SACK blocks are sent (SACK in use and D-SACK on)
 * \return the answer
 */
FullTcpUnacceptableAnswer FullTcpAnswerUnacceptable(
    const FullTcpHeader& h, int64_t seq, uint32_t len, int64_t rcvNxt, bool dsack);

/**
 * \brief The rate limit of RFC 5961 §7 for challenge ACKs (and out-of-window replies).
 * \param last when the last one went (updated when this one may go)
 * \param interval the minimum interval; zero disables the limit \param now current time
 * \return whether one more may go now
 */
bool FullTcpChallengeAckAllowed(std::optional<Time>& last, Time interval, Time now);

/**
 * \param now current time \param offset the connection's random offset (RFC 7323 §5.4)
 * \return TSval: a millisecond clock plus the offset
 */
uint32_t FullTcpTsVal(Time now, uint32_t offset);

/**
 * \param h a received header
 * \return whether it carries a TCP MD5 signature option (RFC 2385 §3.0, kind 19), which
 *         FullTcp, holding no MD5 keys, never expects (FullTcpConfig::dropUnexpectedMd5)
 */
bool FullTcpHasMd5Option(const FullTcpHeader& h);

} // namespace ns3

#endif /* FULLTCP_SEGMENT_CHECKS_H */
