/*
 * Engine: output interface to the world, with timer slots, app events and drop reasons
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_CONNECTION_OUTPUT_H
#define FULLTCP_CONNECTION_OUTPUT_H

#include "fulltcp-ecn.h"
#include "fulltcp-fast-open-client.h"
#include "fulltcp-state.h"

#include "ns3/fulltcp-header.h"
#include "ns3/fulltcp-segment-io.h"
#include "ns3/fulltcp-timer.h"
#include "ns3/fulltcp-undo.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <optional>
#include <ostream>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief What a loss recovery reports for traces (FullTcpConnectionOutput::RecoveryEvent()).
 */
struct FullTcpRecoveryEvent
{
    /// What happened.
    enum class Kind : uint8_t
    {
        TAIL_LOSS_PROBE,     //!< a tail loss probe left (RFC 8985 §7.3): range, newData
        RACK_LOST,           //!< RACK marked range lost (RFC 8985 §6.2 step 5)
        RACK_REORDER_WINDOW, //!< RACK's reordering window changed: from, to
    };
    Kind kind {Kind::RACK_LOST}; //!< what happened
    int64_t start {0};           //!< first offset of the segment (stream offsets)
    int64_t end {0};             //!< offset just past it
    bool newData {false};        //!< TAIL_LOSS_PROBE: new data rather than a retransmission
    Time from;                   //!< RACK_REORDER_WINDOW: the old window
    Time to;                     //!< RACK_REORDER_WINDOW: the new window
};

/**
 * \ingroup fulltcp
 * \brief What the application is told. Each is distinct, so that the socket maps them onto
 * ns-3's callbacks and errno without overloading one callback for several events.
 */
enum class FullTcpAppEvent : uint8_t
{
    CONNECTED,         //!< handshake complete (active: connect succeeded; passive: accept)
    CONNECT_REFUSED,   //!< an acceptable RST answered our SYN (port closed)
    CONNECT_TIMED_OUT, //!< SYN retries exhausted, no answer
    DATA_ARRIVED,      //!< new in-order bytes can be read (GetRxAvailable() grew)
    SEND_SPACE,        //!< acknowledged bytes left the send buffer (GetTxAvailable() grew)
    PEER_CLOSED,       //!< the peer's FIN: end of stream after the bytes already queued
    CLOSED,            //!< both directions closed normally (our FIN acknowledged, theirs in)
    RESET,             //!< the peer reset a synchronized connection (an error close)
    TIMED_OUT,         //!< data/FIN retries exhausted, or orphaned FIN_WAIT_2 gave up
    /// An ICMP hard error (port or protocol unreachable) answered our SYN (RFC 1122
    /// §4.2.3.9; Linux tcp_v4_err() fails the connect)
    CONNECT_UNREACHABLE,
    /// An ICMP error ended a passive Fast Open child in SYN_RCVD, whose application may hold
    /// it already (FullTcpConfig::linuxIcmpOpen; Linux tcp_done_with_error())
    UNREACHABLE,
};

/**
 * \ingroup fulltcp
 * \brief Why a received segment (or its text) was not processed: counted and traced.
 */
