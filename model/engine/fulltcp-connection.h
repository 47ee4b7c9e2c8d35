/*
 * Engine: FullTcpConnection, simulator-free connection and its RFC 9293 §3.10 event API
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_CONNECTION_H
#define FULLTCP_CONNECTION_H

#include "fulltcp-config.h"
#include "fulltcp-connection-output.h"
#include "fulltcp-state.h"
#include "fulltcp-tcb.h"
#include "fulltcp-time-wait-rules.h"

#include "ns3/fulltcp-congestion-control.h"
#include "ns3/fulltcp-header.h"
#include "ns3/fulltcp-loss-recovery.h"
#include "ns3/fulltcp-timer.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Result of a user call; anything but OK means nothing happened.
 *
 * The names follow RFC 9293 §3.10's error strings; the socket maps them onto ns-3 errno.
 */
enum class FullTcpError : uint8_t
{
    OK,               //!< done
    NOT_CONNECTED,    //!< "connection does not exist" (or not opened yet)
    ALREADY_OPEN,     //!< "connection already exists": OPEN on an open connection
    CLOSING,          //!< "connection closing": the sending side is already closed
    NO_BUFFER_SPACE,  //!< "insufficient resources": the send buffer cannot take the data
    INVALID_ARGUMENT, //!< e.g. AcceptSyn() with a segment that is not a plain SYN
    /// The configuration names a congestion control or loss recovery that is not registered
    /// (FullTcpConnection::GetConfigError() says which, with the known names).
    UNKNOWN_ALGORITHM,
};

/// What FullTcpConnection::ReceiveUrgent() found (Linux tcp_recv_urg()).
struct FullTcpUrgentRead
{
    /// BYTE: the urgent byte; NONE: no urgent byte to read (EINVAL); NOT_YET: announced, not
    /// arrived (EAGAIN); END: announced, but the peer's FIN came first (0 bytes)
    enum Status : uint8_t
    {
        BYTE,
        NONE,
        NOT_YET,
        END,
    };

    Status status {NONE}; //!< what was found
    uint8_t byte {0};     //!< the urgent byte when status is BYTE
};

/// \param e an error \return its name, e.g. "CLOSING"
const char* FullTcpErrorName(FullTcpError e);
/// Print the error's name.
std::ostream& operator<<(std::ostream& os, FullTcpError e);

/**
 * \ingroup fulltcp
 * \brief What the listener decided for a SYN under Fast Open (RFC 7413 §4.2.2, Linux
 * tcp_try_fastopen()): given to AcceptSyn().
 */
struct FullTcpPassiveFastOpen
{
    bool accept {false}; //!< a Fast Open child: the SYN's data is accepted and the child
                         //!< may send before the handshake completes
    Ptr<Packet> data;    //!< the SYN's text (accepted when accept is set)
    std::optional<FullTcpFastOpenOption> cookie; //!< the cookie the SYN-ACK carries
};

/**
 * \ingroup fulltcp
 * \brief One TCP connection: its TCB and the RFC 9293 §3.10 event processing.
 *
 * Simulator-independent: every input is a method call that carries the current time, every
 * output goes through FullTcpConnectionOutput. Inputs are the user calls of §3.10.1-§3.10.6
 * (Listen/Connect/AcceptSyn/Send/Receive/ShutdownSend/Close/Abort), SegmentArrives()
 * (§3.10.7) and TimerExpired() (§3.10.8).
 *
 * Every state change goes through one choke point, SetState(next, cause), which checks it
 * against FullTcpNextState(), reports the transition and fires the application event that
 * belongs to it. Bad input never asserts: a segment is dropped with a named reason, a user
 * call returns an error.
 *
 * The implementation is split by job: fulltcp-connection.cc (user calls, SetState),
 * fulltcp-segment-arrives.cc (§3.10.7), fulltcp-receive.cc (text, reassembly, the ACK policy,
 * PAWS), fulltcp-ack-processing.cc (what an ACK does to the sender: RTT, congestion window,
 * fast retransmit and recovery), fulltcp-output.cc (what to send next: window, Nagle,
 * retransmissions), fulltcp-transmit.cc (building and sending segments),
 * fulltcp-timers.cc (§3.10.8), fulltcp-probes.cc (zero-window and keepalive probes).
 *
 * Two algorithms plug in by name: the congestion control (FullTcpCongestionControl, picked
 * at construction from FullTcpConfig::congestionControl) and the loss recovery
 * (FullTcpLossRecovery, picked when the options are negotiated: FullTcpConfig::recovery
 * with SACK, "NewReno" without). The loss recovery acts on the connection through
 * FullTcpRecoverySender, which the connection implements privately. A name that is not
 * registered makes the connection refuse to open (UNKNOWN_ALGORITHM, GetConfigError()).
 */
class FullTcpConnection : private FullTcpRecoverySender
{
  public:
    /**
     * \param config durations, limits and options (copied)
     * \param output where segments, timers and events go; must outlive the connection
     */
    FullTcpConnection(const FullTcpConfig& config, FullTcpConnectionOutput& output);

    FullTcpConnection(const FullTcpConnection&) = delete;
    FullTcpConnection& operator=(const FullTcpConnection&) = delete;

    // ------------------------------------------------------------ user calls (§3.10.1-6)

    /**
     * \brief Passive OPEN (§3.10.1): CLOSED → LISTEN. SYNs then arrive as
     * FullTcpConnectionOutput::ConnectionRequest(); the glue forks children with AcceptSyn().
     * \param localPort the port to listen on
     * \return OK, ALREADY_OPEN unless CLOSED, UNKNOWN_ALGORITHM for a bad configuration
     */
    FullTcpError Listen(uint16_t localPort);

