/*
 * Helper: Rfc() and Linux() attribute values, each with its RFC section or Linux constant
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-profile.h"

#include "fulltcp-helper.h"
#include "fulltcp-internet-stack-helper.h"

#include "ns3/boolean.h"
#include "ns3/nstime.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

namespace
{

/// The RFC values on a helper of either kind (FullTcpHelper, FullTcpInternetStackHelper).
/// \param h the helper
template<class Helper>
void
RfcValues(Helper& h)
{
    // ns3::TcpSocket's defaults that are ns-3 conventions rather than RFC values:
    // initial RTO 1 s (RFC 6298 §2.1; ns-3 ConnTimeout is 3 s),
    h.SetSocketAttribute("ConnTimeout", TimeValue(Seconds(1)));
    // the MSS from the interface MTU (RFC 9293 §3.7.1; ns-3 SegmentSize caps it at 536),
    h.SetSocketAttribute("SegmentSize", UintegerValue(65535));
    // Nagle's algorithm on (RFC 9293 §3.7.4 SHLD-7; ns-3 TcpNoDelay is true),
    h.SetSocketAttribute("TcpNoDelay", BooleanValue(false));
    // R2 of data at least 100 s (RFC 9293 §3.8.3 SHLD-11; ns-3 DataRetries is 6, which
    // gives up after about 63 s with a 1 s RTO): 15 retransmissions, as Linux tcp_retries2.
    h.SetSocketAttribute("DataRetries", UintegerValue(15));
}

/// Linux's values on a helper of either kind. \param h the helper
template<class Helper>
void
LinuxValues(Helper& h)
{
    RfcValues(h);
    // Timers (include/net/tcp.h).
    h.SetSocketAttribute("MinRto", TimeValue(MilliSeconds(200)));       // TCP_RTO_MIN
    h.SetSocketAttribute("MaxRto", TimeValue(Seconds(120)));            // TCP_RTO_MAX
    h.SetSocketAttribute("Msl", TimeValue(Seconds(30)));                // TCP_TIMEWAIT_LEN = 60 s
    h.SetSocketAttribute("DelAckTimeout", TimeValue(MilliSeconds(40))); // TCP_DELACK_MIN
    h.SetSocketAttribute("FinWait2Timeout", TimeValue(Seconds(60)));    // TCP_FIN_TIMEOUT
    h.SetSocketAttribute("FinWait2RtoFloor", BooleanValue(true));       // tcp_fin_time()
    h.SetSocketAttribute("FallbackRto", TimeValue(Seconds(3)));         // TCP_TIMEOUT_FALLBACK
    // The RTO as tcp_rtt_estimator() and tcp_set_rto() compute it, in jiffies (HZ = 250).
    h.SetSocketAttribute("RtoEstimator", StringValue("Linux"));
    h.SetSocketAttribute("ClockGranularity", TimeValue(MilliSeconds(4)));
    // Retries (sysctls tcp_syn_retries, tcp_synack_retries, tcp_retries2);
    h.SetSocketAttribute("ConnCount", UintegerValue(6));
    // tcp_syn_linear_timeouts = 4 (Linux 6.5+): the first four SYN timeouts keep 1 s.
    h.SetSocketAttribute("SynLinearTimeouts", UintegerValue(4));
    // A bad ACK in SYN_SENT brings the SYN again after TCP_TIMEOUT_MIN (2 jiffies, HZ = 250).
    h.SetSocketAttribute("SynSentBadAckRetry", TimeValue(MilliSeconds(8)));
    // A simultaneous open's SYN-ACK is the SYN again with ACK set (tcp_send_synack()).
    h.SetSocketAttribute("SimultaneousOpenRepeatsSyn", BooleanValue(true));
    h.SetSocketAttribute("LinuxIcmpOpen", BooleanValue(true)); // tcp_v4_err(), tcp_req_err()
    h.SetSocketAttribute("SynAckRetries", UintegerValue(5));
    // The SYN-ACK answering a duplicate SYN restarts the SYN-ACK timer (tcp_check_req()).
    h.SetSocketAttribute("DuplicateSynRestartsTimer", BooleanValue(true));
    h.SetSocketAttribute("DataRetries", UintegerValue(15));
    // ... as a time since the first retransmission, tcp_orphan_retries = 0 (8) for a closed
    // connection, keepalive ending with a RST (tcp_write_timeout(), tcp_probe_timer(),
    // tcp_keepalive_timer()).
    h.SetSocketAttribute("GiveUp", StringValue("Linux"));
    h.SetSocketAttribute("OrphanRetries", UintegerValue(0));
    // RFC 5961 §7 throttle: tcp_invalid_ratelimit = 500 ms; RST in TIME_WAIT closes it
    // (tcp_rfc1337 = 0).
    h.SetSocketAttribute("ChallengeAckInterval", TimeValue(MilliSeconds(500)));
    // An ACK below SND.UNA - min(max_window, bytes_acked) is too old (tcp_ack()).
    h.SetSocketAttribute("AckTooOldBytesAcked", BooleanValue(true));
    // A duplicate ACK never shrinks the send window (tcp_may_update_window()).
    h.SetSocketAttribute("LinuxWindowUpdate", BooleanValue(true));
    h.SetSocketAttribute("Rfc1337", BooleanValue(false));
    // A new SYN finding no listener gets the TIME_WAIT ACK (tcp_v4_rcv(): TCP_TW_SYN falls
    // through to TCP_TW_ACK).
    h.SetSocketAttribute("TimeWaitSynNoListenerAck", BooleanValue(true));
    // TIME_WAIT as tcp_timewait_state_process(): a bare ACK or RST at RCV.NXT only, no
    // challenge ACKs.
    h.SetSocketAttribute("LinuxTimeWait", BooleanValue(true));
    // net.ipv4.tcp_fastopen = TFO_CLIENT_ENABLE (1) in a fresh netns: client only.
    h.SetSocketAttribute("FastOpen", UintegerValue(1));
    // A RST after the peer's FIN: read() returns 0, the error (EPIPE in CLOSE_WAIT) waits
    // (tcp_reset(), tcp_recvmsg()).
    h.SetSocketAttribute("ResetAfterFinIsEndOfStream", BooleanValue(true));
    // Zero-window probes without data, <SEQ=SND.UNA-1> (tcp_xmit_probe_skb()).
    h.SetSocketAttribute("ZeroWindowProbeData", BooleanValue(false));
    // Nagle waits for the ACK of the last small segment only (tcp_minshall_check()).
    h.SetSocketAttribute("MinshallNagle", BooleanValue(true));
    // A segment with an MD5 signature option and no key for the peer is dropped
    // (tcp_inbound_md5_hash(): SKB_DROP_REASON_TCP_MD5UNEXPECTED).
    h.SetSocketAttribute("DropUnexpectedMd5", BooleanValue(true));
    // A write is queued in blocks of sk_gso_max_size (GSO_LEGACY_MAX_SIZE 65536 less
    // MAX_TCP_HEADER + 1, 321 on x86-64), half the peer's largest window at most, and a long
    // write gets PSH once half that window is unpushed (tcp_sendmsg_locked(), forced_push()).
    h.SetSocketAttribute("PushBlockSize", UintegerValue(65215));
    // GSO packets of tcp_tso_autosize() segments, at least tcp_min_tso_segs = 2, each with
    // PSH on its last segment (__tcp_transmit_skb()).
    h.SetSocketAttribute("MinTsoSegs", UintegerValue(2));
    // cwnd grows only while the round's flight used it (tcp_cwnd_validate(),
    // tcp_is_cwnd_limited()), by what each ACK newly delivered (tcp_cong_control()), and
    // restarts after an idle RTO (tcp_slow_start_after_idle = 1, tcp_cwnd_restart()).
    h.SetSocketAttribute("CwndValidation", BooleanValue(true));
    h.SetSocketAttribute("CwndGrowsByDelivered", BooleanValue(true));
    h.SetSocketAttribute("CwndWholeSegments", BooleanValue(true)); // snd_cwnd in packets
    h.SetSocketAttribute("SlowStartAfterIdle", BooleanValue(true));
    // The congestion control times each ACK from the send time of the newest segment it
    // delivered (tcp_clean_rtx_queue() ca_rtt_us, tcp_sacktag_one() last_sackt).
    h.SetSocketAttribute("AckRttFromSendTimes", BooleanValue(true));
    // A segment ending beyond the receive window is taken whole if nothing waits to be read,
    // else dropped with a duplicate ACK (tcp_sequence(), Linux 6.17+).
    h.SetSocketAttribute("OverWindowWhole", BooleanValue(true));
    // No SO_OOBINLINE: the urgent byte leaves the stream for recv(MSG_OOB) (tcp_urg()).
    h.SetSocketAttribute("UrgentOutOfBand", BooleanValue(true));
    // After shutdown(SHUT_RD) data is still queued and read (tcp_shutdown() only marks it).
    h.SetSocketAttribute("ReadAfterShutdownRecv", BooleanValue(true));
    // Options on the SYN (tcp_timestamps, tcp_sack, tcp_window_scaling, tcp_dsack = 1),
    // laid out as tcp_options_write() does; MSS from the MTU (1460 on 1500 bytes).
    h.SetSocketAttribute("Timestamps", BooleanValue(true));
    h.SetSocketAttribute("Sack", BooleanValue(true));
    h.SetSocketAttribute("Dsack", BooleanValue(true));
    h.SetSocketAttribute("WindowScaling", BooleanValue(true));
    // Windows as Linux chooses them: tcp_rmem = 4096 131072 33554432, the buffer starting at
    // tcp_rmem[1] (initial window 64240 = 44 * 1460) and auto-tuned up to tcp_rmem[2], from
    // which the window scale comes (tcp_select_initial_window(): 10). TCP_INIT_CWND = 10,
    // quick ACKs at connection start (TCP_MAX_QUICKACKS = 16), tcp_reordering = 3.
    h.SetSocketAttribute("ReceiveWindow", StringValue("Linux"));
    h.SetSocketAttribute("RcvBufSize", UintegerValue(131072));
    h.SetSocketAttribute("RcvBufMax", UintegerValue(33554432));
    h.SetSocketAttribute("InitialCwnd", UintegerValue(10));
    h.SetSocketAttribute("QuickAcks", UintegerValue(16));
    h.SetSocketAttribute("DupThresh", UintegerValue(3));
    // Loss and congestion as Linux 6.18 runs them (doc/loss-recovery.rst):
    // tcp_congestion_control = cubic with HyStart (tcp_cubic.c hystart = 1, both detectors);
    h.SetSocketAttribute("CongestionControl", StringValue("Cubic"));
    h.SetSocketAttribute("CubicHystart", StringValue("Linux"));
    // tcp_recovery = 1 (RACK loss detection) with tail loss probes (tcp_early_retrans = 3);
    h.SetSocketAttribute("Recovery", StringValue("Rack"));
    h.SetSocketAttribute("Tlp", BooleanValue(true));
    // F-RTO after a timeout (tcp_frto = 2, the SACK-enhanced variant) and undo of spurious
    // reductions from D-SACKs and timestamps (tcp_try_undo_*(), always on, no sysctl);
    h.SetSocketAttribute("Frto", BooleanValue(true));
    h.SetSocketAttribute("Undo", BooleanValue(true));
    // PRR for every window reduction (tcp_cwnd_reduction(), since Linux 3.2; no sysctl);
    h.SetSocketAttribute("Prr", BooleanValue(true));
    // ... as Linux 6.18 tcp_cwnd_reduction() computes it: RecoverFS = prior_cwnd, in packets.
    h.SetSocketAttribute("PrrVariant", StringValue("Linux"));
    // tcp_ecn = 2: answer an ECN-setup SYN, never ask;
    h.SetSocketAttribute("Ecn", StringValue("Passive"));
    // no pacing inside TCP: CUBIC does not ask for it (sk_pacing_status stays
    // SK_PACING_NONE) and the fq qdisc that would pace is not modelled.
    h.SetSocketAttribute("Pacing", BooleanValue(false));
    // Keepalive: off until SO_KEEPALIVE; 7200 s, 75 s, 9 probes (TCP_KEEPALIVE_TIME,
    // TCP_KEEPALIVE_INTVL, TCP_KEEPALIVE_PROBES).
    h.SetSocketAttribute("KeepAliveIdle", TimeValue(Seconds(7200)));
    h.SetSocketAttribute("KeepAliveInterval", TimeValue(Seconds(75)));
    h.SetSocketAttribute("KeepAliveProbes", UintegerValue(9));
}

} // namespace

void
FullTcpProfile::Rfc(FullTcpHelper& helper)
{
    RfcValues(helper);
}

void
FullTcpProfile::Linux(FullTcpHelper& helper)
{
    LinuxValues(helper);
}

void
FullTcpProfile::Rfc(FullTcpInternetStackHelper& helper)
{
    RfcValues(helper);
}

void
FullTcpProfile::Linux(FullTcpInternetStackHelper& helper)
{
    LinuxValues(helper);
}

bool
FullTcpProfile::Apply(FullTcpHelper& helper, const std::string& name)
{
    if (name == "rfc")
    {
        Rfc(helper);
        return true;
    }
    if (name == "linux")
    {
        Linux(helper);
        return true;
    }
    return false;
}

} // namespace ns3