enum class FullTcpDropReason : uint8_t
{
    SEQ_NOT_ACCEPTABLE,   //!< fails RFC 9293 §3.10.7.4 first check (answered with ACK)
    CONNECTION_CLOSED,    //!< reached a CLOSED connection (answered per §3.10.7.1)
    RST_IN_LISTEN,        //!< §3.10.7.2: "An incoming RST should be ignored"
    ACK_IN_LISTEN,        //!< §3.10.7.2: answered with <SEQ=SEG.ACK><CTL=RST>
    SYN_FIN_IN_LISTEN,    //!< SYN with FIN: a scan, not a connection request (as Linux)
    NO_SYN_NO_RST,        //!< LISTEN/SYN-SENT: neither SYN nor RST (§3.10.7.2/3, fifth)
    ACK_UNACCEPTABLE,     //!< SYN-SENT/SYN-RECEIVED: ACK outside (ISS, SND.NXT], RST sent
    RST_UNACCEPTABLE,     //!< SYN-SENT: RST without an acceptable ACK (§3.10.7.3)
    RST_NOT_EXACT,        //!< in-window RST, SEG.SEQ != RCV.NXT: challenge ACK (RFC 5961 §3)
    RST_IGNORED_RFC1337,  //!< RST in TIME_WAIT with the Rfc1337 option (RFC 1337 §3)
    SYN_IN_SYNCHRONIZED,  //!< SYN in a synchronized state: challenge ACK (RFC 5961 §4)
    DUPLICATE_SYN,        //!< SYN-RECEIVED: the peer's SYN again, SYN-ACK re-sent
    OLD_SYN_IN_TIME_WAIT, //!< TIME_WAIT: SYN not newer (RFC 6191), answered with the ACK
    /// TIME_WAIT: a new SYN (RFC 6191) with no listener on the port, answered with the ACK
    /// (FullTcpConfig::timeWaitSynNoListenerAck, Linux tcp_v4_rcv())
    NO_LISTENER_FOR_SYN,
    NO_ACK,             //!< §3.10.7.4 fifth step: "if the ACK bit is off drop"
    ACK_OF_UNSENT_DATA, //!< SEG.ACK > SND.NXT: ACK sent (§3.10.7.4, RFC 5961 §5.2)
    ACK_TOO_OLD,        //!< SEG.ACK < SND.UNA − MAX.SND.WND: challenge ACK (RFC 5961 §5.2)
    TEXT_AFTER_FIN,     //!< text after the peer's FIN (§3.10.7.4 seventh step: ignore)
    DATA_AFTER_CLOSE,   //!< new data after a full CLOSE: RST (RFC 2525 §2.17)
    SYN_TEXT,           //!< data or FIN carried on a SYN: not acknowledged, peer resends
    PAWS_REJECTED,      //!< timestamp older than TS.Recent (RFC 7323 §5.3 R1), ACK sent
    /// SYN-RECEIVED: the ACK that would complete the handshake while the listener's accept
    /// queue is full (FullTcpConnectionOutput::MayEstablish() said no); nothing is sent, the
    /// SYN-ACK is retransmitted (Linux tcp_abort_on_overflow = 0)
    ACCEPT_QUEUE_FULL,
    /// A TCP MD5 signature option (RFC 2385) where no key is configured: dropped unanswered
    /// (FullTcpConfig::dropUnexpectedMd5, Linux SKB_DROP_REASON_TCP_MD5UNEXPECTED)
    MD5_UNEXPECTED,
};

/**
 * \ingroup fulltcp
 * \brief A SYN the glue should hand to a listener, which forks a child connection.
 */
struct FullTcpConnectionRequest
{
    FullTcpHeader syn; //!< the SYN as received (the child starts from it, AcceptSyn())
    /// Set when a TIME_WAIT connection gives way to a new incarnation (RFC 6191): the child
    /// must use this ISS, which lies beyond every sequence number of the old incarnation
    /// (old SND.NXT + 65537, as Linux tcp_timewait_state_process()).
    std::optional<uint32_t> reuseIss;
};

/**
 * \ingroup fulltcp
 * \brief Everything a connection does to the world goes through this interface.
 *
 * The ns-3 glue implements it with EventIds and callbacks; the engine tests implement it
 * with a recorder. Contract for implementers:
 *  - calls arrive synchronously from inside the engine's input methods; the connection
 *    object must not be destroyed inside a callback (defer it, e.g. Simulator::ScheduleNow);
 *  - StateChanged(…, CLOSED, …) is the signal to release the endpoint;
 *  - ArmTimer replaces any pending expiry of the same slot; a timer that fires must be
 *    reported with FullTcpConnection::TimerExpired() (a stale expiry is ignored there).
 */
class FullTcpConnectionOutput
{
  public:
    virtual ~FullTcpConnectionOutput() = default;

    /**
     * \brief Send one segment to the peer.
     * \param segment the header (the glue adds the checksum context and hands it to IP),
     *        the text, whether it is a retransmission, how many of its bytes are new data,
     *        and the ECN codepoint IP must set (the ECN bits of the TOS / Traffic Class)
     */
    virtual void SendSegment(const FullTcpSegmentOut& segment) = 0;

    /**
     * \brief Arm (or re-arm) one timer slot.
     * \param timer the slot: the engine's own or one a mechanism registered; its Index() is
     *        below FullTcpTimer::CAPACITY, so a fixed table of events per connection serves
     * \param delay time from now until the engine must see TimerExpired(timer)
     */
    virtual void ArmTimer(FullTcpTimer timer, Time delay) = 0;

    /// \param timer the slot to cancel (only called for an armed slot)
    virtual void CancelTimer(FullTcpTimer timer) = 0;

    /// \param event what to tell the application
    virtual void NotifyApplication(FullTcpAppEvent event) = 0;