    /**
     * \brief Active OPEN (§3.10.1): send SYN, CLOSED (or LISTEN) → SYN_SENT.
     * \param localPort our port \param remotePort the peer's port
     * \param iss initial send sequence number (FullTcpIsnGenerator)
     * \param now current time
     * \return OK, ALREADY_OPEN, or UNKNOWN_ALGORITHM for a bad configuration
     */
    FullTcpError Connect(uint16_t localPort, uint16_t remotePort, uint32_t iss, Time now);

    /**
     * \brief Active OPEN with Fast Open (RFC 7413 §4.2.1, fulltcp-fast-open-client.cc): as
     * Connect(), and the SYN carries the cached cookie and the first bytes that fit, or asks
     * for a cookie.
     * \param localPort our port \param remotePort the peer's port \param iss the ISS
     * \param fo the cookie, the cached MSS and the application's bytes
     * \param now current time \param taken out: the bytes the SYN carries (written)
     * \return as Connect()
     */
    FullTcpError ConnectFastOpen(uint16_t localPort,
                                 uint16_t remotePort,
                                 uint32_t iss,
                                 const FullTcpFastOpenRequest& fo,
                                 Time now,
                                 uint32_t& taken);

    /**
     * \brief Start a passive child from a listener's SYN: LISTEN → SYN_RCVD, SYN-ACK sent.
     *
     * The child begins as a copy of the listener (state LISTEN, as ns-3's fork) and takes
     * its ports from the SYN. Data on the SYN is not accepted (see doc/lifecycle.rst) unless
     * the listener accepted it by Fast Open (RFC 7413 §4.2.2: the SYN-ACK then acknowledges
     * it and the child may send in SYN-RECEIVED).
     * \param syn the SYN from FullTcpConnectionRequest
     * \param iss initial send sequence number (FullTcpConnectionRequest::reuseIss if set)
     * \param now current time
     * \param fastOpen the listener's Fast Open decision (none by default)
     * \return OK, ALREADY_OPEN unless CLOSED, INVALID_ARGUMENT unless a SYN without ACK/RST,
     *         UNKNOWN_ALGORITHM for a bad configuration
     */
    FullTcpError AcceptSyn(const FullTcpHeader& syn,
                           uint32_t iss,
                           Time now,
                           const FullTcpPassiveFastOpen& fastOpen = {});

    /**
     * \brief SEND (§3.10.2): queue bytes; they leave once the handshake is complete.
     * \param data the bytes (the packet's real bytes are sent)
     * \param now current time
     * \param endOfRecord the bytes end a record (Linux MSG_EOR): no later write joins the
     *        block they end (tcp_skb_can_collapse_to()), with FullTcpConfig::pushBlockSize
     * \param more more bytes follow at once (Linux MSG_MORE): the write is not pushed, no PSH
     *        marks its end and its partial last segment waits as corked (tcp_push() with
     *        TCP_NAGLE_CORK); later pushes (ACKs, timers) treat it as any queued data
     * \return OK, NOT_CONNECTED (CLOSED/LISTEN), CLOSING after a close/shutdown,
     *         NO_BUFFER_SPACE when more than GetTxAvailable()
     */
    FullTcpError Send(Ptr<Packet> data, Time now, bool endOfRecord = false, bool more = false);

    /**
     * \brief SEND with the URGENT flag (RFC 9293 §3.8.5): like Send(), and the urgent pointer
     * of the segments that carry these bytes points just past them (RFC 6093). The peer
     * receives them in line with the rest of the stream.
     * \param data the bytes \param now current time
     * \return as Send()
     */
    FullTcpError SendUrgent(Ptr<Packet> data, Time now);

    /**
     * \brief RECEIVE (§3.10.3): take up to maxBytes in-order bytes.
     * \param maxBytes the most to return
     * \param now current time (a read that reopens the window sends a window update)
     * \return the bytes (possibly empty; end of stream is IsPeerClosed() with nothing left)
     */
    Ptr<Packet> Receive(uint32_t maxBytes, Time now);

    /**
     * \brief Take the urgent byte held out of the stream (FullTcpConfig::urgentOutOfBand; a
     * Linux recv() with MSG_OOB, tcp_recv_urg()). It is returned once, and no more once a
     * Receive() went past it.
     * \param now current time
     * \return the byte, or why there is none
     */
    FullTcpUrgentRead ReceiveUrgent(Time now);

    /**
     * \brief Close only the sending side (half-close): FIN after all queued data, keep
     * receiving. In SYN_SENT it takes effect once the connection is established.
     * \param now current time
     * \return OK, or NOT_CONNECTED in CLOSED/LISTEN
     */
    FullTcpError ShutdownSend(Time now);

    /**
     * \brief CLOSE (§3.10.4): both directions; the application reads no more.
     *
     * Unread received data makes it a reset (RFC 2525 §2.17); queued data is sent before
     * the FIN. An orphaned FIN_WAIT_2 ends after FullTcpConfig::finWait2Timeout.
     * \param now current time
     * \return OK, NOT_CONNECTED when CLOSED, CLOSING when already closed
     */
    FullTcpError Close(Time now);

    /**
     * \brief ABORT (§3.10.5): RST|ACK where the peer is synchronized, then CLOSED. Also what
     * the socket does for Close with SO_LINGER 0.
     * \param now current time
     * \return OK, or NOT_CONNECTED when already CLOSED
     */
    FullTcpError Abort(Time now);

