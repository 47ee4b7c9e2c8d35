/*
 * Engine: Transmission Control Block (RFC 9293 §3.3.1), 64-bit offsets vs 32-bit wire
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_TCB_H
#define FULLTCP_TCB_H

#include "fulltcp-byte-queue.h"
#include "fulltcp-connection-output.h"
#include "fulltcp-ecn.h"
#include "fulltcp-fast-open-client.h"
#include "fulltcp-linux-rcv-window.h"
#include "fulltcp-pacer.h"
#include "fulltcp-reassembly.h"
#include "fulltcp-rtt-estimator.h"
#include "fulltcp-sack-generator.h"
#include "fulltcp-sack-scoreboard.h"
#include "fulltcp-state.h"

#include "ns3/fulltcp-congestion-control.h"
#include "ns3/fulltcp-delivery-rate.h"
#include "ns3/fulltcp-frto.h"
#include "ns3/fulltcp-segment-io.h"
#include "ns3/fulltcp-timer.h"
#include "ns3/fulltcp-undo.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <deque>
#include <optional>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief One direction's sequence space: 64-bit stream offsets inside, 32-bit numbers on
 * the wire (RFC 9293 §3.4: arithmetic modulo 2^32).
 *
 * Offset 0 is the initial sequence number, i.e. the SYN; data byte i has offset 1 + i.
 * Offsets are signed so that old segments from before the SYN compare correctly.
 */
class FullTcpSeqSpace
{
  public:
    FullTcpSeqSpace() = default;

    /// \param initial the ISN of this direction (ISS for sending, IRS for receiving)
    explicit FullTcpSeqSpace(uint32_t initial);

    /// \param offset a stream offset \return its 32-bit wire sequence number
    uint32_t ToWire(int64_t offset) const;

    /**
     * \brief Unwrap a wire number to the offset nearest a reference (within ±2^31).
     * \param wire the 32-bit sequence number from a header
     * \param near an offset known to be close (e.g. RCV.NXT or SND.NXT)
     * \return the stream offset
     */
    int64_t FromWire(uint32_t wire, int64_t near) const;

  private:
    uint32_t m_initial {0}; //!< wire number of offset 0
};

/**
 * \ingroup fulltcp
 * \brief The Transmission Control Block of one connection (RFC 9293 §3.3.1): every state
 * variable, readable by the glue and the tests through FullTcpConnection::GetTcb().
 *
 * Sequence variables are stream offsets (see FullTcpSeqSpace): the SYN has offset 0, data
 * byte i offset 1 + i, and our FIN the offset just past the last data byte (DataEnd()).
 */
struct FullTcpTcb
{
    FullTcpState state {FullTcpState::CLOSED}; //!< changed only by FullTcpConnection::SetState
    uint16_t localPort {0};                    //!< our port
    uint16_t remotePort {0};                   //!< the peer's port
    bool passive {false}; //!< forked from a listener's SYN (AcceptSyn): failures stay silent

    // --- Send sequence space (RFC 9293 §3.3.1, Figure 3) ---
    FullTcpSeqSpace snd;             //!< ISS and wrapping of our sequence numbers
    int64_t sndUna {0};              //!< SND.UNA: oldest unacknowledged offset
    int64_t sndNxt {0};              //!< SND.NXT: next offset to send
    uint32_t sndWnd {0};             //!< SND.WND in bytes (already scaled)
    uint32_t maxSndWnd {0};          //!< largest SND.WND seen (MAX.SND.WND, RFC 5961 §5.2)
    int64_t sndWl1 {0};              //!< SND.WL1: receive offset of the last window update
    int64_t sndWl2 {0};              //!< SND.WL2: send offset acknowledged by that update
    FullTcpByteQueue sendQueue;      //!< bytes written, not yet acknowledged
    int64_t sendQueueFront {1};      //!< offset of sendQueue's first byte
    bool finQueued {false};          //!< the user closed the sending side: FIN follows the data
    std::deque<int64_t> writeEnds;   //!< offset just past each write not yet acknowledged: PSH
    int64_t pushedSeq {1};           //!< just past the last PSH mark (Linux pushed_seq)
    bool naglePush {false};          //!< queued data goes past the cork (Linux TCP_NAGLE_PUSH)
    int64_t pushBlockStart {1};      //!< where the last queued block starts (Linux's tail skb)
    std::deque<int64_t> blockStarts; //!< where each later queued block starts (Linux's skbs)
    FullTcpRange gsoPacket;          //!< data offsets of the GSO packet being sent (Linux's skb)
    uint32_t gsoMss {0};             //!< the segment size it was cut with (Linux's mss_now)
    bool cwndLimitedRound {false};   //!< this round filled cwnd (Linux is_cwnd_limited)
    uint32_t maxFlightRound {0};     //!< largest FlightSize of the round (max_packets_out)
    int64_t cwndUsageSeq {0};        //!< SND.NXT when the round began (cwnd_usage_seq)
    int64_t recordEnd {0};           //!< end of the last write sent with MSG_EOR
    std::deque<int64_t> recordEnds;  //!< ends of MSG_EOR writes not yet acknowledged
    Time lastDataSent;               //!< when data last left (Linux lsndtime)
    int64_t sndSml {0};              //!< end of the last partial segment sent (Linux snd_sml)
    std::optional<int64_t> sndUp;    //!< SND.UP: offset just past the last urgent byte written
    int64_t highTxMark {1};          //!< just past the highest data offset ever sent (new data)

