/*
 * Node: FullTcpSocket TypeId, attributes and trace sources
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpSocket: TypeId, attributes and trace sources; the accessors the attributes use are
 * in fulltcp-socket-accessors.cc, construction and the fork copy in fulltcp-socket.cc.
 */
#include "fulltcp-socket.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/string.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSocketAttributes");
NS_OBJECT_ENSURE_REGISTERED(FullTcpSocket);

TypeId
FullTcpSocket::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FullTcpSocket")
            .SetParent<TcpSocket>()
            .SetGroupName("FullTcp")
            .AddConstructor<FullTcpSocket>()
            .AddAttribute("MaxRto",
                          "Cap on the backed-off retransmission timeout (Linux TCP_RTO_MAX; "
                          "RFC 6298 §2.5 allows a cap of at least 60 s).",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&FullTcpSocket::m_maxRto),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute(
                "ReceiveWindow",
                "How the receive window is chosen: \"Rfc\" (the free space of RcvBufSize, "
                "opened by at least min(RcvBufSize / 2, MSS), RFC 9293 §3.8.6.2.2; the window "
                "scale is the smallest that covers RcvBufSize, RFC 7323 §2.3) or \"Linux\" "
                "(Linux 6.18: rcv_ssthresh grown per segment, skb truesize accounting, the "
                "buffer auto-tuned from RcvBufSize up to RcvBufMax, the window scale from "
                "RcvBufMax; tcp_select_window(), tcp_rcv_space_adjust()). An unknown name is "
                "refused.",
                StringValue("Rfc"),
                MakeStringAccessor(&FullTcpSocket::SetReceiveWindow,
                                   &FullTcpSocket::GetReceiveWindow),
                MakeStringChecker())
            .AddAttribute("RcvBufMax",
                          "Largest receive buffer of the \"Linux\" ReceiveWindow, in bytes, and "
                          "what its window scale covers: 33554432 (Linux 6.18 tcp_rmem[2], "
                          "window scale 10).",
                          UintegerValue(33554432),
                          MakeUintegerAccessor(&FullTcpSocket::m_rcvBufMax),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("SynLinearTimeouts",
                          "SYN_SENT timeouts that keep the RTO instead of doubling it; each "
                          "adds one SYN retransmission to ConnCount (Linux 6.5+ sysctl "
                          "tcp_syn_linear_timeouts, 4). 0: RFC 6298 §5.5 backs off from the "
                          "first timeout.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FullTcpSocket::m_synLinearTimeouts),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("SynSentBadAckRetry",
                          "In SYN_SENT, before any retransmission, a segment whose ACK does not "
                          "acknowledge the SYN re-arms the SYN's timer to this delay, so the "
                          "SYN goes again soon (Linux tcp_rcv_synsent_state_process(): "
                          "TCP_TIMEOUT_MIN, 2 jiffies, 8 ms at HZ = 250). 0: the SYN waits its "
                          "RTO (RFC 9293 §3.10.7.3).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&FullTcpSocket::m_synSentBadAckRetry),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("SimultaneousOpenRepeatsSyn",
                          "In a simultaneous open the SYN-ACK carries our SYN's options again, "
                          "whatever the peer offered (Linux tcp_send_synack()). False: only "
                          "what both offered (RFC 7323 §3.2, RFC 2018 §2).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_simultaneousOpenRepeatsSyn),
                          MakeBooleanChecker())
            .AddAttribute("LinuxIcmpOpen",
                          "ICMP errors during an open as Linux tcp_v4_err() treats them: a "
                          "path MTU drop quoting a SYN with data resends the SYN at once "
                          "without data, offering the new MSS (tcp_simple_retransmit()); in "
                          "SYN_RCVD, net/host unreachable, time exceeded or parameter problem "
                          "drops a connection request (tcp_req_err()) and any error ends a "
                          "Fast Open child (tcp_done_with_error()). False: RFC 1122 "
                          "§4.2.3.9, soft errors never abort.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_linuxIcmpOpen),
                          MakeBooleanChecker())
            .AddAttribute("SynAckRetries",
                          "Retransmissions of a SYN-ACK before a half-open connection is "
                          "dropped (Linux tcp_synack_retries).",
                          UintegerValue(5),
                          MakeUintegerAccessor(&FullTcpSocket::m_synAckRetries),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("DuplicateSynRestartsTimer",
                          "In SYN_RCVD the SYN-ACK answering the peer's SYN again restarts the "
                          "SYN-ACK's retransmission timer with the current RTO (Linux "
                          "tcp_check_req()). False: the timer keeps its schedule (RFC 6298 "
                          "§5.1).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_duplicateSynRestartsTimer),
                          MakeBooleanChecker())
            .AddAttribute("Msl",
                          "Maximum Segment Lifetime; TIME_WAIT lasts 2*Msl (RFC 9293 §3.4.2, "
                          "MUST-13). 0 skips TIME_WAIT.",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&FullTcpSocket::m_msl),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("FinWait2Timeout",
                          "How long an orphaned FIN_WAIT_2 waits for the peer's FIN (Linux "
                          "tcp_fin_timeout).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&FullTcpSocket::SetFinWait2Timeout,
                                           &FullTcpSocket::GetFinWait2Timeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("FinWait2RtoFloor",
                          "The orphaned FIN_WAIT_2 lasts at least 3.5 RTO (Linux tcp_fin_time()). "
                          "False: FinWait2Timeout alone.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_finWait2RtoFloor),
                          MakeBooleanChecker())
            .AddAttribute("PersistFromRto",
                          "The first zero-window probe waits one RTO (RFC 9293 §3.8.6.1 "
                          "SHLD-29; Linux tcp_probe0_base()). False: it waits ns3::TcpSocket's "
                          "PersistTimeout, as ns-3's TcpSocketBase does (for side-by-side "
                          "comparisons). Later probes back off exponentially either way.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FullTcpSocket::m_persistFromRto),
                          MakeBooleanChecker())
            .AddAttribute("GiveUp",
                          "When to give up on an unanswered peer: \"Rfc9293\" (§3.8.3: after "
                          "DataRetries retransmissions, or the UserTimeout since the last "
                          "progress) or \"Linux\" (Linux 6.18 tcp_write_timeout(), "
                          "tcp_probe_timer(), tcp_keepalive_timer(): DataRetries as the time "
                          "that many retransmissions doubling from MinRto take, counted, as the "
                          "UserTimeout, from the first retransmission; OrphanRetries for a "
                          "closed connection; the UserTimeout in SYN_SENT too; zero-window "
                          "probes backing off at most DataRetries times and ending at the "
                          "UserTimeout from the first probe; keepalive ending with a RST, on "
                          "the UserTimeout when set). An unknown name is refused.",
                          StringValue("Rfc9293"),
                          MakeStringAccessor(&FullTcpSocket::SetGiveUp, &FullTcpSocket::GetGiveUp),
                          MakeStringChecker())
            .AddAttribute("OrphanRetries",
                          "With GiveUp \"Linux\": the DataRetries of a connection the "
                          "application closed; 0 means 8 while the RTO is below MaxRto (Linux "
                          "tcp_orphan_retries, tcp_orphan_retries()).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FullTcpSocket::m_orphanRetries),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MinshallNagle",
                          "Nagle holds a small segment only while an earlier small segment is "
                          "unacknowledged (Minshall's variant, Linux tcp_minshall_check(); the "
                          "Linux profile). False: while any data is (RFC 896, RFC 9293 §3.7.4).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_minshallNagle),
                          MakeBooleanChecker())
            .AddAttribute("DropUnexpectedMd5",
                          "Drop a segment with a TCP MD5 option (RFC 2385), FullTcp holding no "
                          "keys (Linux tcp_inbound_md5_hash(); the Linux profile). False: the "
                          "option is ignored as not implemented (RFC 9293 MUST-64).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_dropUnexpectedMd5),
                          MakeBooleanChecker())
            .AddAttribute("ZeroWindowProbeData",
                          "A zero-window probe with nothing in flight carries one octet of new "
                          "data (RFC 9293 §3.8.6.1). False: no data, <SEQ=SND.UNA-1><ACK>, as "
                          "Linux tcp_xmit_probe_skb() (the Linux profile); and, as Linux "
                          "tcp_write_wakeup(), what the persist timer sends into an open window "
                          "gets PSH.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FullTcpSocket::m_zeroWindowProbeData),
                          MakeBooleanChecker())
            .AddAttribute("Rfc1337",
                          "Ignore RST in TIME_WAIT (RFC 1337 fix F1; Linux tcp_rfc1337 = 0).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_rfc1337),
                          MakeBooleanChecker())
            .AddAttribute("TimeWaitSynNoListenerAck",
                          "In TIME_WAIT a new SYN (RFC 6191) finding no listener on the port "
                          "gets the TIME_WAIT ACK and TIME_WAIT goes on (Linux tcp_v4_rcv(), "
                          "TCP_TW_SYN). False: TIME_WAIT ends and the SYN draws a RST (RFC 9293 "
                          "§3.10.7.1).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_timeWaitSynNoListenerAck),
                          MakeBooleanChecker())
            .AddAttribute("LinuxTimeWait",
                          "TIME_WAIT judges segments as Linux tcp_timewait_state_process(): "
                          "only a bare ACK or a RST at exactly RCV.NXT is in window (the ACK "
                          "restarts TIME_WAIT silently), other RSTs are ignored without a "
                          "challenge ACK, everything else gets the (rate-limited) TIME_WAIT "
                          "ACK. False: RFC 9293 §3.10.7.4 with RFC 5961.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_linuxTimeWait),
                          MakeBooleanChecker())
            .AddAttribute("ChallengeAckInterval",
                          "Minimum interval between two challenge ACKs of a connection (RFC "
                          "5961 §7; Linux tcp_invalid_ratelimit). 0: no limit.",
                          TimeValue(MilliSeconds(500)),
                          MakeTimeAccessor(&FullTcpSocket::m_challengeAckInterval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("AckTooOldBytesAcked",
                          "An ACK is too old (challenge ACK, dropped) below SND.UNA minus the "
                          "smaller of MAX.SND.WND and the bytes acknowledged so far (Linux "
                          "tcp_ack(): max_window bounded by bytes_acked). False: SND.UNA - "
                          "MAX.SND.WND (RFC 5961 §5.2).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_ackTooOldBytesAcked),
                          MakeBooleanChecker())
            .AddAttribute("LinuxWindowUpdate",
                          "An ACK changes SND.WND as Linux tcp_may_update_window() allows: it "
                          "moves SND.UNA, comes from a newer segment, or from the same one "
                          "offers a larger or zero window (a duplicate ACK never shrinks it). "
                          "False: the SND.WL1/SND.WL2 rule (RFC 9293 §3.10.7.4).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_linuxWindowUpdate),
                          MakeBooleanChecker())
            .AddAttribute("MinSndMss",
                          "Floor of the send MSS whatever the peer announces, before the "
                          "timestamp bytes come off (Linux tcp_min_snd_mss, "
                          "__tcp_mtu_to_mss()).",
                          UintegerValue(48),
                          MakeUintegerAccessor(&FullTcpSocket::m_minSndMss),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Sack",
                          "Offer SACK-permitted on SYNs (RFC 2018; Linux tcp_sack = 1).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FullTcpSocket::m_sack),
                          MakeBooleanChecker())
            .AddAttribute("Timestamps",
                          "Offer timestamps on SYNs (RFC 7323 §3; Linux tcp_timestamps = 1).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FullTcpSocket::m_timestamps),
                          MakeBooleanChecker())
            .AddAttribute("WindowScaling",
                          "Offer window scaling on SYNs (RFC 7323 §2; Linux "
                          "tcp_window_scaling = 1).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FullTcpSocket::m_windowScaling),
                          MakeBooleanChecker())
            .AddAttribute("SynQueueLimit",
                          "Most half-open (SYN_RCVD) children of a listener; more SYNs are "
                          "dropped or answered with SYN cookies (Linux: listen() backlog "
                          "capped by net.core.somaxconn = 4096).",
                          UintegerValue(4096),
                          MakeUintegerAccessor(&FullTcpSocket::SetSynQueueLimit,
                                               &FullTcpSocket::GetSynQueueLimit),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("FastOpen",
                          "TCP Fast Open (RFC 7413) as Linux's net.ipv4.tcp_fastopen flags: 0x1 "
                          "client, 0x2 server, 0x200 server accepts data without a cookie, "
                          "0x400 listeners take Fast Open without TCP_FASTOPEN (queue = "
                          "backlog). RFC profile 0 (Fast Open is opt-in, RFC 7413 §1); Linux "
                          "1 (TFO_CLIENT_ENABLE, a fresh netns).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FullTcpSocket::m_fastOpen),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("FastOpenConnect",
                          "connect() of a Fast Open client returns at once when a cookie is "
                          "cached and the first send's bytes ride on the SYN; without a cookie "
                          "the SYN asks for one (Linux TCP_FASTOPEN_CONNECT, "
                          "tcp_fastopen_defer_connect(); needs FastOpen's client flag 0x1). "
                          "Default false: connect() sends a plain SYN.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_fastOpenConnect),
                          MakeBooleanChecker())
            .AddAttribute("FastOpenKey",
                          "The server's cookie secret as Linux's net.ipv4.tcp_fastopen_key: "
                          "`w-w-w-w` (four 32-bit hex words), optionally `,w-w-w-w` a backup key "
                          "still accepted. Empty: a random secret of the node (Linux makes a "
                          "random key at first use, tcp_fastopen_init_key_once()).",
                          StringValue(""),
                          MakeStringAccessor(&FullTcpSocket::m_fastOpenKey),
                          MakeStringChecker())
            .AddAttribute("FastOpenQueue",
                          "A listener's Fast Open queue: most Fast Open children in SYN_RCVD "
                          "(Linux setsockopt TCP_FASTOPEN, fastopen_queue_tune(): max_qlen, "
                          "capped by somaxconn 4096). 0: no Fast Open on this listener unless "
                          "FastOpen has 0x400 (then listen() sets it to AcceptQueueLimit).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FullTcpSocket::m_fastOpenMaxQueue),
                          MakeUintegerChecker<uint32_t>(0, 4096))
            .AddAttribute("AcceptQueueLimit",
                          "Most established children a listener holds for the application "
                          "(Linux: listen() backlog capped by net.core.somaxconn = 4096).",
                          UintegerValue(4096),
                          MakeUintegerAccessor(&FullTcpSocket::SetAcceptQueueLimit,
                                               &FullTcpSocket::GetAcceptQueueLimit),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute(
                "SynCookies",
                "Answer SYNs with SYN cookies when the SYN queue is full (RFC 4987 "
                "§3.6; Linux tcp_syncookies = 1).",
                BooleanValue(true),
                MakeBooleanAccessor(&FullTcpSocket::SetSynCookies, &FullTcpSocket::GetSynCookies),
                MakeBooleanChecker())
            .AddAttribute("MinRto",
                          "Lower bound of a computed RTO (RFC 6298 §2.4: 1 s; Linux TCP_RTO_MIN "
                          "is 200 ms).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&FullTcpSocket::m_minRto),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("RtoEstimator",
                          "How the RTO follows the RTT samples: \"Rfc6298\" (§2: RTO = "
                          "max(MinRto, SRTT + max(G, 4 RTTVAR))) or \"Linux\" (Linux 6.18 "
                          "tcp_rtt_estimator(), tcp_set_rto(): SRTT + max(mdev, MinRto) over "
                          "each window of data, so never below SRTT + MinRto; rounded up to "
                          "ClockGranularity, Linux's jiffy). An unknown name is refused.",
                          StringValue("Rfc6298"),
                          MakeStringAccessor(&FullTcpSocket::SetRtoEstimator,
                                             &FullTcpSocket::GetRtoEstimator),
                          MakeStringChecker())
            .AddAttribute("ClockGranularity",
                          "Clock granularity G of RTO = SRTT + max(G, 4*RTTVAR) (RFC 6298 §2.3; "
                          "ns-3 TcpSocketBase ClockGranularity).",
                          TimeValue(MilliSeconds(1)),
                          MakeTimeAccessor(&FullTcpSocket::m_clockGranularity),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("FallbackRto",
                          "RTO when data starts after a retransmitted SYN or SYN-ACK gave no "
                          "RTT sample (RFC 6298 §5.7; Linux TCP_TIMEOUT_FALLBACK).",
                          TimeValue(Seconds(3)),
                          MakeTimeAccessor(&FullTcpSocket::m_fallbackRto),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute(
                "UserTimeout",
                "Give up when data stays unacknowledged this long (RFC 9293 §3.8.3 "
                "USER TIMEOUT, RFC 5482). 0: only DataRetries counts (Linux "
                "TCP_USER_TIMEOUT = 0). Set on an open connection, the next "
                "retransmission timeout applies it (as Linux).",
                TimeValue(Seconds(0)),
                MakeTimeAccessor(&FullTcpSocket::SetUserTimeout, &FullTcpSocket::GetUserTimeout),
                MakeTimeChecker(Seconds(0)))
            .AddAttribute("QuickAcks",
                          "Data segments acknowledged at once at connection start (Linux "
                          "TCP_MAX_QUICKACKS). 0 disables quick-ACK mode.",
                          UintegerValue(16),
                          MakeUintegerAccessor(&FullTcpSocket::m_quickAcks),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("DupThresh",
                          "Duplicate ACKs that signal a loss (RFC 5681 §3.2, RFC 6675 §2; Linux "
                          "tcp_reordering = 3).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&FullTcpSocket::m_dupThresh),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("LimitedTransmit",
                          "Send new data on the first DupThresh-1 duplicate ACKs (RFC 3042).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FullTcpSocket::m_limitedTransmit),
                          MakeBooleanChecker())
            .AddAttribute(
                "CongestionControl",
                "Congestion control algorithm by registered name (\"NewReno\": RFC "
                "5681, RFC 6582; ns-3's default TcpNewReno), or any of ns-3's "
                "TcpCongestionOps by TypeId name (\"ns3::TcpCubic\", also "
                "\"TcpCubic\"; TcpCubic::GetTypeId().GetName()), driven by FullTcpNs3Congestion; "
                "algorithms with CongControl (TcpBbr) get FullTcp's rate samples and pace "
                "at their own rate. An unknown name is refused: SetAttribute fails, "
                "SetAttributeFailSafe returns false, and the known names are printed.",
                StringValue("NewReno"),
                MakeStringAccessor(&FullTcpSocket::SetCongestionControl,
                                   &FullTcpSocket::GetCongestionControl),
                MakeStringChecker())
            .AddAttribute(
                "Recovery",
                "Loss recovery algorithm by registered name, used when SACK is "
                "negotiated (\"Sack\": RFC 6675, as Linux with tcp_sack = 1); "
                "without SACK a connection uses \"NewReno\" (RFC 6582). An unknown "
                "name is refused as for CongestionControl.",
                StringValue("Sack"),
                MakeStringAccessor(&FullTcpSocket::SetRecovery, &FullTcpSocket::GetRecovery),
                MakeStringChecker())
            .AddAttribute(
                "CubicHystart",
                "How CongestionControl \"Cubic\" leaves slow start: \"Linux\" (Linux "
                "tcp_cubic.c HyStart, ACK train and delay increase; its defaults hystart = 1, "
                "hystart_detect = 3), \"HyStart++\" (RFC 9406) or \"None\" (only a loss "
                "ends slow start). Other algorithms ignore it. An unknown name is refused as "
                "for CongestionControl.",
                StringValue("Linux"),
                MakeStringAccessor(&FullTcpSocket::SetCubicHystart,
                                   &FullTcpSocket::GetCubicHystart),
                MakeStringChecker())
            .AddAttribute("Prr",
                          "Proportional Rate Reduction (RFC 9937, which obsoletes RFC 6937; "
                          "which one: PrrVariant) sets cwnd during fast recovery, with SACK "
                          "(RFC 6675) and without (RFC 6582). Off: RFC 5681 §3.2, RFC 6582 and "
                          "RFC 6675 set it (Linux recovers with PRR, tcp_cwnd_reduction()).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_prr),
                          MakeBooleanChecker())
            .AddAttribute(
                "PrrVariant",
                "Which PRR when Prr is on: \"Rfc9937\" (RFC 9937 §6, in bytes: RecoverFS = "
                "SND.NXT - SND.UNA less what was SACKed before recovery, PRR-CRB, PRR-SSRB "
                "only on a safe ACK) or \"Linux\" (Linux 6.18 tcp_cwnd_reduction(), in "
                "segments: RecoverFS = cwnd before the reduction, the proportional share "
                "rounded up). An unknown name is refused.",
                StringValue("Rfc9937"),
                MakeStringAccessor(&FullTcpSocket::SetPrrVariant, &FullTcpSocket::GetPrrVariant),
                MakeStringChecker())
            .AddAttribute("Frto",
                          "F-RTO after a retransmission timeout (RFC 5682: the SACK-enhanced "
                          "algorithm of §3.1 with SACK, §2.1 without): new data instead of "
                          "retransmissions on the first ACK, and a timeout the next ACK shows "
                          "spurious is undone (Linux tcp_try_undo_loss()). Off: RFC 5681 §3.1 "
                          "and RFC 6298 §5 (Linux tcp_frto = 2).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_frto),
                          MakeBooleanChecker())
            .AddAttribute("Undo",
                          "Undo a cwnd reduction that proves spurious: D-SACKs for every "
                          "retransmission (RFC 3708) or an ACK echoing a timestamp older than "
                          "the first retransmission (Eifel, RFC 3522) restore cwnd and "
                          "ssthresh as Linux tcp_undo_cwnd_reduction() does. Off: RFC 5681 "
                          "keeps every reduction (Linux always undoes).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_undo),
                          MakeBooleanChecker())
            .AddAttribute("Pacing",
                          "Pace data segments inside TCP, as Linux's internal pacing "
                          "(tcp_pacing_check(), earliest departure time; Linux paces inside TCP "
                          "only when the congestion control asks, BBR, or SO_MAX_PACING_RATE is "
                          "set; with the fq qdisc the qdisc paces). Off: segments leave as the "
                          "windows allow. An algorithm that sets the pacing rate itself (ns-3's "
                          "TcpBbr) is paced either way.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_pacing),
                          MakeBooleanChecker())
            .AddAttribute("PacingSsRatio",
                          "Pacing rate while cwnd < ssthresh / 2, in percent of max(cwnd, "
                          "FlightSize) / SRTT (Linux tcp_pacing_ss_ratio, "
                          "tcp_update_pacing_rate()).",
                          UintegerValue(200),
                          MakeUintegerAccessor(&FullTcpSocket::m_pacingSsRatio),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("PacingCaRatio",
                          "Pacing rate otherwise, in percent of max(cwnd, FlightSize) / SRTT "
                          "(Linux tcp_pacing_ca_ratio).",
                          UintegerValue(120),
                          MakeUintegerAccessor(&FullTcpSocket::m_pacingCaRatio),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxPacingRate",
                          "Cap of the pacing rate; 0 bps: none (Linux sk_max_pacing_rate, "
                          "SO_MAX_PACING_RATE; unlimited by default).",
                          DataRateValue(DataRate(0)),
                          MakeDataRateAccessor(&FullTcpSocket::m_maxPacingRate),
                          MakeDataRateChecker())
            .AddAttribute("Tlp",
                          "Tail Loss Probe (RFC 8985 §7) with Recovery \"Rack\": a probe 2·SRTT "
                          "after the last transmission makes the peer report a lost tail before "
                          "the RTO (Linux tcp_early_retrans = 3, its default). Other recoveries "
                          "ignore it.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FullTcpSocket::m_tlp),
                          MakeBooleanChecker())
            .AddAttribute("Ecn",
                          "Explicit Congestion Notification (RFC 3168 §6.1), as Linux's sysctl "
                          "tcp_ecn: \"Off\" (tcp_ecn = 0), \"On\" (1: ask on active opens with "
                          "an ECN-setup SYN, answer passive ones) or \"Passive\" (2, Linux's "
                          "default: only answer). With ECN in use new data leaves ECT(0), CE "
                          "marks are echoed with ECE until CWR, and an ECE reduces the window "
                          "once per window of data (congestion state CWR). Off by default "
                          "(ns-3 TcpSocketBase UseEcn Off). An unknown name is refused as for "
                          "CongestionControl.",
                          StringValue("Off"),
                          MakeStringAccessor(&FullTcpSocket::SetEcn, &FullTcpSocket::GetEcn),
                          MakeStringChecker())
            .AddAttribute("Dsack",
                          "Report duplicate segments with D-SACK blocks (RFC 2883; Linux "
                          "tcp_dsack = 1).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FullTcpSocket::m_dsack),
                          MakeBooleanChecker())
            .AddAttribute("OverWindowWhole",
                          "A segment whose text starts inside the receive window and ends "
                          "beyond it is taken whole when no data waits to be read, and "
                          "otherwise dropped with a duplicate ACK (Linux 6.18 tcp_sequence()). "
                          "False: the part inside the window is taken (RFC 9293 §3.10.7.4).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_overWindowWhole),
                          MakeBooleanChecker())
            .AddAttribute("PushBlockSize",
                          "Linux's forced push: a write is queued in blocks of at most this "
                          "many bytes, bounded to half the peer's largest window and rounded "
                          "down to whole segments (tcp_xmit_size_goal()); a full block ending "
                          "more than half that window past the last PSH gets PSH too "
                          "(tcp_sendmsg_locked(), forced_push()). 0: PSH only at the end of "
                          "each write (RFC 9293 §3.9.1).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FullTcpSocket::m_pushBlockSize),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MinTsoSegs",
                          "Linux's GSO packets: new data leaves in packets of as many segments "
                          "as tcp_tso_autosize() gives from the pacing rate and the min RTT, at "
                          "least this many, within cwnd - FlightSize, half cwnd, the peer's "
                          "window and the queued block (tcp_write_xmit(), "
                          "tcp_mss_split_point()); a packet of more than one segment has PSH "
                          "on its last (__tcp_transmit_skb()). PushBlockSize is "
                          "sk_gso_max_size. 0: off, segments go one by one (RFC 9293). Linux "
                          "tcp_min_tso_segs = 2.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FullTcpSocket::m_minTsoSegs),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("CwndValidation",
                          "Linux's record of how the flight used cwnd (tcp_cwnd_validate()): "
                          "a round of data remembers whether it filled cwnd and its largest "
                          "flight; cwnd grows while it did, or in slow start while cwnd is "
                          "below twice that flight (tcp_is_cwnd_limited()). False: the "
                          "congestion control judges from the flight before each ACK "
                          "(RFC 9438 §5.8, RFC 7661).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_cwndValidation),
                          MakeBooleanChecker())
            .AddAttribute("CwndGrowsByDelivered",
                          "cwnd grows by the data an ACK newly delivered (Linux "
                          "tcp_cong_control(): acked_sacked): bytes SACKed before, or without "
                          "SACK one segment per earlier duplicate ACK (tcp_remove_reno_sacks()), "
                          "count no more. False: by the bytes newly acknowledged (RFC 5681 "
                          "§3.1).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_cwndGrowsByDelivered),
                          MakeBooleanChecker())
            .AddAttribute("CwndWholeSegments",
                          "The congestion control derives ssthresh from cwnd in whole segments, "
                          "as Linux's snd_cwnd counts packets and keeps the growth toward the "
                          "next in snd_cwnd_cnt (bictcp_recalc_ssthresh(), tcp_reno_ssthresh()). "
                          "False: from cwnd in bytes (RFC 9438 §4.6, RFC 5681 §3.1).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_cwndWholeSegments),
                          MakeBooleanChecker())
            .AddAttribute("SlowStartAfterIdle",
                          "A write after more than an RTO with nothing in flight halves cwnd "
                          "once per RTO of idleness, down to the initial window (Linux "
                          "tcp_slow_start_after_idle = 1, tcp_cwnd_restart()). False: cwnd "
                          "is kept.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_slowStartAfterIdle),
                          MakeBooleanChecker())
            .AddAttribute("AckRttFromSendTimes",
                          "The congestion control's RTT sample of an ACK is the age of the "
                          "newest never-retransmitted segment it newly delivered (Linux "
                          "tcp_clean_rtx_queue() ca_rtt_us: HyStart's delay samples). False: "
                          "the RTT measurement of RFC 7323 §4 or RFC 6298 §3.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_ackRttFromSendTimes),
                          MakeBooleanChecker())
            .AddAttribute("ReadAfterShutdownRecv",
                          "After ShutdownRecv() data still arrives, is acknowledged and can be "
                          "read; Recv() returns end of stream only once none is queued (Linux "
                          "tcp_shutdown() only sets RCV_SHUTDOWN). False: what is queued and "
                          "what arrives is discarded and Recv() returns end of stream (BSD).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_readAfterShutdownRecv),
                          MakeBooleanChecker())
            .AddAttribute("UrgentOutOfBand",
                          "The last urgent byte leaves the stream, as on a Linux socket without "
                          "SO_OOBINLINE (tcp_check_urg(), tcp_urg(), tcp_recvmsg()): a read "
                          "stops before it and then skips it; Recv() with MSG_OOB returns it "
                          "once. False: urgent data is read in line with the rest (RFC 9293 "
                          "§3.8.5, RFC 6093).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_urgentOutOfBand),
                          MakeBooleanChecker())
            .AddAttribute(
                "KeepAlive",
                "Send keepalive probes on an idle connection (RFC 9293 §3.8.4 MUST-25: "
                "off by default; Linux SO_KEEPALIVE). Turned on in an open "
                "connection, the first probe may come KeepAliveIdle later; off, "
                "none comes (Linux tcp_set_keepalive()).",
                BooleanValue(false),
                MakeBooleanAccessor(&FullTcpSocket::SetKeepAlive, &FullTcpSocket::GetKeepAlive),
                MakeBooleanChecker())
            .AddAttribute("KeepAliveIdle",
                          "Idle time before the first keepalive probe (RFC 9293 §3.8.4 MUST-28: "
                          "at least 2 h; Linux tcp_keepalive_time). Changed in an open "
                          "connection, what is left of it counts from the last segment "
                          "received (Linux tcp_sock_set_keepidle_locked()).",
                          TimeValue(Seconds(7200)),
                          MakeTimeAccessor(&FullTcpSocket::SetKeepAliveIdle,
                                           &FullTcpSocket::GetKeepAliveIdle),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("KeepAliveInterval",
                          "Time between unanswered keepalive probes (Linux "
                          "tcp_keepalive_intvl).",
                          TimeValue(Seconds(75)),
                          MakeTimeAccessor(&FullTcpSocket::SetKeepAliveInterval,
                                           &FullTcpSocket::GetKeepAliveInterval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("KeepAliveProbes",
                          "Unanswered keepalive probes before the connection times out (Linux "
                          "tcp_keepalive_probes).",
                          UintegerValue(9),
                          MakeUintegerAccessor(&FullTcpSocket::SetKeepAliveProbes,
                                               &FullTcpSocket::GetKeepAliveProbes),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("PawsIdleLimit",
                          "TS.Recent is no longer trusted for PAWS after this long idle (RFC 7323 "
                          "§5.5; Linux TCP_PAWS_24DAYS).",
                          TimeValue(Days(24)),
                          MakeTimeAccessor(&FullTcpSocket::m_pawsIdleLimit),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute(
                "TcpSocketBaseCallbacks",
                "Fire the socket callbacks when ns-3's TcpSocketBase fires them, for "
                "applications written against it: NormalClose as soon as the peer's FIN "
                "arrives in ESTABLISHED (TcpSocketBase::DoPeerClose(): \"the app should "
                "prepare to close\"), and the send callback right after ConnectionSucceeded "
                "and NewConnectionCreated (TcpSocketBase::ConnectionSucceeded(), "
                "ProcessSynRcvd()). NormalClose still fires at most once, a RST is still "
                "ErrorClose only and a refused connect still fails at once. False (FullTcp's "
                "default, POSIX: read() returns 0, close is the application's decision): the "
                "peer's FIN is end of stream on Recv and NormalClose comes when both FINs are "
                "acknowledged. FullTcpInternetStackHelper (the drop-in mode) sets it true.",
                BooleanValue(false),
                MakeBooleanAccessor(&FullTcpSocket::m_tcpSocketBaseCallbacks),
                MakeBooleanChecker())
            .AddAttribute(
                "ResetAfterFinIsEndOfStream",
                "A RST after the peer's FIN (CLOSE_WAIT, CLOSING, LAST_ACK) leaves the stream "
                "ended, as Linux: read() returns 0 and the error waits for the next write() "
                "or SO_ERROR; in CLOSE_WAIT it is ERROR_SHUTDOWN (EPIPE, tcp_reset()), in "
                "CLOSING and LAST_ACK ERROR_NOTCONN (ECONNRESET). False: every reset is "
                "\"connection reset\" (RFC 9293 §3.10.7.4), ERROR_NOTCONN, reported first.",
                BooleanValue(false),
                MakeBooleanAccessor(&FullTcpSocket::m_resetAfterFinIsEndOfStream),
                MakeBooleanChecker())
            .AddAttribute(
                "TcpCork",
                "Linux TCP_CORK (__tcp_sock_set_cork()): a partial segment waits, even with "
                "nothing in flight, until uncorked, filled or sent by the persist timer.",
                BooleanValue(false),
                MakeBooleanAccessor(&FullTcpSocket::SetTcpCork, &FullTcpSocket::GetTcpCork),
                MakeBooleanChecker())
            .AddAttribute("NotSentLowat",
                          "Linux TCP_NOTSENT_LOWAT: the socket is writable (IsWritable()) only "
                          "while twice its unsent bytes stay below this many "
                          "(tcp_stream_memory_free()). 0: unset, NotSentLowatDefault applies.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&FullTcpSocket::SetNotSentLowat,
                                               &FullTcpSocket::GetNotSentLowat),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("NotSentLowatDefault",
                          "The NotSentLowat of a socket that sets none: Linux "
                          "net.ipv4.tcp_notsent_lowat, UINT32_MAX (no limit) by default.",
                          UintegerValue(UINT32_MAX),
                          MakeUintegerAccessor(&FullTcpSocket::m_notSentLowatDefault),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("PathMtuDiscovery",
                          "ICMP packet too big lowers the MSS (RFC 1191, RFC 8201; Linux's "
                          "IP_PMTUDISC_WANT). False: IP_MTU_DISCOVER IP_PMTUDISC_DONT, the MSS "
                          "is kept (tcp_v4_mtu_reduced()).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FullTcpSocket::m_pathMtuDiscovery),
                          MakeBooleanChecker())
            .AddAttribute("CloseAborts",
                          "Close() aborts the connection (RFC 9293 §3.10.5 ABORT: RST where "
                          "the peer is synchronized) instead of the orderly release: POSIX "
                          "SO_LINGER with l_onoff = 1, l_linger = 0 (Linux tcp_close() -> "
                          "tcp_disconnect()).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_closeAborts),
                          MakeBooleanChecker())
            .AddAttribute("ZeroCopy",
                          "Sends with MSG_ZEROCOPY get a completion notification on the error "
                          "queue once acknowledged (Linux SO_ZEROCOPY; off by default).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&FullTcpSocket::m_zeroCopy),
                          MakeBooleanChecker())
            .AddAttribute("MaxSkbFrags",
                          "Page fragments of a MSG_ZEROCOPY send per packet: each iovec is one, "
                          "a full packet is pushed (Linux net.core.max_skb_frags, "
                          "MAX_SKB_FRAGS = 17).",
                          UintegerValue(17),
                          MakeUintegerAccessor(&FullTcpSocket::m_maxSkbFrags),
                          MakeUintegerChecker<uint32_t>(1, 45))
            .AddTraceSource("State",
                            "The connection's state (ns-3's TcpStates_t numbering).",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_state),
                            "ns3::TcpStatesTracedValueCallback")
            .AddTraceSource("StateTransition",
                            "Every state transition with its cause (RFC 9293 event).",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_transitionTrace),
                            "ns3::FullTcpSocket::TransitionTracedCallback")
            .AddTraceSource("Tx",
                            "A segment sent by this socket.",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_txTrace),
                            "ns3::FullTcpSocket::TxRxTracedCallback")
            .AddTraceSource("Rx",
                            "A segment received by this socket.",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_rxTrace),
                            "ns3::FullTcpSocket::TxRxTracedCallback")
            .AddTraceSource("Drop",
                            "A received segment (or its text) the connection did not process.",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_dropTrace),
                            "ns3::FullTcpSocket::DropTracedCallback")
            .AddTraceSource("Retransmission",
                            "A segment sent again: it carries only sequence space (data, SYN "
                            "or FIN) sent before (RFC 1213 tcpRetransSegs).",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_retransmissionTrace),
                            "ns3::FullTcpSocket::TxRxTracedCallback")
            // The next five and CongState have ns-3 TcpSocketBase's names and callback
            // types, so one Config path traces either stack.
            .AddTraceSource("CongestionWindow",
                            "The congestion window in bytes (RFC 5681 cwnd).",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_cWnd),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("SlowStartThreshold",
                            "The slow-start threshold in bytes (RFC 5681 ssthresh).",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_ssThresh),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("RTT",
                            "The smoothed round-trip time SRTT after each sample (RFC 6298 "
                            "§2).",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_srtt),
                            "ns3::TracedValueCallback::Time")
            .AddTraceSource("RTO",
                            "The retransmission timeout, backed off (RFC 6298 §2, §5.5).",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_rto),
                            "ns3::TracedValueCallback::Time")
            .AddTraceSource("BytesInFlight",
                            "FlightSize: bytes sent and not yet acknowledged (RFC 5681 §2).",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_bytesInFlight),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("CongState",
                            "The congestion state, Linux's five (Open, Disorder, CWR, Recovery, "
                            "Loss: tcp_set_ca_state()), as ns-3's TcpSocketBase traces it "
                            "(TcpSocketState::TcpCongState_t).",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_congState),
                            "ns3::TcpSocketState::TcpCongStatesTracedValueCallback")
            .AddTraceSource("MinRtt",
                            "The smallest RTT sample so far (Linux tcp_min_rtt(); RFC 8985 "
                            "and RFC 9438 use it).",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_minRtt),
                            "ns3::TracedValueCallback::Time")
            .AddTraceSource("EcnEcho",
                            "An ACK with ECE made the sender reduce its window (RFC 3168 "
                            "§6.1.2; Linux tcp_enter_cwr()): time and the ACK's SEG.ACK. Once per "
                            "window of data; later ECEs of that window do not fire it.",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_ecnEchoTrace),
                            "ns3::FullTcpSocket::EcnTracedCallback")
            .AddTraceSource("CwrSent",
                            "A new data segment left with CWR, the first after a window "
                            "reduction (RFC 3168 §6.1.2): time and its SEG.SEQ.",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_cwrSentTrace),
                            "ns3::FullTcpSocket::EcnTracedCallback")
            .AddTraceSource("CeReceived",
                            "A data segment arrived with CE in its IP header on a connection "
                            "using ECN (RFC 3168 §6.1.3): time and its SEG.SEQ.",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_ceReceivedTrace),
                            "ns3::FullTcpSocket::EcnTracedCallback")
            .AddTraceSource("SpuriousTimeout",
                            "A retransmission timeout found spurious: when, and how (\"F-RTO\", "
                            "RFC 5682; \"Eifel\", timestamps, RFC 3522; \"DSACK\", RFC 3708). "
                            "Needs the Frto or Undo attribute.",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_spuriousTimeoutTrace),
                            "ns3::FullTcpSocket::SpuriousTimeoutTracedCallback")
            .AddTraceSource("Undo",
                            "A cwnd reduction undone (Linux tcp_undo_cwnd_reduction()): the "
                            "kind (\"full\", \"partial\", \"dsack\", \"loss\", \"frto\": "
                            "Linux TCPFullUndo, TCPPartialUndo, TCPDSACKUndo, TCPLossUndo, "
                            "TCPSpuriousRTOs), the cwnd and the ssthresh restored.",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_undoTrace),
                            "ns3::FullTcpSocket::UndoTracedCallback")
            .AddTraceSource("RttVar",
                            "The round-trip time variation RTTVAR after each sample (RFC 6298 "
                            "§2).",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_rttVar),
                            "ns3::TracedValueCallback::Time")
            .AddTraceSource("PacingRate",
                            "The pacing rate (Linux sk_pacing_rate: tcp_update_pacing_rate(), or "
                            "the congestion control's own), as ns-3's TcpSocketBase traces it; "
                            "computed whether or not Pacing is on; 2^64 - 1 bit/s while there "
                            "is no limit (before the first ACK).",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_pacingRate),
                            "ns3::TracedValueCallback::DataRate")
            .AddTraceSource("RackReorderWindow",
                            "RACK's reordering window reo_wnd as its loss detection last used "
                            "it (RFC 8985 §6.2; Linux tcp_rack_reo_wnd()), with Recovery "
                            "\"Rack\".",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_rackReorderWindow),
                            "ns3::TracedValueCallback::Time")
            .AddTraceSource("TailLossProbe",
                            "A tail loss probe left (RFC 8985 §7.3; Linux tcp_send_loss_probe()): "
                            "its first sequence number and whether it is new data.",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_tailLossProbeTrace),
                            "ns3::FullTcpSocket::TailLossProbeTracedCallback")
            .AddTraceSource("RackLost",
                            "RACK marked a segment lost (RFC 8985 §6.2 step 5; Linux "
                            "tcp_rack_detect_loss()): its sequence range [start, end).",
                            MakeTraceSourceAccessor(&FullTcpSocket::m_rackLostTrace),
                            "ns3::FullTcpSocket::RackLostTracedCallback");
    return tid;
}

} // namespace ns3