    /**
     * \brief Socket options changed on an open connection (fulltcp-set-options.cc): the
     * fields an application may change while it is open are taken from options, as Linux's
     * setsockopt() takes them, and what depends on them is re-armed:
     *  - userTimeout, finWait2Timeout, keepAliveInterval, keepAliveProbes: read when next
     *    needed;
     *  - sndBufSize: a larger buffer notifies SEND_SPACE;
     *  - notSentLowat: a new value notifies SEND_SPACE when IsWritable() (Linux
     *    sk_stream_write_space());
     *  - keepAlive: on arms the keepalive timer for keepAliveIdle from now, off cancels it
     *    (Linux tcp_set_keepalive());
     *  - keepAliveIdle: re-arms the running timer for what is left of the new idle time
     *    (Linux tcp_sock_set_keepidle_locked());
     *  - noDelay: on sends what Nagle holds (Linux __tcp_sock_set_nodelay(), SetNoDelay());
     *  - cork: off sends what the cork held (Linux __tcp_sock_set_cork(), SetCork()).
     * Every other field of options is ignored: it is read when the connection starts.
     * \param options the configuration with the new values \param now current time
     */
    void SetOptions(const FullTcpConfig& options, Time now);

    /**
     * \brief TCP_NODELAY set or cleared by the application (fulltcp-cork.cc), Linux
     * __tcp_sock_set_nodelay(): on, even when it already was, lets what is queued go at once,
     * corked or not (TCP_NAGLE_OFF | TCP_NAGLE_PUSH, tcp_push_pending_frames()); off
     * applies Nagle to what is written from now on.
     * \param on the new value \param now current time
     */
    void SetNoDelay(bool on, Time now);

    /**
     * \brief TCP_CORK set or cleared by the application (fulltcp-cork.cc), Linux
     * __tcp_sock_set_cork(): on holds partial segments; off sends what the cork held
     * (tcp_push_pending_frames(), with TCP_NAGLE_PUSH when TCP_NODELAY is on).
     * \param on the new value \param now current time
     */
    void SetCork(bool on, Time now);

    // ------------------------------------------------------------- network and timers

    /**
     * \brief SEGMENT ARRIVES (§3.10.7) for this connection.
     * \param segment the parsed header (the glue drops malformed ones before), the text
     *        (may be null or empty), the IP header's ECN codepoint and TTL / hop limit, and
     *        the arrival time (the input's `now`)
     */
    void SegmentArrives(const FullTcpSegmentIn& segment);

    /**
     * \brief An ICMP error quoting one of this connection's segments (RFC 5927, RFC 1122
     * §4.2.3.9, RFC 1191, RFC 8201). The engine judges it:
     *  - RFC 5927 §4.1: ignored unless the quoted sequence number is in flight,
     *    SND.UNA <= SEG.SEQ < SND.NXT (NOT_IN_FLIGHT);
     *  - a hard error in SYN_SENT fails the connect: CLOSED with RCV_ICMP_UNREACHABLE and
     *    the application event CONNECT_UNREACHABLE (CONNECT_FAILED);
     *  - any other soft or hard error is remembered (GetSoftError()): "TCP MUST NOT abort
     *    the connection" (RFC 1122 §4.2.3.9, RFC 5461 §4), it explains a later timeout
     *    (SOFT_ERROR);
     *  - packet too big lowers SND.MSS to the MTU less the IP, TCP and timestamp headers,
     *    never below FullTcpConfig::minSndMss (Linux tcp_v4_mtu_reduced(), tcp_sync_mss()),
     *    and sends again what was sent larger (MSS_LOWERED), or changes nothing
     *    (MSS_UNCHANGED).
     * \param error the kind, the quoted sequence number and, for packet too big, the MTU
     * \param now current time
     * \return what it did
     */
    FullTcpIcmpResult IcmpArrives(const FullTcpIcmpError& error, Time now);

    /**
     * \brief A timer armed through the output expired (§3.10.8): the slot's handler runs.
     * Stale or cancelled expiries are ignored, so the glue needs no bookkeeping of its own.
     * \param timer the slot \param now current time
     */
    void TimerExpired(FullTcpTimer timer, Time now);

    // ------------------------------------------------------------------------ status

    /// \return the current state
    FullTcpState GetState() const;
    /// \return every state variable, read-only
    const FullTcpTcb& GetTcb() const;
    /// \return the configuration in use
    const FullTcpConfig& GetConfig() const;
    /// \return bytes that Send() accepts now
    uint32_t GetTxAvailable() const;
    /// \return whether a poll() would report the connection writable (fulltcp-cork.cc), Linux
    ///         __sk_stream_is_writeable(sk, 1): free send buffer at least half the queued
    ///         bytes (sk_stream_min_wspace()), and twice the unsent bytes below
    ///         FullTcpConfig::notSentLowat (tcp_stream_memory_free())
    bool IsWritable() const;
    /// \return in-order bytes that Receive() can return
    uint32_t GetRxAvailable() const;
    /// \return whether the peer's FIN arrived (end of stream once GetRxAvailable() is 0)
    bool IsPeerClosed() const;
    /// \return the ICMP soft error remembered since the last acceptable ACK, if any (RFC
    ///         1122 §4.2.3.9: the glue reports it as the reason of a timeout, as Linux
    ///         reports sk_err_soft)
    std::optional<FullTcpIcmpKind> GetSoftError() const;
    /**
     * \brief What TIME_WAIT needs of this connection (meaningful in TIME_WAIT), for the
     * rules it shares with the glue's compact records; ttl and tos are left 0.
     * \return the compact state
     */
    FullTcpTimeWaitState GetTimeWaitState() const;
    /**
     * \return why the connection refuses to open: e.g. `unknown congestion control "Foo"
     *         (known: NewReno)`; empty when the configuration is usable
     */
    const std::string& GetConfigError() const;
    /// \return the congestion control in use (null with a configuration error)
    const FullTcpCongestionControl* GetCongestionControl() const;
    /// \return the loss recovery in use: "NewReno" until the options are negotiated, then
    ///         the one they pick (null with a configuration error)
    const FullTcpLossRecovery* GetLossRecovery() const;