    // --- Receive sequence space (RFC 9293 §3.3.1, Figure 4) ---
    FullTcpSeqSpace rcv;               //!< IRS and wrapping of the peer's sequence numbers
    int64_t rcvNxt {0};                //!< RCV.NXT: next offset expected
    int64_t rcvAdvertisedEdge {0};     //!< RCV.NXT + RCV.WND as last advertised
    int64_t lastAckSent {0};           //!< Last.ACK.sent (RFC 7323 §4.3)
    FullTcpByteQueue rcvQueue;         //!< in-order bytes not yet read by the application
    bool finReceived {false};          //!< the peer's FIN was accepted (end of stream)
    FullTcpReassemblyQueue reassembly; //!< out-of-order text above RCV.NXT
    std::optional<int64_t> rcvFin;     //!< the peer's FIN, seen before the bytes ahead of it
    std::optional<int64_t> rcvUp;      //!< RCV.UP: offset just past the urgent data (§3.8.5)
    std::optional<int64_t> oobSeq;     //!< urgent byte out of the stream (Linux urg_seq)
    std::optional<uint8_t> oobByte;    //!< that byte, once arrived (Linux TCP_URG_VALID)
    bool oobRead {false};              //!< ReceiveUrgent() returned it (Linux TCP_URG_READ)
    uint16_t rcvMss {0};               //!< full-sized segment from the peer: largest seen
    FullTcpLinuxRcvWindow linuxRcv;    //!< the "Linux" receive window's state
    /// ECN codepoint of the IP header of the last segment that arrived (RFC 3168 §6.1.3: a
    /// receiver acts on CE once ECN is negotiated)
    FullTcpEcnCodepoint rcvEcn {FullTcpEcnCodepoint::NOT_ECT};
    uint8_t rcvTtl {0}; //!< IPv4 TTL / IPv6 hop limit of the last segment that arrived
    std::optional<uint32_t> quickAcks; //!< quick ACKs left; set by the first data segment
    FullTcpSackGenerator sackBlocks;   //!< SACK and D-SACK blocks for our next ACK

    // --- Options negotiated on the SYNs (RFC 9293 §3.7.1, RFC 7323, RFC 2018) ---
    uint16_t sndMss {0};   //!< largest payload we send (peer's MSS, ours, minus TS option)
    bool wsOk {false};     //!< both SYNs carried Window Scale
    uint8_t sndWscale {0}; //!< shift applied to the peer's window field
    uint8_t rcvWscale {0}; //!< shift applied to ours
    bool sackOk {false};   //!< both SYNs carried SACK-permitted
    bool tsOk {false};     //!< both SYNs carried Timestamps
    uint32_t tsRecent {0}; //!< TS.Recent (RFC 7323 §4.3)
    Time tsRecentTime;     //!< when TS.Recent was set (RFC 7323 §5.5: valid for 24 days)

    // --- Application side ---
    bool appClosed {false};       //!< full CLOSE: nobody reads any more (orphaned)
    bool shutdownPending {false}; //!< ShutdownSend in SYN_SENT, applied once ESTABLISHED

