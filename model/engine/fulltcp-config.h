/*
 * Engine: FullTcpConfig, every per-connection duration and limit with its RFC or Linux default
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_CONFIG_H
#define FULLTCP_CONFIG_H

#include "fulltcp-ecn.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Every duration and limit of one connection, with its default and where it comes from.
 *
 * The socket glue maps each field onto an ns-3 Attribute; the engine reads nothing else.
 * Defaults follow the RFC where it gives a value and Linux where the RFC leaves a choice
 * (../shared/reference/linux-defaults.md has the sources).
 */
struct FullTcpConfig
{
    /// Initial retransmission timeout, before any RTT sample: 1 s (RFC 6298 §2.1; Linux
    /// TCP_TIMEOUT_INIT). Every retransmission doubles it (RFC 6298 §5.5).
    Time initialRto {Seconds(1)};
    /// Cap on the backed-off timeout: 120 s (Linux TCP_RTO_MAX; RFC 6298 §2.5 allows a cap
    /// of at least 60 s).
    Time maxRto {Seconds(120)};
    /// Retransmissions of an active SYN before the connect fails "timed out": 6 (Linux
    /// tcp_syn_retries; with a 1 s initial RTO the connect gives up after 127 s).
    uint32_t synRetries {6};
    /// SYN_SENT timeouts that keep the RTO instead of doubling it, and add to synRetries: 0,
    /// RFC 6298 §5.5's backoff from the first. Linux 6.5+ sysctl tcp_syn_linear_timeouts = 4:
    /// five SYNs 1 s apart, then the doubling (tcp_retransmit_timer(), tcp_write_timeout()).
    uint32_t synLinearTimeouts {0};
    /// A segment whose ACK does not acknowledge our SYN, arriving in SYN_SENT before any
    /// retransmission, re-arms the SYN's timer to this delay: 0, off (RFC 9293 §3.10.7.3 only
    /// answers it with a reset, and the SYN waits its RTO). Linux tcp_rcv_synsent_state_process()
    /// re-arms it to TCP_TIMEOUT_MIN, 2 jiffies: 8 ms at HZ = 250.
    Time synSentBadAckRetry {Seconds(0)};
    /// In a simultaneous open, the SYN-ACK carries our SYN's options again (SACK-permitted,
    /// timestamps, window scale), whatever the peer's SYN offered, as Linux resends its SYN
    /// with ACK set (tcp_send_synack()). False: only what both offered (RFC 7323 §3.2: a
    /// TSopt only if one was received; RFC 2018 §2).
    bool simultaneousOpenRepeatsSyn {false};
    /// Retransmissions of a passive SYN-ACK before the embryonic connection is silently
    /// dropped: 5 (Linux tcp_synack_retries, ~63 s).
    uint32_t synAckRetries {5};
    /// In SYN_RCVD, the SYN-ACK that answers the peer's SYN again (rate-limited by
    /// challengeAckInterval) restarts the SYN-ACK's retransmission timer with the current,
    /// backed-off RTO, as Linux tcp_check_req() does ("Reset timer after retransmitting
    /// SYNACK": mod_timer_pending() with reqsk_timeout()). False: the timer keeps its schedule
    /// (RFC 6298 §5.1 starts it only when it is not running).
    bool duplicateSynRestartsTimer {false};
    /// Retransmissions of data or FIN before the connection times out: 15 (Linux
    /// tcp_retries2; RFC 9293 §3.8.3 R2 must be at least 100 s).
    uint32_t dataRetries {15};
    /// When to give up, as Linux 6.18 decides it instead of by count (RFC 9293 §3.8.3): false.
    /// With it, dataRetries is a time, the (2^(n+1) - 1)·minRto that n retransmissions
    /// doubling from minRto take (tcp_model_timeout()), counted, as the user timeout, from
    /// the first retransmission since SND.UNA last advanced (retrans_stamp;
    /// retransmits_timed_out()); an orphaned connection takes orphanRetries instead
    /// (tcp_write_timeout()); the user timeout also ends SYN_SENT; zero-window probes back
    /// off at most dataRetries times (tcp_send_probe0()) and end at dataRetries unanswered
    /// probes or once the user timeout has passed since the first one (tcp_probe_timer());
    /// keepalive gives up with a RST, and on the user timeout when one is set
    /// (tcp_keepalive_timer()).
    bool linuxGiveUp {false};
    /// Retries of an orphaned connection (closed by the application) when linuxGiveUp: 0,
    /// which Linux takes as 8 while the RTO is below maxRto (sysctl tcp_orphan_retries = 0,
    /// tcp_orphan_retries()).
    uint32_t orphanRetries {0};
    /// Maximum Segment Lifetime: 2 min (RFC 9293 §3.4.2). TIME_WAIT lasts 2·MSL (§3.6.1,
    /// MUST-13); 0 skips TIME_WAIT (the connection closes as it enters it).
    Time msl {Seconds(120)};
    /// How long an orphaned FIN_WAIT_2 (fully closed by the application, peer never sends
    /// FIN) waits: 60 s (Linux tcp_fin_timeout, TCP_FIN_TIMEOUT). A connection the
    /// application only half-closed (ShutdownSend) and still reads never times out.
    Time finWait2Timeout {Seconds(60)};
    /// The orphaned FIN_WAIT_2 lasts at least 3.5 RTO, as Linux tcp_fin_time() raises
    /// tcp_fin_timeout / TCP_LINGER2 to "(rto << 2) - (rto >> 1)". Off: finWait2Timeout alone.
    bool finWait2RtoFloor {false};
    /// Ignore RST in TIME_WAIT (RFC 1337 fix F1): off, as Linux (tcp_rfc1337 = 0) and as
    /// RFC 9293 §3.10.7.4, which closes TIME_WAIT on an acceptable RST.
    bool rfc1337 {false};
    /// In TIME_WAIT, a SYN that could open a new incarnation (RFC 6191) while no listener
    /// holds the local port (the side that closed first was the client) gets the TIME_WAIT ACK
    /// and TIME_WAIT goes on, as Linux tcp_v4_rcv() does when TCP_TW_SYN finds no listener
    /// (it falls through to TCP_TW_ACK, not rate-limited). False: TIME_WAIT gives way to the
    /// SYN, which finds the port closed and draws a RST (RFC 9293 §3.10.7.1).
    bool timeWaitSynNoListenerAck {false};
    /// TIME_WAIT judges segments as Linux tcp_timewait_state_process() does rather than by
    /// RFC 9293 §3.10.7.4 with RFC 5961: only a bare ACK or a RST at exactly RCV.NXT (PAWS
    /// passed) is in window; the ACK updates TS.Recent and restarts TIME_WAIT silently, whatever
    /// it acknowledges; every other RST is ignored without a challenge ACK; every other segment
    /// gets the TIME_WAIT ACK (rate-limited unless it carries data or FIN, tcp_oow_rate_limited(),
    /// no D-SACK block) and, if it has ACK set or fails PAWS, restarts TIME_WAIT. Off: the RFC.
    bool linuxTimeWait {false};
    /// Minimum interval between two challenge ACKs of one connection (RFC 5961 §7): 500 ms
    /// (Linux tcp_invalid_ratelimit). Zero disables the limit.
    Time challengeAckInterval {MilliSeconds(500)};
    /// An ACK is too old (RFC 5961 §5.2: challenge ACK, dropped) below SND.UNA minus the
    /// smaller of MAX.SND.WND and the bytes acknowledged so far, as Linux tcp_ack() bounds
    /// max_window by bytes_acked ("do not accept ACK for bytes we never sent"; the SYN counts
    /// on the active side, where tcp_ack() acknowledged it). Off: SND.UNA - MAX.SND.WND (RFC).
    bool ackTooOldBytesAcked {false};
    /// Which ACK may change SND.WND: Linux tcp_may_update_window() (one that moves SND.UNA,
    /// comes from a newer segment than SND.WL1, or, from the same one, offers a larger or a
    /// zero window: a duplicate ACK never shrinks the window) instead of RFC 9293 §3.10.7.4's
    /// SND.WL1/SND.WL2 rule. Off: the RFC.
    bool linuxWindowUpdate {false};
    /// MSS announced in our SYN, and the largest segment we send: 1460 (an Ethernet MTU of
    /// 1500 minus 40 bytes of IPv4 and TCP headers, RFC 9293 §3.7.1; the glue sets it from
    /// the device MTU).
    uint16_t mss {1460};
    /// Send MSS assumed when the peer's SYN carries no MSS option: 536 for IPv4 (RFC 9293
    /// §3.7.1, MUST-15); the glue sets 1220 for IPv6.
    uint16_t defaultPeerMss {536};
    /// Bytes of the fixed IP header of the connection's family: 20 for IPv4 (RFC 791); the
    /// glue sets 40 for IPv6 (RFC 8200 §3). A path MTU reported by ICMP leaves MTU minus this
    /// for TCP (RFC 1122 §3.4 MMS_S; Linux icsk_af_ops->net_header_len).
    uint16_t ipHeaderSize {20};
    /// The smallest path MTU an ICMP "fragmentation needed" / "packet too big" may impose:
    /// 552 for IPv4 (Linux ip_rt_min_pmtu, so a forged tiny MTU cannot shrink segments to
    /// nothing, RFC 5927 §7); the glue sets 1280 for IPv6 (RFC 8201 §4: never below the
    /// IPv6 minimum link MTU).
    uint32_t minPathMtu {552};
    /// ICMP errors during an open as Linux tcp_v4_err() / tcp_v6_err() treat them
    /// (FullTcpConnection::IcmpArrives()): a path MTU drop quoting a SYN that carried data
    /// lowers the MSS we offer and sends the SYN again at once without its data
    /// (tcp_v4_mtu_reduced() -> tcp_simple_retransmit(): "assume that the fastopen SYN was
    /// lost"); in SYN_RCVD an error FullTcpIcmpError::requestFatal marks drops a connection
    /// request silently (tcp_req_err()), and any error but a path MTU drop ends a Fast Open
    /// child with that error (tcp_done_with_error()). Off (RFC 1122 §4.2.3.9): soft errors
    /// never abort, the SYN waits for its timer.
    bool linuxIcmpOpen {false};
    /// Floor of the send MSS whatever the peer announces: 48 (Linux tcp_min_snd_mss), so a
    /// hostile MSS option of 0 cannot make the connection send empty segments forever. Like
    /// Linux (__tcp_mtu_to_mss()), it bounds the MSS before the per-segment options are taken
    /// off: 36 bytes of data with timestamps.
    uint16_t minSndMss {48};
    /// Offer SACK-permitted on SYNs (RFC 2018): on (Linux tcp_sack = 1).
    bool sack {true};
    /// Offer timestamps on SYNs (RFC 7323 §3): on (Linux tcp_timestamps = 1).
    bool timestamps {true};
    /// Offer window scaling on SYNs (RFC 7323 §2): on (Linux tcp_window_scaling = 1). The
    /// shift is the smallest that lets the receive buffer be advertised (at most 14).
    bool windowScaling {true};
    /// Added to the millisecond clock to form TSval (RFC 7323 §5.4 suggests a random
    /// per-connection offset); the glue draws it from an RNG stream. Default 0.
    uint32_t timestampOffset {0};
    /// Send buffer size in bytes: 131072 (ns-3 TcpSocket SndBufSize).
    uint32_t sndBufSize {131072};
    /// Linux TCP_NOTSENT_LOWAT (tcp_notsent_lowat()): the connection is writable (IsWritable())
    /// only while fewer than this many written bytes are unsent, counted twice
    /// (tcp_stream_memory_free() with wake = 1): UINT32_MAX, no limit (Linux's
    /// net.ipv4.tcp_notsent_lowat default).
    uint32_t notSentLowat {UINT32_MAX};
    /// Receive buffer size in bytes; the advertised window is its free space: 131072 (ns-3
    /// TcpSocket RcvBufSize, Linux tcp_rmem[1]).
    uint32_t rcvBufSize {131072};
    /// How the receive window is chosen. false ("Rfc"): the free space of rcvBufSize, opened
    /// by at least min(RCV.BUFF / 2, MSS) (RFC 9293 §3.8.6.2.2). true ("Linux"): Linux 6.18's
    /// rcv_ssthresh, skb-truesize accounting and receive-buffer auto-tuning from rcvBufSize
    /// up to rcvBufMax (FullTcpLinuxRcvWindow; tcp_select_window(), tcp_rcv_space_adjust()).
    bool linuxReceiveWindow {false};
    /// Largest receive buffer the "Linux" window grows to, and what its window scale is
    /// chosen from: 33554432 (Linux 6.18 tcp_rmem[2], 32 MiB: window scale 10).
    uint32_t rcvBufMax {33554432};