  private:
    friend class FullTcpTimer; // its registry starts with EngineTimerSlots()
    friend class FullTcpPacer; // its PACING slot sends what pacing held back (Output())
    /**
     * \brief Brackets every input (user call, segment, timer): records the time and, when
     * the outermost input ends, delivers the queued application events. The engine's state
     * is settled before the application hears anything, so the application may call back
     * into the connection from its callbacks.
     */
    class InputScope
    {
      public:
        /// \param c the connection \param now time of the input
        InputScope(FullTcpConnection& c, Time now);
        ~InputScope();
        InputScope(const InputScope&) = delete;
        InputScope& operator=(const InputScope&) = delete;

      private:
        FullTcpConnection& m_c; //!< the connection
    };

    // --- the state choke point and helpers (fulltcp-connection.cc) ---

    /// Queue an application event; delivered when the current input ends.
    void Notify(FullTcpAppEvent event);

    /**
     * \brief The one place where m_tcb.state changes: checks the table, reports, fires the
     * transition's application event and runs the state's entry actions (timers).
     * \param next new state \param cause why
     */
    void SetState(FullTcpState next, FullTcpStateCause cause);
    /// Send FIN after the queued data and take the close transition for the sending side.
    void ShutdownSendingSide(FullTcpStateCause cause);
    /// RST|ACK to the peer, then CLOSED with the cause.
    void ResetAndClose(FullTcpStateCause cause);
    /// Report a dropped segment (or its text) with its reason.
    void Drop(const FullTcpHeader& header, FullTcpDropReason reason);
    /// Read the options of the peer's SYN and settle what both sides use.
    void NegotiateOptions(const FullTcpHeader& syn);

    // --- segment arrives (fulltcp-segment-arrives.cc) ---

    /// §3.10.7.1: CLOSED answers with the RST rules.
    void ClosedArrives(const FullTcpHeader& h, Ptr<Packet> payload);
    /// §3.10.7.2: LISTEN (FullTcpListenSegmentArrives() applied to this connection).
    void ListenArrives(const FullTcpHeader& h, Ptr<Packet> payload);
    /// §3.10.7.3: SYN-SENT.
    void SynSentArrives(const FullTcpHeader& h, Ptr<Packet> payload);
    /// §3.10.7.4: SYN-RECEIVED and the synchronized states, steps one to eight.
    void OtherStateArrives(const FullTcpHeader& h, Ptr<Packet> payload);
    /// §3.10.7.4 in TIME-WAIT: FullTcpTimeWaitSegmentArrives() applied to this TCB.
    void TimeWaitArrives(const FullTcpSegmentIn& segment);
    /// SYNs handled before the sequence check (duplicate SYN, simultaneous-open SYN-ACK).
    /// \return true when the segment was consumed
    bool EarlySynArrives(const FullTcpHeader& h, int64_t seq);
    /// Fifth step (ACK field). \return false when the segment must be dropped
    bool AckArrives(const FullTcpHeader& h, Ptr<Packet> payload, int64_t seq);
    /// SYN-RECEIVED → ESTABLISHED is about to happen: ask the output (MayEstablish()).
    /// \param h the segment that completes the handshake (dropped on a no)
    /// \return whether the transition may take place
    bool EstablishAllowed(const FullTcpHeader& h);
    /// Eighth step (FIN): a FIN at finSeq was seen; it counts once RCV.NXT reaches it.
    void FinArrives(int64_t finSeq);
    /// RCV.NXT reached the peer's FIN: take it (state change, end of stream).
    void FinReached();

    // --- receiving text and acknowledging it (fulltcp-receive.cc) ---

    /// \return whether TS.Recent may be trusted (RFC 7323 §5.5: set within 24 days)
    bool TsRecentValid() const;
    /// RFC 7323 §5.3 R1. \return whether PAWS rejects the segment (an old duplicate)
    bool PawsRejects(const FullTcpHeader& h) const;
    /// RFC 7323 §4.3 R3: record the timestamp of a segment that covers Last.ACK.sent.
    void UpdateTsRecent(const FullTcpHeader& h, int64_t seq);
    /// Answer a segment that failed PAWS or the sequence check, and drop it.
    void RejectSegment(const FullTcpHeader& h, int64_t seq, uint32_t len, FullTcpDropReason why);
    /// Sixth step (URG): advance RCV.UP; with urgentOutOfBand, take the urgent byte out.
    void UrgentArrives(const FullTcpHeader& h, Ptr<Packet> payload, int64_t seq);

    // --- urgent data out of the stream, FullTcpConfig::urgentOutOfBand (fulltcp-urgent.cc) ---

