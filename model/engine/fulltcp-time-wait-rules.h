/*
 * Engine: TIME_WAIT compact state, policy, verdict and ACK, shared with the glue's records
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_TIME_WAIT_RULES_H
#define FULLTCP_TIME_WAIT_RULES_H

#include "fulltcp-config.h"
#include "fulltcp-connection-output.h"
#include "fulltcp-range.h"
#include "fulltcp-segment-checks.h"
#include "fulltcp-state.h"

#include "ns3/fulltcp-header.h"
#include "ns3/fulltcp-segment-io.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <optional>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The configuration that TIME_WAIT reads (a subset of FullTcpConfig). Many records
 * share one (FullTcpTimeWaitTable keeps one per distinct value).
 */
struct FullTcpTimeWaitPolicy
{
    Time msl;                  //!< FullTcpConfig::msl: TIME_WAIT lasts 2·MSL
    Time challengeAckInterval; //!< FullTcpConfig::challengeAckInterval (RFC 5961 §7)
    Time pawsIdleLimit;        //!< FullTcpConfig::pawsIdleLimit (RFC 7323 §5.5)
    bool rfc1337 {false};      //!< FullTcpConfig::rfc1337: ignore RST (RFC 1337 §3)
    bool timestamps {false};   //!< FullTcpConfig::timestamps: a new incarnation would use TS
    bool dsack {false};        //!< FullTcpConfig::dsack (RFC 2883)
    /// FullTcpConfig::timeWaitSynNoListenerAck (Linux tcp_v4_rcv() TCP_TW_SYN)
    bool synNoListenerAck {false};
    bool linuxTimeWait {false}; //!< FullTcpConfig::linuxTimeWait

    /// \param config a connection's configuration \return its TIME_WAIT part
    static FullTcpTimeWaitPolicy From(const FullTcpConfig& config);
    /// \param o another policy \return whether every field is equal
    bool operator==(const FullTcpTimeWaitPolicy& o) const;
};

/**
 * \ingroup fulltcp
 * \brief What TIME_WAIT keeps of a connection, as Linux's inet_timewait_sock: sequence
 * numbers on the wire, the window it advertises, the timestamp state, the rate limit and
 * the IP parameters of its ACKs. Nothing else of the TCB matters once both FINs are
 * acknowledged (RFC 9293 §3.6.1).
 */
struct FullTcpTimeWaitState
{
    uint32_t sndNxt {0};    //!< SND.NXT on the wire (= SND.UNA: our FIN is acknowledged)
    uint32_t rcvNxt {0};    //!< RCV.NXT on the wire (just past the peer's FIN)
    uint32_t rcvWnd {0};    //!< RCV.WND in bytes: fixed in TIME_WAIT (nothing is read)
    uint32_t maxSndWnd {0}; //!< MAX.SND.WND (RFC 5961 §5.2 "ACK too old" check)
    uint32_t tsRecent {0};  //!< TS.Recent (RFC 7323 §4.3)
    uint32_t tsOffset {0};  //!< the connection's TSval offset (RFC 7323 §5.4)
    Time tsRecentTime;      //!< when TS.Recent was set (RFC 7323 §5.5)
    std::optional<Time> lastChallengeAck; //!< rate limit of RFC 5961 §7
    uint8_t rcvWscale {0};                //!< our window shift (RFC 7323 §2)
    bool tsOk {false};                    //!< timestamps negotiated
    bool sackOk {false};                  //!< SACK negotiated
    uint8_t ttl {0};                      //!< IP TTL / hop limit of our ACKs; 0: IP's default
    uint8_t tos {0};                      //!< IP TOS / traffic class of our ACKs; 0: default
};

/**
 * \ingroup fulltcp
 * \brief What a segment does to a connection in TIME_WAIT, in the order it is to be done:
 * update TS.Recent, restart 2·MSL, answer (with the D-SACK block), drop, close or reopen.
 */
struct FullTcpTimeWaitVerdict
{
    std::optional<uint32_t> tsRecent;        //!< new TS.Recent (set its time to now)
    bool restartTimer {false};               //!< restart the 2·MSL timer
    FullTcpReply reply {FullTcpReply::NONE}; //!< the ACK to send, if any
    std::optional<FullTcpRange> dsack;       //!< D-SACK block, offsets relative to RCV.NXT
    std::optional<FullTcpDropReason> drop;   //!< the segment is dropped for this reason
    /// TIME_WAIT ends: RCV_RST (acceptable RST), or RCV_SYN (a new SYN reopens the 4-tuple
    /// with reuseIss, RFC 6191).
    std::optional<FullTcpStateCause> close;
    uint32_t reuseIss {0}; //!< with close = RCV_SYN: the new incarnation's ISS
};

/**
 * \ingroup fulltcp
 * \brief SEGMENT ARRIVES in TIME_WAIT (RFC 9293 §3.10.7.4 with RFC 5961, RFC 7323 PAWS,
 * RFC 1337 and RFC 6191): the one implementation, used by the engine (FullTcpConnection) and
 * by the compact records of the ns-3 glue (FullTcpTimeWaitRecord).
 *
 * - a SYN (no ACK, no RST) that RFC 6191 §2 calls new closes the connection and reopens the
 *   4-tuple with ISS = SND.NXT + 65537 (as Linux); with synNoListenerAck and no
 *   listener to take it, it gets the TIME_WAIT ACK instead (not rate-limited) and TIME_WAIT
 *   goes on; any other such SYN is an old duplicate and gets the (rate-limited) TIME_WAIT ACK;
 * - a RST is ignored with RFC 1337 on; PAWS rejects old timestamps (answered with the ACK);
 * - an unacceptable segment gets the ACK; a retransmitted FIN (ending at RCV.NXT) also
 *   restarts 2·MSL ("Acknowledge it, and restart the 2 MSL timeout");
 * - an acceptable RST at exactly RCV.NXT closes it, another in-window RST or a SYN draws a
 *   challenge ACK (RFC 5961 §3.2, §4.2); an ACK of unsent data or an ACK too old draws a
 *   challenge ACK (RFC 5961 §5.2); text is ignored (seventh step);
 * - with linuxTimeWait, everything but the SYN and RFC 1337 follows Linux
 *   tcp_timewait_state_process() instead (FullTcpConfig::linuxTimeWait).
 * \param state the connection \param policy its configuration
 * \param segment the segment (header, text, arrival time: the current time)
 * \param listener whether a listener holds the local address and port (asked only for a
 *        SYN that could reopen the 4-tuple, and only with synNoListenerAck)
 * \return what to do
 */
FullTcpTimeWaitVerdict FullTcpTimeWaitSegmentArrives(const FullTcpTimeWaitState& state,
                                                     const FullTcpTimeWaitPolicy& policy,
                                                     const FullTcpSegmentIn& segment,
                                                     const std::function<bool()>& listener);

/**
 * \ingroup fulltcp
 * \brief The ACK a TIME_WAIT record sends: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, the window
 * it advertises, TSopt when negotiated (RFC 7323 §3.2) and a D-SACK block when given; the
 * same segment the engine's MakeHeader() builds in TIME_WAIT.
 * \param state the connection \param localPort source port \param remotePort destination
 * \param now current time \param dsack D-SACK block relative to RCV.NXT, if any
 * \return the header
 */
FullTcpHeader FullTcpTimeWaitAck(const FullTcpTimeWaitState& state,
                                 uint16_t localPort,
                                 uint16_t remotePort,
                                 Time now,
                                 const std::optional<FullTcpRange>& dsack);

} // namespace ns3

#endif /* FULLTCP_TIME_WAIT_RULES_H */