    // --- Retransmission (RFC 6298) ---
    Time rto;                           //!< current retransmission timeout, backed off
    uint32_t retransmits {0};           //!< retransmissions since the last new ACK
    FullTcpRttEstimator rtt;            //!< SRTT, RTTVAR and the un-backed-off RTO
    std::optional<int64_t> rttTimedEnd; //!< end of the segment timed for a sample (no TS)
    std::optional<uint32_t> rtxTsVal;   //!< TSval when we last retransmitted (Karn with TS)
    Time rttTimedAt;                    //!< when that segment was sent
    bool synRetransmitted {false};      //!< our SYN or SYN-ACK went more than once
    Time lastProgress;                  //!< last new ACK, or first send (user timeout)
    std::optional<Time> retransStamp;   //!< first retransmission since SND.UNA advanced
    uint32_t probesOut {0};             //!< unanswered zero-window probes
    uint32_t probeBackoff {0};          //!< doublings of the zero-window probe interval
    Time probesStamp;                   //!< first zero-window probe of this closed window
    bool probing {false};               //!< the RETRANSMIT slot is probing a zero window
    /// The last ICMP soft error accepted (RFC 1122 §4.2.3.9; Linux sk_err_soft), until an
    /// acceptable ACK shows the path works again (Linux tcp_ack() clears it)
    std::optional<FullTcpIcmpKind> softError;

    // --- Congestion control and loss recovery (RFC 5681, RFC 6582, RFC 6675) ---
    FullTcpCongestionState cc;                     //!< cwnd and ssthresh
    FullTcpCaState caState {FullTcpCaState::OPEN}; //!< Linux's congestion state
    uint32_t dupAcks {0};                          //!< duplicate ACKs since the last new ACK
    bool inRecovery {false};                       //!< in loss recovery (FullTcpLossRecovery)
    int64_t recover {0};                           //!< recover / RecoveryPoint: SND.NXT at entry
    int64_t rtxNxt {0};               //!< next go-back-N retransmission after a timeout
    FullTcpSackScoreboard scoreboard; //!< what the peer SACKed above SND.UNA
    uint32_t dsacksReceived {0};      //!< D-SACK blocks the peer sent (RFC 2883)
    uint32_t fastRetransmits {0};     //!< loss recoveries entered (statistics)
    uint64_t dataBytesSent {0};       //!< data bytes sent, resent ones too (Linux tcpi_bytes_sent)
    FullTcpDeliveryRate rate;         //!< bytes delivered and delivery-rate samples
    FullTcpUndo undo;                 //!< what undoing a spurious reduction needs (Linux)
    FullTcpFrto frto;                 //!< F-RTO's step after a timeout (RFC 5682)
    FullTcpPacer pacer;               //!< pacing rate and departure time (FullTcpPacer)
    FullTcpEcnState ecn;              //!< ECN negotiation, echo and reduction (RFC 3168)

    // --- Fast Open (RFC 7413) ---
    bool fastOpenChild {false}; //!< passive Fast Open: may send in SYN-RECEIVED (§4.2.2)
    bool synDataAcked {false};  //!< data on the SYN was acknowledged (Linux syn_data_acked)
    std::optional<FullTcpFastOpenOption> synAckCookie; //!< the cookie our SYN-ACK carries
    FullTcpFastOpenClient fastOpenClient; //!< the client's SYN data and cookie (§4.2.1)

    // --- Keepalive (RFC 9293 §3.8.4) ---
    Time lastReceived;                    //!< when the peer was last heard from
    uint32_t keepAliveProbesOut {0};      //!< unanswered keepalive probes
    std::optional<Time> lastChallengeAck; //!< rate limit of RFC 5961 §7
    FullTcpTimerDeadlines timerDeadline;  //!< expiry time of each armed timer slot

    /// \return the offset just past the last data byte written: our FIN's offset
    int64_t DataEnd() const;
    /// \return whether the peer acknowledged our SYN (SND.UNA > ISS)
    bool SynAcked() const;
    /// \return whether our FIN has been sent
    bool FinSent() const;
    /// \return whether our FIN has been acknowledged
    bool FinAcked() const;
    /// \return FlightSize (RFC 5681 §2): sent and not yet acknowledged
    uint32_t FlightSize() const;
};

} // namespace ns3

#endif /* FULLTCP_TCB_H */