    /// \return the offset of the next byte Receive() returns (Linux copied_seq)
    int64_t ReadPosition() const;
    /// A new urgent pointer: the byte before it becomes the urgent byte (Linux tcp_check_urg()).
    /// \param seq the segment's offset \param up its urgent pointer
    void UrgentPointerOutOfBand(int64_t seq, uint16_t up);
    /// Keep the urgent byte if this segment carries it (Linux tcp_urg()).
    /// \param payload the segment's text \param seq its offset
    void UrgentByteOutOfBand(Ptr<Packet> payload, int64_t seq);
    /// Before a read: skip the urgent byte when it is next (and forget it).
    /// \return how many bytes the read may return: up to the urgent byte, or all
    uint32_t UrgentReadLimit();
    /// Seventh step (text). \return false when the connection ended (data after close)
    bool TextArrives(const FullTcpHeader& h, Ptr<Packet> payload, int64_t seq);
    /// In-order text reached RCV.NXT: decide between an ACK now and a delayed one.
    /// \param filledHole whether it filled (part of) a gap before held text
    void InOrderTextAcknowledgment(bool filledHole);
    /// An ACK is owed: at once (now), or within the delayed-ACK time.
    void AckOwed(bool now);
    /// At the end of an input: send the ACK owed now, or start the delayed-ACK timer.
    void SendOwedAck();
    /// \return the SACK blocks our next ACK carries (RFC 2018, RFC 2883), on the wire
    std::vector<FullTcpSackBlock> SackBlocksToSend();

    // --- what an ACK does to the sender (fulltcp-ack-processing.cc) ---

    /// Fifth step for an acceptable ACK: RTT, SACK, duplicate ACKs, cwnd, recovery, window.
    void ProcessAck(const FullTcpHeader& h, int64_t seq, int64_t ack, uint32_t dataLength);
    /// SND.UNA advances to ack: free acknowledged bytes, end the backoff, manage the timer.
    /// \return the RTT sample the ACK gave, if any
    std::optional<Time> AckAdvances(const FullTcpHeader& h, int64_t ack);
    /// Our SYN was just acknowledged: initial cwnd and RTO (RFC 5681 §3.1, RFC 6298 §5.7).
    void HandshakeAcknowledged();
    /// An RTT sample from the timestamps or the timed segment (RFC 6298 §3, RFC 7323 §4).
    /// \return the sample, when a valid one was taken
    std::optional<Time> TakeRttSample(const FullTcpHeader& h, int64_t ack);
    /// Record the SACK blocks of an ACK (and their delivery) and list them in info.
    /// \return bytes newly SACKed
    int64_t UpdateScoreboard(const FullTcpHeader& h, int64_t ack, FullTcpAckInfo& info);
    /// Update SND.WND per §3.10.7.4 fifth step (SND.WL1/SND.WL2 rule), or as Linux
    /// tcp_may_update_window() with FullTcpConfig::linuxWindowUpdate.
    /// \param h the segment \param seq SEG.SEQ \param ack SEG.ACK
    /// \param unaAdvanced whether this ACK moved SND.UNA
    void UpdateSendWindow(const FullTcpHeader& h, int64_t seq, int64_t ack, bool unaAdvanced);
    /// \return what the congestion control algorithm may look at
    FullTcpCongestionContext CongestionContext() const;
    /// The congestion state becomes next; the congestion control hears it (Linux
    /// tcp_set_ca_state()). \param next the new state
    void SetCaState(FullTcpCaState next);
    /// Outside recovery and after a timeout's flight: Disorder while duplicate ACKs or
    /// SACKed data are about, else Open.
    void UpdateOpenOrDisorder();
    /// \return Disorder while duplicate ACKs are counted or SACKed data remains, else Open
    FullTcpCaState OpenOrDisorder() const;
    /// Pick the loss recovery for the negotiated options (gVisor snd.go at connection
    /// start): FullTcpConfig::recovery with SACK, "NewReno" without.
    void PickLossRecovery();

    // --- FullTcpRecoverySender: what the loss recovery may do (fulltcp-ack-processing.cc) ---

    const FullTcpTcb& Tcb() const override;
    uint32_t DupThresh() const override;
    bool Prr() const override;
    Time Now() const override;
    FullTcpCongestionState& Window() override;
    int64_t EnterRecovery(uint32_t cwndAboveSsthresh) override;
    void ExitRecovery() override;
    const FullTcpConfig& Config() const override;
    void RestartRetransmitTimer() override;
    void ReduceCongestionWindow() override;
    void Report(const FullTcpRecoveryEvent& event) override;

    // --- F-RTO and undo of spurious reductions (fulltcp-undo-hooks.cc) ---

    /// Fast retransmit is about to reduce cwnd: begin an undo episode (Linux
    /// tcp_enter_recovery(), tcp_init_undo()).
    void UndoBeginRecovery();
    /// A retransmission timeout, before its response: begin an undo episode where Linux
    /// tcp_enter_loss() does, and F-RTO's step 1 (RFC 5682 §3.1).
    void UndoBeginTimeout();
    /// An acceptable ACK, applied, before the loss recovery sees it: undo a spurious
    /// reduction (Linux tcp_try_undo_*()) and run F-RTO in Loss. \param info the ACK
    /// \param h its header (TSecr)
    void UndoOnAck(const FullTcpAckInfo& info, const FullTcpHeader& h);
    /// An ACK in Loss (Linux tcp_process_loss()). \param info the ACK \param tsecr its TSecr
    void LossAck(const FullTcpAckInfo& info, std::optional<uint32_t> tsecr);
    /// After a timeout's reduction was undone: no more go-back-N, Open (or Disorder).
    void LeaveLossAfterUndo();
    /// Restore cwnd and ssthresh (Linux tcp_undo_cwnd_reduction()), count and report it.
    /// \param kind which undo
    void UndoReduction(FullTcpUndoKind kind);
    /// F-RTO's sending (RFC 5682 §3.1 step 2b): new data instead of retransmissions.
    /// \return true when F-RTO sent or holds back what the output would send
    bool FrtoOutput();