    // ------------------------------------------------- data transfer and loss recovery

    /// Lower bound of a computed RTO: 1 s (RFC 6298 §2.4 "SHOULD be rounded up to 1
    /// second"; Linux uses 200 ms, TCP_RTO_MIN).
    Time minRto {Seconds(1)};
    /// Clock granularity G in RTO = SRTT + max(G, 4·RTTVAR): 1 ms (RFC 6298 §2.3; the
    /// millisecond timestamp clock of RFC 7323 §5.4; ns-3 TcpSocketBase ClockGranularity).
    Time clockGranularity {MilliSeconds(1)};
    /// The RTO computed as Linux 6.18 does (tcp_rtt_estimator(), tcp_set_rto(): SRTT +
    /// max(mdev, minRto) per window of data, rounded up to clockGranularity) instead of RFC
    /// 6298 §2 (max(minRto, SRTT + max(G, 4·RTTVAR))): false, the RFC.
    bool linuxRtoEstimator {false};
    /// RTO once data transmission begins after a retransmitted SYN (or SYN-ACK) gave no RTT
    /// sample: 3 s (RFC 6298 §5.7; Linux TCP_TIMEOUT_FALLBACK).
    Time fallbackRto {Seconds(3)};
    /// Give up when data (or a zero-window probe) stays unacknowledged this long: USER
    /// TIMEOUT of RFC 9293 §3.8.3 / RFC 5482. 0: only dataRetries counts (Linux
    /// TCP_USER_TIMEOUT = 0).
    Time userTimeout {Seconds(0)};
    /// Delayed ACK timeout: 200 ms (Linux TCP_DELACK_MAX; RFC 9293 §3.8.6.3 MUST-40: less
    /// than 0.5 s). 0 acknowledges every segment at once.
    Time delayedAckTimeout {MilliSeconds(200)};
    /// Acknowledge at least every this many full-sized segments: 2 (RFC 1122 §4.2.3.2 and
    /// RFC 5681 §4.2: "an ACK SHOULD be generated for at least every second full-sized
    /// segment"; ns-3 TcpSocket DelAckCount). The ACK goes once more than count − 1
    /// full-sized segments are unacknowledged; 1 (or 0) acknowledges every segment.
    uint32_t delAckCount {2};
    /// Quick-ACK mode at connection start: the first data segments are acknowledged at
    /// once, at most 16 of them (Linux TCP_MAX_QUICKACKS; as Linux tcp_incr_quickack(), the
    /// count is RCV.WND / (2·MSS), at least 2, at most this). 0 disables it.
    uint32_t quickAcks {16};
    /// Linux's forced push: a write is queued in blocks of at most this many bytes, bounded
    /// to half the peer's largest window and rounded down to whole segments (Linux
    /// tcp_xmit_size_goal(), tcp_bound_to_half_wnd()); a full block whose end lies more than
    /// half that window past the last PSH gets PSH too (tcp_sendmsg_locked(), forced_push()).
    /// 0: off, PSH only on the segment with the last byte of each write (RFC 9293 §3.9.1).
    uint32_t pushBlockSize {0};
    /// Linux's GSO packets: new data leaves in packets of several segments, as many as
    /// tcp_tso_autosize() gives from the pacing rate (about 1 ms of it, plus
    /// pushBlockSize >> (min RTT in µs / 512)), at least this many, within cwnd - FlightSize
    /// and half cwnd (tcp_cwnd_test()), the peer's window and the queued block
    /// (tcp_mss_split_point()); Nagle looks only at a packet's partial last segment, and a
    /// packet of more than one segment has PSH on its last (__tcp_transmit_skb(): "Force a
    /// PSH flag on all (GSO) packets"). pushBlockSize is sk_gso_max_size (none when 0).
    /// 0: off, segments go one by one (RFC 9293). Linux tcp_min_tso_segs = 2.
    uint32_t minTsoSegs {0};
    /// Linux's record of how the flight used cwnd (tcp_cwnd_validate()): after sending, a
    /// round (until SND.UNA passes the SND.NXT it began at) remembers whether the flight
    /// filled cwnd and its largest FlightSize; cwnd grows while it did, or in slow start
    /// while cwnd is below twice that (tcp_is_cwnd_limited()). false: the congestion control
    /// judges from the flight before each ACK (RFC 9438 §5.8, RFC 7661).
    bool cwndValidation {false};
    /// cwnd grows by the data an ACK newly delivered (Linux tcp_cong_control(): acked_sacked),
    /// not by all it acknowledges: bytes SACKed before, and without SACK one segment per
    /// duplicate ACK before (tcp_remove_reno_sacks()), count no more. false: by the bytes
    /// newly acknowledged (RFC 5681 §3.1).
    bool cwndGrowsByDelivered {false};
    /// cwnd counts in whole segments where an algorithm derives ssthresh from it, as Linux's
    /// tp->snd_cwnd counts packets and keeps the growth toward the next in snd_cwnd_cnt
    /// (bictcp_recalc_ssthresh(), tcp_reno_ssthresh()). false: in bytes (RFC 9438 §4.6,
    /// RFC 5681 §3.1).
    bool cwndWholeSegments {false};
    /// A write, or a send-window change while unsent data waits (tcp_ack_update_window()),
    /// after the connection was idle (nothing in flight) for more than an RTO halves
    /// cwnd once per RTO of idleness down to the initial window (Linux
    /// tcp_slow_start_after_idle = 1: tcp_slow_start_after_idle_check(), tcp_cwnd_restart();
    /// RFC 5681 §4.1 and RFC 7661 ask a restart in some form): false, cwnd is kept.
    bool slowStartAfterIdle {false};
    /// The congestion control's RTT sample of an ACK is the time since the most recently
    /// sent segment it newly delivered (cumulatively or by SACK) was sent, if that segment
    /// was never retransmitted (Linux tcp_clean_rtx_queue() ca_rtt_us from the skbs' send
    /// times; HyStart's delay samples, bictcp_acked()); the timestamp echo only when there is
    /// none. false: the RTT measurement of RFC 7323 §4 or RFC 6298 §3 (one timed segment).
    bool ackRttFromSendTimes {false};
    /// Disable Nagle's algorithm (TCP_NODELAY): false, Nagle on (RFC 896, RFC 9293 §3.7.4
    /// SHLD-7; Linux).
    bool noDelay {false};
    /// Cork the connection (Linux TCP_CORK, __tcp_sock_set_cork()): a partial segment waits
    /// until the application uncorks, more data fills it, or the persist timer sends it, even
    /// with nothing in flight (tcp_nagle_check(): TCP_NAGLE_CORK). A socket option, off by
    /// default on Linux and in both profiles.
    bool cork {false};
    /// Drop, unanswered, a segment that carries a TCP MD5 signature option (RFC 2385), FullTcp
    /// holding no MD5 keys: Linux tcp_inbound_md5_hash() drops it when no key is configured
    /// for the peer (SKB_DROP_REASON_TCP_MD5UNEXPECTED), in every state. false: the option is
    /// one FullTcp does not implement, ignored (RFC 9293 MUST-64).
    bool dropUnexpectedMd5 {false};
    /// Minshall's variant of Nagle (Linux tcp_nagle_check(), tcp_minshall_check()): a small
    /// segment waits only while an earlier small segment is unacknowledged, not while any
    /// data is: false, RFC 896 as RFC 9293 §3.7.4 words it.
    bool minshallNagle {false};
    /// First interval of zero-window probing (persist timer): 0 uses the RTO (RFC 1122
    /// §4.2.2.17; Linux tcp_probe_timer()). The socket sets ns-3's TcpSocket PersistTimeout
    /// (6 s), with which ns-3 TcpSocketBase arms its persist timer. Later probes back off
    /// from it, doubling up to maxRto (ns-3 doubles up to 60 s).
    Time persistTimeout {Seconds(0)};
    /// What a zero-window probe carries when nothing is in flight: true, one octet of new
    /// data (RFC 9293 §3.8.6.1, "at least one octet of new data (if available)"); false, no
    /// data at an old sequence number, <SEQ=SND.UNA-1><ACK>, which the peer must answer
    /// with an ACK (Linux tcp_write_wakeup() -> tcp_xmit_probe_skb()).
    bool zeroWindowProbeData {true};
    /// Initial congestion window in segments: 10 (RFC 6928; Linux TCP_INIT_CWND). The
    /// window is min(n·SMSS, max(2·SMSS, n·1460)), RFC 6928 §2 with 10 generalized to n;
    /// one segment when the SYN or SYN-ACK was retransmitted (RFC 5681 §3.1).
    uint32_t initialCwnd {10};
    /// Initial slow-start threshold in bytes: 0x7fffffff, "arbitrarily high" (RFC 5681 §3.1;
    /// Linux TCP_INFINITE_SSTHRESH).
    uint32_t initialSsthresh {0x7fffffff};
    /// Duplicate ACKs that mean a loss, DupThresh: 3 (RFC 5681 §3.2, RFC 6675 §2; Linux
    /// tcp_reordering = 3).
    uint32_t dupThresh {3};
    /// Limited Transmit: new data on the first DupThresh - 1 duplicate ACKs: on (RFC 3042;
    /// RFC 5681 §3.2 SHOULD).
    bool limitedTransmit {true};
    /// Congestion control algorithm, by registered name: "NewReno" (RFC 5681, RFC 6582;
    /// ns-3's default TcpNewReno). An unknown name is a configuration error: the connection
    /// refuses to open (FullTcpConnection::GetConfigError() lists the known names).
    std::string congestionControl {"NewReno"};
    /// How "Cubic" leaves slow start, by name: "Linux" (Linux tcp_cubic.c HyStart, ACK
    /// train and delay increase: module parameters hystart = 1, hystart_detect = 3),
    /// "HyStart++" (RFC 9406) or "None" (slow start until a loss). Other algorithms ignore
    /// it; an unknown name is a configuration error when the congestion control is "Cubic".
    std::string cubicHystart {"Linux"};
    /// Loss recovery algorithm when SACK is negotiated, by registered name: "Sack" (RFC
    /// 6675; Linux recovers with SACK when tcp_sack = 1 and the peer permits it). Without
    /// SACK the connection uses "NewReno" (RFC 5681 §3.2, RFC 6582). An unknown name is a
    /// configuration error, as for congestionControl.
    std::string recovery {"Sack"};
    /// Tail Loss Probe (RFC 8985 §7) with the "Rack" recovery: on, as Linux, where
    /// tcp_early_retrans = 3 (its default) probes whenever RACK (tcp_recovery = 1) detects
    /// losses. Other recoveries ignore it.
    bool tlp {true};
    /// Proportional Rate Reduction (RFC 9937, which obsoletes RFC 6937; which one:
    /// prrVariant) sets cwnd during fast recovery, with SACK and without: off, so recovery
    /// follows RFC 5681 §3.2, RFC 6582 and RFC 6675 (Linux recovers with PRR,
    /// tcp_cwnd_reduction()).
    bool prr {false};
    /// Which PRR, when prr is set (FullTcpPrr::VariantNames()): "Rfc9937" (RFC 9937 §6, the
    /// Standards Track PRR of December 2025 that obsoletes RFC 6937: RecoverFS of §6.1,
    /// PRR-CRB and PRR-SSRB on a safe ACK, in bytes) or "Linux" (Linux 6.18
    /// tcp_cwnd_reduction(): RecoverFS = prior_cwnd, in segments, rounding up).
    std::string prrVariant {"Rfc9937"};
    /// Pace data segments inside the engine (FullTcpPacer: Linux internal pacing, tcp_output.c
    /// tcp_pacing_check(), since 4.13): off. Linux paces inside TCP only when the congestion
    /// control asks (BBR) or SO_MAX_PACING_RATE is set; with the fq qdisc the qdisc paces.
    /// An algorithm that sets the pacing rate itself is paced whatever this says.
    bool pacing {false};
    /// Pacing rate in early slow start (cwnd < ssthresh / 2), in percent of max(cwnd,
    /// FlightSize) / SRTT: 200 (Linux tcp_pacing_ss_ratio, tcp_update_pacing_rate()).
    uint32_t pacingSsRatio {200};
    /// Pacing rate otherwise, in percent of max(cwnd, FlightSize) / SRTT: 120 (Linux
    /// tcp_pacing_ca_ratio).
    uint32_t pacingCaRatio {120};
    /// Cap of the pacing rate in bytes per second; 0: none (Linux sk_max_pacing_rate = ~0
    /// until SO_MAX_PACING_RATE).
    uint64_t maxPacingRate {0};
    /// Explicit Congestion Notification (RFC 3168 §6.1): OFF, as RFC 3168 makes it optional
    /// and RFC 9293 leaves it out (Linux tcp_ecn = 0). ON asks on active opens and answers
    /// passive ones (tcp_ecn = 1); PASSIVE only answers (tcp_ecn = 2, Linux's default).
    FullTcpEcnMode ecn {FullTcpEcnMode::OFF};
    /// A segment whose text starts inside the receive window and ends beyond it: false, the
    /// part inside the window is taken (RFC 9293 §3.10.7.4: "trimming off any portions that
    /// lie outside the window"); true, as Linux 6.18 tcp_sequence() ("Only accept this packet
    /// if receive queue is empty"), it is taken whole when no data waits to be read, and
    /// otherwise dropped with a duplicate ACK that reports none of it in a SACK block.
    bool overWindowWhole {false};
    /// Report duplicate segments with D-SACK blocks when SACK is in use: on (RFC 2883;
    /// Linux tcp_dsack = 1).
    bool dsack {true};
    /// The last urgent byte leaves the stream (a socket without SO_OOBINLINE on Linux:
    /// tcp_check_urg(), tcp_urg(), tcp_recvmsg()): Receive() stops before it and then skips
    /// it, ReceiveUrgent() returns it once. Off: urgent data is delivered in line with the
    /// rest of the stream (RFC 9293 §3.8.5 and RFC 6093 §3 give it no separate channel;
    /// RFC 6093 §6 asks applications to read it in line).
    bool urgentOutOfBand {false};
    /// F-RTO after a retransmission timeout: on the first ACK that advances SND.UNA send
    /// new data instead of retransmitting, and call the timeout spurious when the next ACK
    /// acknowledges data sent before it (RFC 5682: §3.1 with SACK, §2.1 without). A
    /// spurious timeout's reduction is undone as Linux tcp_try_undo_loss() does. Off, so a
    /// timeout is answered as RFC 5681 §3.1 and RFC 6298 §5 say (Linux tcp_frto = 2, the
    /// SACK-enhanced variant, is on).
    bool frto {false};
    /// Undo a cwnd reduction that proves spurious (Linux undoes always, tcp_input.c
    /// tcp_try_undo_recovery(), tcp_try_undo_partial(), tcp_try_undo_dsack(),
    /// tcp_try_undo_loss()): when D-SACKs report every retransmission as a duplicate (RFC
    /// 3708 §3) or an ACK echoes a timestamp older than the first retransmission (Eifel,
    /// RFC 3522), cwnd = max(cwnd, prior cwnd) and ssthresh = max(ssthresh, prior
    /// ssthresh). Off: RFC 5681 keeps every reduction.
    bool undo {false};
    /// Keepalive probes on an idle connection: off (RFC 9293 §3.8.4 MUST-25: off by
    /// default; Linux without SO_KEEPALIVE).
    bool keepAlive {false};
    /// Idle time before the first keepalive probe: 2 h (RFC 9293 §3.8.4 MUST-28: at least
    /// 2 h; Linux tcp_keepalive_time = 7200 s).
    Time keepAliveIdle {Seconds(7200)};
    /// Time between unanswered keepalive probes: 75 s (Linux tcp_keepalive_intvl; RFC 1122
    /// §4.2.3.6 names no value).
    Time keepAliveInterval {Seconds(75)};
    /// Unanswered keepalive probes before the connection times out: 9 (Linux
    /// tcp_keepalive_probes).
    uint32_t keepAliveProbes {9};
    /// TS.Recent is no longer trusted for PAWS after this long without an update: 24 days
    /// (RFC 7323 §5.5; Linux TCP_PAWS_24DAYS).
    Time pawsIdleLimit {Days(24)};
};

} // namespace ns3

#endif /* FULLTCP_CONFIG_H */