    /**
     * \brief Every state transition, after it took place (trace source "State" and the log).
     * \param from old state \param to new state \param cause why
     */
    virtual void StateChanged(FullTcpState from, FullTcpState to, FullTcpStateCause cause) = 0;

    /**
     * \brief A SYN for a listener (from a LISTEN connection, or from TIME_WAIT reuse).
     * \param request the SYN and, for reuse, the ISS the child must take
     */
    virtual void ConnectionRequest(const FullTcpConnectionRequest& request) = 0;

    /**
     * \brief Asked in SYN-RECEIVED before an acceptable ACK completes the handshake: may
     * the connection be established now? A passive child answers no while its listener's
     * accept queue is full (Linux tcp_abort_on_overflow = 0); the engine then drops the
     * segment (ACCEPT_QUEUE_FULL) and keeps retransmitting its SYN-ACK. Connections without
     * a listener answer yes.
     * \return whether SYN-RECEIVED may become ESTABLISHED
     */
    virtual bool MayEstablish() = 0;

    /**
     * \brief Asked in TIME_WAIT when a SYN could open a new incarnation (RFC 6191) and
     * FullTcpConfig::timeWaitSynNoListenerAck is set: is there a listener on this
     * connection's local address and port to take the SYN?
     * \return whether a listener would take it
     */
    virtual bool HasListener() = 0;

    /**
     * \brief A received segment, or its text, was not processed.
     * \param header the segment \param reason why (any reply has already been sent)
     */
    virtual void SegmentDropped(const FullTcpHeader& header, FullTcpDropReason reason) = 0;

    /**
     * \brief A transition outside the RFC table happened: a bug in FullTcp, never the
     * peer's fault. The engine still takes it (so resources are released) after reporting.
     * \param from old state \param to new state \param cause the cause it claimed
     */
    virtual void IllegalTransition(FullTcpState from, FullTcpState to, FullTcpStateCause cause) = 0;

    /**
     * \brief A retransmission timeout proved spurious (FullTcpConfig::frto, ::undo; trace
     * source "SpuriousTimeout"). Nothing by default.
     * \param how "F-RTO" (RFC 5682), "Eifel" (timestamps, RFC 3522) or "DSACK" (RFC 3708)
     */
    virtual void
    SpuriousTimeout(const char* how [[maybe_unused]])
    {
    }

    /**
     * \brief A cwnd reduction was undone (Linux tcp_undo_cwnd_reduction(); trace source
     * "Undo"). Nothing by default.
     * \param kind which undo (FullTcpUndoKindName(): "full", "partial", "dsack", "loss" or
     *        "frto") \param cwnd the cwnd restored \param ssthresh the ssthresh restored
     */
    virtual void
    ReductionUndone(FullTcpUndoKind kind [[maybe_unused]],
                    uint32_t cwnd [[maybe_unused]],
                    uint32_t ssthresh [[maybe_unused]])
    {
    }

    /// \param event what the loss recovery reported (traces); ignored by default
    virtual void
    RecoveryEvent(const FullTcpRecoveryEvent& event)
    {
        (void) event;
    }
    /**
     * \brief Something ECN did (RFC 3168 §6.1; trace sources "EcnEcho", "CwrSent",
     * "CeReceived"). Only connections that negotiated ECN report; the default ignores it.
     * \param event what happened \param seq the wire sequence number it concerns (SEG.ACK
     *        of the ECE, SEG.SEQ of the CWR or CE segment)
     */
    virtual void EcnEvent(FullTcpEcnEvent event, uint32_t seq);

    /**
     * \brief The SYN-ACK of a Fast Open taught the server's MSS and maybe a new cookie, for
     * the node's cookie cache (RFC 7413 §4.1.3; Linux tcp_fastopen_cache_set()). The default
     * ignores it.
     * \param learned the MSS and cookie
     */
    virtual void FastOpenLearned(const FullTcpFastOpenLearned& learned);
};

/// \param e an application event \return its name, e.g. "CONNECT_REFUSED"
const char* FullTcpAppEventName(FullTcpAppEvent e);
/// \param r a drop reason \return its name, e.g. "RST_NOT_EXACT"
const char* FullTcpDropReasonName(FullTcpDropReason r);

/// Print the event's name.
std::ostream& operator<<(std::ostream& os, FullTcpAppEvent e);
/// Print the drop reason's name.
std::ostream& operator<<(std::ostream& os, FullTcpDropReason r);

} // namespace ns3

#endif /* FULLTCP_CONNECTION_OUTPUT_H */