    // --- what to send next (fulltcp-output.cc) ---

    // --- where PSH goes (fulltcp-push.cc) ---

    /// Queue a write, mark where PSH goes, and send what may go.
    /// \param data the bytes written (may be empty)
    /// \param endOfRecord the write ends a record (MSG_EOR): later writes start a new block
    /// \param more MSG_MORE: no PSH mark, pushed corked (tcp_push())
    void QueueWrite(Ptr<Packet> data, bool endOfRecord = false, bool more = false);
    /// Linux tcp_slow_start_after_idle_check(): a write after an idle period (slowStartAfterIdle).
    void RestartAfterIdle();
    /// \return the block a write is queued in, FullTcpConfig::pushBlockSize bounded as Linux
    /// tcp_xmit_size_goal() bounds it
    int64_t PushBlockSize() const;
    /// A new block (Linux skb) starts at start: note it as a bound of GSO packets.
    void NewBlock(int64_t start);

    // --- how the flight used cwnd (fulltcp-cwnd-use.cc) ---

    /// After an output: note whether the flight fills cwnd (Linux tcp_cwnd_validate()).
    /// \param sentNew new data went out
    void TrackCwndUse(bool sentNew);
    /// \return Linux tcp_is_cwnd_limited() with cwndValidation, else nothing
    std::optional<bool> CwndLimited() const;
    /// \return the congestion control's ssthresh after a congestion event, from cwnd in whole
    ///         segments with cwndWholeSegments (Linux tp->snd_cwnd)
    uint32_t SsThreshAfterLoss();
    /// \param info the ACK \param dupAcksBefore duplicate ACKs counted before it
    /// \return the bytes cwnd grows by (FullTcpConfig::cwndGrowsByDelivered)
    uint32_t GrowthBytes(const FullTcpAckInfo& info, uint32_t dupAcksBefore) const;

    // --- Linux's GSO packets (fulltcp-gso.cc) ---

    /// \return segments per GSO packet as Linux tcp_tso_segs() sizes them
    uint32_t GsoSegments() const;
    /// \param limit the window's end \return the GSO packet new data at SND.NXT goes in:
    ///         the one being sent, or the next as tcp_write_xmit() would cut it
    FullTcpRange GsoPacket(int64_t limit) const;
    /// Record the GSO packet a new segment ending at end starts or continues.
    void GsoSend(int64_t end);
    /// \param start \param dataEnd the data of a new segment \return whether it ends a
    ///         GSO packet of more than one segment (it gets PSH)
    bool GsoPush(int64_t start, int64_t dataEnd) const;

    /// Send what the windows, the loss recovery and the sending policy allow.
    void Output();
    /// \return whether the state lets data and FIN go (our SYN acknowledged, side open)
    bool SendingAllowed() const;
    /// \param extra bytes allowed beyond cwnd
    /// \return the end of the windows: SND.UNA + min(SND.WND, cwnd + extra)
    int64_t WindowEnd(uint32_t extra) const;
    /// \return the offset new data may reach: WindowEnd() with Limited Transmit's extra
    int64_t NewDataLimit() const;
    /// \param start SND.NXT \param end end of the candidate segment
    /// \return whether Nagle and sender SWS avoidance let it go now (RFC 9293 §3.8.6.2.1)
    bool SendingPolicyAllows(int64_t start, int64_t end) const;
    /// \param splitPoint asked about the partial last segment of a longer GSO packet
    ///        (tcp_mss_split_point(), where TCP_NAGLE_PUSH does not override the cork)
    /// \return whether Nagle holds a partial segment now (fulltcp-cork.cc): corked (TCP_CORK,
    ///         a MSG_MORE write), else data in flight (RFC 896), or with minshallNagle a
    ///         partial segment in flight (Linux tcp_nagle_check(), tcp_minshall_check())
    bool NagleHolds(bool splitPoint = false) const;
    /// Send one new segment at SND.NXT ending at end (data and possibly the FIN).
    void SendNewSegment(int64_t end) override;
    /// After a timeout: resend the unSACKed data below SND.NXT as cwnd allows (go-back-N).
    void GoBackN();
    /// Resend one segment from start, at most up to limit (Karn's algorithm applies).
    /// \return the end of what was sent (start when nothing was)
    int64_t RetransmitFrom(int64_t start, int64_t limit) override;
    /// \param limit the window's end \return the end of the new segment that the window and
    ///        the sending policy let go now, if any
    std::optional<int64_t> NextNewSegmentEnd(int64_t limit) const override;
    /// \param limit the window's end \return the end of a loss probe's new segment (no
    ///        Nagle, no sender SWS avoidance), if any
    std::optional<int64_t> ProbeSegmentEnd(int64_t limit) const override;
    /// Retransmit the first unacknowledged segment (fast retransmit, partial ACK).
    /// \return the offset just past it
    int64_t RetransmitFirstUnacknowledged() override;
    /// Nothing in flight and data held back: arm the persist timer (RFC 9293 §3.8.6.1).
    void ArmPersistIfStalled();

    // --- transmission (fulltcp-transmit.cc) ---

    /// Retransmit the earliest unacknowledged segment (RFC 6298 §5.4).
    void RetransmitEarliest();
    /// \return the most data one segment may carry now: SND.MSS less the SACK option the
    ///         segment will carry (RFC 9293 §3.7.1: options come out of the MSS)
    uint32_t SegmentPayloadLimit() const;
    /// \return end offset of the segment starting at start (data within dataLimit, plus
    ///         our FIN when finAllowed and the data reaches it)
    int64_t SegmentEnd(int64_t start, int64_t dataLimit, bool finAllowed) const;
    /// Send offsets [start, end) of our stream (data and possibly the FIN), between the
    /// congestion control's transmission hooks; new data advances SND.NXT.
    void SendRange(int64_t start, int64_t end);
    /// Send our SYN (SYN_SENT) or SYN-ACK (after the peer's SYN) at offset 0.
    void SendSyn();
    /**
     * \brief Fast Open on our first SYN (fulltcp-fast-open-client.cc): its option.
     * \param o the SYN's options \return the data it carries (empty on a retransmission)
     */
    Ptr<Packet> FastOpenSynPart(FullTcpOptions& o) const;
    /**
     * \brief The SYN-ACK of a Fast Open (Linux tcp_rcv_fastopen_synack()), after its ACK
     * advanced SND.UNA: report the cookie and MSS for the cache.
     * \param h the SYN-ACK \return whether data of our SYN is unacknowledged (resend it)
     */
    bool FastOpenSynAckArrives(const FullTcpHeader& h);
    /// <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
    void SendAck();
    /// \return whether the RFC 5961 §7 rate limit lets one more challenge reply out now
    /// (and counts it)
    bool ChallengeAckAllowed();
    /// A challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> if the rate limit allows.
    void SendChallengeAck();
    /// The RST of §3.10.7.1 for a segment (FullTcpResetFor), if any.
    void SendResetFor(const FullTcpHeader& h, Ptr<Packet> payload);
    /// A header of ours: ports, seq, ACK=RCV.NXT when flags has ACK, window, timestamps.
    FullTcpHeader MakeHeader(uint8_t flags, int64_t seq);
    /// Hand a segment to the output, saying what it is (FullTcpSegmentOut).
    void Transmit(const FullTcpHeader& h, Ptr<Packet> payload);
    /**
     * \brief The ECN codepoint of a segment we send: the one place that decides it (RFC
     * 3168 §6.1, fulltcp-ecn.cc). \param h the segment \param len its text length
     * \param retransmission whether it is a retransmission
     * \return the codepoint IP sets
     */
    FullTcpEcnCodepoint EcnCodepointFor(const FullTcpHeader& h,
                                        uint32_t len,
                                        bool retransmission) const;

    // --- ECN, RFC 3168 §6.1 (fulltcp-ecn.cc) ---

    /// \param offer our SYN (true) or SYN-ACK \return the ECN flags it carries (§6.1.1):
    ///        ECE|CWR on the first SYN with FullTcpConfig::ecn ON, ECE on a SYN-ACK once
    ///        ECN is negotiated
    uint8_t EcnSynFlags(bool offer);
    /// Settle whether ECN is used from the peer's SYN or SYN-ACK (§6.1.1). \param syn it
    void NegotiateEcn(const FullTcpHeader& syn);
    /// \param flags a segment's flags \return ECE when it must echo a CE (§6.1.3)
    uint8_t EcnEchoFlag(uint8_t flags);
    /// CWR on a segment leaving ECN-capable, once after a window reduction (§6.1.2).
    /// \param h the segment \param ecn its codepoint \return the header with CWR, if due
    std::optional<FullTcpHeader> EcnAddCwr(const FullTcpHeader& h, FullTcpEcnCodepoint ecn);
    /// The congestion window was reduced (CWR, Recovery, Loss): CWR goes next (§6.1.2).
    void EcnWindowReduced();
    /// An acceptable ACK: report ECE to the congestion control, take the peer's CWR (§6.1.3).
    /// \param h the segment \param dataLength its text length
    void EcnAckArrives(const FullTcpHeader& h, uint32_t dataLength);
    /// New text arrived: a CE starts the echo (§6.1.3). \param seq its first offset
    void EcnDataArrives(int64_t seq);
    /// ACK the next two data segments at once (Linux tcp_enter_quickack_mode(sk, 2)).
    void EcnQuickAcks();
    /// The sender's reaction: end CWR, enter it on an ECE (§6.1.2), PRR during it.
    /// \param h the ACK \param delivered its DeliveredData (RFC 9937 §6.2)
    /// \return whether cwnd may grow on this ACK (not during CWR)
    bool EcnOnAck(const FullTcpHeader& h, int64_t delivered);
    /// \return RCV.WND: free receive buffer, never shrinking what was advertised (§3.8.6)
    uint32_t RcvWnd() const;
    /// After a read: send a window update if the window grew enough (§3.8.6.2.2).
    void MaybeSendWindowUpdate();
    /// \return TSval for now (RFC 7323 §5.4: a millisecond clock plus an offset)
    uint32_t TsVal() const;
    /// \return the window-scale shift we offer: the smallest that covers the receive
    ///         buffer (RFC 7323 §2.3, at most 14)
    uint8_t OfferedWindowShift() const;
    /// \return our MSS less the timestamp option when it is on (Linux tp->advmss)
    uint16_t AdvertisedMss() const;
    /// \return how long the orphaned FIN_WAIT_2 lasts: finWait2Timeout, at least 3.5 RTO with
    ///         finWait2RtoFloor (Linux tcp_fin_time())
    Time OrphanFinWait2Timeout() const;

    // --- timers (fulltcp-timers.cc) ---

    /// \return the engine's own slots with their names and handlers (FullTcpTimer's
    ///         registry starts with them)
    static const std::array<FullTcpTimerSlot, 4>& EngineTimerSlots();
    /// Arm a slot to fire after delay.
    void ArmTimer(FullTcpTimer timer, Time delay) override;
    /// Cancel a slot if armed.
    void CancelTimer(FullTcpTimer timer) override;
    /// Cancel every slot.
    void CancelAllTimers();
    /// LINGER expired: TIME_WAIT's 2·MSL, or the orphaned FIN_WAIT_2 timeout.
    void LingerTimeout();
    /// \param timer a slot \return whether it was due (not cancelled or re-armed since) and
    ///        its handler ran
    bool RunIfDue(FullTcpTimer timer);
    /// DELAYED_ACK expired: the delayed acknowledgment is due.
    void DelayedAckTimeout();
    /// Start the retransmission timer if it is not running (RFC 6298 §5.1).
    void StartRetransmitTimerIfIdle();
    /// The RETRANSMIT slot expired: retransmission, zero-window probe or persist.
    void RetransmitTimeout();
    /// RFC 6298 §5.4-5.7 and RFC 5681 §3.1 for data and FIN.
    void DataRetransmitTimeout();
    /// \return how many retransmissions are allowed for what is outstanding
    uint32_t RetryLimit() const;
    /// \param attempts retransmissions or probes so far \return whether to give up now
    ///        (retry limit, the user timeout of RFC 9293 §3.8.3, or SynTimedOut())
    bool GiveUp(uint32_t attempts) const;
    /// \param attempts SYN retransmissions so far \return whether, with linear SYN timeouts
    ///        (FullTcpConfig::synLinearTimeouts), the time since the first SYN reached what
    ///        synRetries doubling timeouts take (Linux tcp_write_timeout())
    bool SynTimedOut(uint32_t attempts) const;
    /// \return whether to give up on data, FIN or SYN now, as Linux tcp_write_timeout()
    ///         decides (FullTcpConfig::linuxGiveUp)
    bool LinuxWriteTimedOut() const;
    /// Arm the RETRANSMIT slot, never beyond the user timeout's deadline.
    void ArmRetransmitTimer(Time delay);
    /// \return when the user timeout started counting, if it is set and counting
    std::optional<Time> UserTimeoutStart() const;

    // --- probing the peer (fulltcp-probes.cc) ---

    /// The persist timer expired (RFC 9293 §3.8.6.1): send a zero-window probe, or the
    /// data that sender SWS avoidance held back.
    void PersistTimeout();
    /// \return the first persist interval: persistTimeout for a closed window when set,
    ///         else the RTO
    Time PersistBase() const;
    /// \param firstProbe this expiry starts probing \return whether zero-window probing ends
    ///        the connection now, as Linux tcp_probe_timer() decides (FullTcpConfig::linuxGiveUp)
    bool LinuxProbeTimedOut(bool firstProbe);
    /// An ACK arrived while probing: a window that opened ends the probing.
    void ProbeAnswered();
    /// Start the keepalive timer if keepalive is on (RFC 9293 §3.8.4).
    void StartKeepAlive();
    /// The KEEPALIVE slot expired: probe an idle connection, or give up.
    void KeepAliveTimeout();

    // --- ICMP errors (fulltcp-icmp-arrives.cc) ---

    /// Packet too big (RFC 1191, RFC 8201): lower SND.MSS and resend what no longer fits.
    /// \param mtu the reported next-hop MTU \return MSS_LOWERED or MSS_UNCHANGED
    FullTcpIcmpResult PathMtuDropped(uint32_t mtu);
    /**
     * \brief A path MTU drop in SYN_SENT, linuxIcmpOpen (fulltcp-fast-open-client.cc): our
     * SYN offers the new path's MSS, and a SYN that carried data goes again at once without.
     * \param pmtu the path MTU (already floored) \return MSS_LOWERED or MSS_UNCHANGED
     */
    FullTcpIcmpResult SynPathMtuDropped(uint32_t pmtu);

    FullTcpConfig m_config;               //!< durations, limits and options
    FullTcpConnectionOutput& m_out;       //!< the world
    FullTcpTcb m_tcb;                     //!< state variables
    Time m_now;                           //!< time of the input being processed
    uint32_t m_inputDepth {0};            //!< nesting of InputScope (re-entrant calls)
    bool m_delivering {false};            //!< application events are being delivered
    std::deque<FullTcpAppEvent> m_events; //!< application events not yet delivered
    bool m_ackPending {false};            //!< an ACK is owed; cleared by any segment we send
    bool m_ackNow {false};                //!< ... and it must not be delayed
    /// the GSO packet NextNewSegmentEnd() cut, for SendNewSegment() to record
    mutable std::optional<FullTcpRange> m_gsoCandidate;
    /// A MSG_MORE write is being pushed: Linux tcp_push() passes TCP_NAGLE_CORK for it alone.
    bool m_pushCorked {false};
    std::string m_configError;                       //!< see GetConfigError()
    std::unique_ptr<FullTcpCongestionControl> m_cc;  //!< the congestion control algorithm
    std::unique_ptr<FullTcpLossRecovery> m_recovery; //!< the loss recovery algorithm
};

} // namespace ns3

#endif /* FULLTCP_CONNECTION_H */
