/*
 * Script: setsockopt/getsockopt and sysctl commands mapped onto FullTcp attributes
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpScriptSyscalls: socket options (setsockopt, getsockopt) and sysctl commands, mapped
 * onto FullTcp's attributes and state (Linux's names and units, man 7 tcp and
 * Documentation/networking/ip-sysctl.rst).
 */
#include "fulltcp-script-syscalls.h"
#include "fulltcp-script-tcpinfo.h"

#include "ns3/boolean.h"
#include "ns3/fulltcp-fast-open-cookie.h"
#include "ns3/fulltcp-l4-protocol.h"
#include "ns3/nstime.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ns3
{

namespace
{

/// \param s a state \return Linux's tcpi_state for it (include/net/tcp_states.h)
int64_t
LinuxState(FullTcpState s)
{
    switch (s)
    {
    case FullTcpState::CLOSED:
        return 7;
    case FullTcpState::LISTEN:
        return 10;
    case FullTcpState::SYN_SENT:
        return 2;
    case FullTcpState::SYN_RCVD:
        return 3;
    case FullTcpState::ESTABLISHED:
        return 1;
    case FullTcpState::CLOSE_WAIT:
        return 8;
    case FullTcpState::LAST_ACK:
        return 9;
    case FullTcpState::FIN_WAIT_1:
        return 4;
    case FullTcpState::FIN_WAIT_2:
        return 5;
    case FullTcpState::CLOSING:
        return 11;
    case FullTcpState::TIME_WAIT:
        return 6;
    }
    return 7;
}

/// \param c a connection \return Linux's tcpi_options bits for it (tcp_get_info())
int64_t
TcpInfoOptions(const FullTcpConnection& c)
{
    const FullTcpTcb& t = c.GetTcb();
    // TCPI_OPT_TIMESTAMPS 1, _SACK 2, _WSCALE 4, _ECN 8, _ECN_SEEN 16 (include/uapi/linux/tcp.h)
    // _SYN_DATA 32: data on the SYN was acknowledged (syn_data_acked)
    return (t.tsOk ? 1 : 0) | (t.sackOk ? 2 : 0) | (t.wsOk ? 4 : 0) | (t.ecn.ok ? 8 : 0)
         | (t.ecn.seen ? 16 : 0) | (t.synDataAcked ? 32 : 0);
}

/// \param x an expression \return its spelling in messages
std::string
Show(const FullTcpScriptExpr& x)
{
    switch (x.kind)
    {
    case FullTcpScriptExpr::INTEGER:
        return std::to_string(x.number);
    case FullTcpScriptExpr::SYMBOL:
        return x.text;
    case FullTcpScriptExpr::LIST:
        return "[" + (x.items.empty() ? std::string() : Show(x.items[0])) + "]";
    default:
        return "...";
    }
}

} // namespace

bool
FullTcpScriptSyscalls::SetSockOpt(const FullTcpScriptCall& c, int64_t fd, Outcome& o)
{
    File& f = *Lookup(fd);
    if (c.args.size() < 4 || c.args[2].kind != FullTcpScriptExpr::SYMBOL)
    {
        o.failure = "setsockopt: expected setsockopt(fd, level, NAME, value, len)";
        return true;
    }
    const std::string& name = c.args[2].text;
    const FullTcpScriptExpr& value = c.args[3];
    if (name == "SO_LINGER")
    {
        // {onoff=1, linger=0} asks close() for an abortive close (RST; Linux tcp_close() ->
        // tcp_disconnect()), FullTcpSocket's CloseAborts; onoff=0 restores the orderly close.
        // A lingering close() (linger > 0 blocks until the data is acknowledged) is not modelled.
        int64_t onoff = -1;
        int64_t linger = -1;
        bool parsed = value.kind == FullTcpScriptExpr::STRUCT;
        for (size_t i = 0; parsed && i < value.fields.size(); ++i)
        {
            const std::string& field = value.fields[i];
            parsed = (field == "onoff" || field == "linger")
                  && Evaluate(value.items[i], field == "onoff" ? onoff : linger);
        }
        if (!parsed || onoff < 0 || linger < 0 || (onoff != 0 && linger != 0))
        {
            o.failure = "setsockopt: SO_LINGER takes {onoff=0|1, linger=0} (a lingering close "
                        "is not modelled)";
            return true;
        }
        f.socket->SetAttribute("CloseAborts", BooleanValue(onoff != 0));
        return true;
    }
    if (name == "TCP_CONGESTION")
    {
        // A string: Linux's module name (tcp_cubic.c, tcp_cong.c), as the sysctl
        // net.ipv4.tcp_congestion_control; a per-socket choice that a network namespace can
        // make for any built-in algorithm (tcp_set_congestion_control() with CAP_NET_ADMIN),
        // where the sysctl is limited to tcp_allowed_congestion_control.
        const std::string ours = value.kind != FullTcpScriptExpr::STRING ? ""
                               : value.text == "cubic"                   ? "Cubic"
                               : value.text == "reno"                    ? "NewReno"
                                                                         : "";
        if (ours.empty())
        {
            o.failure = "setsockopt: TCP_CONGESTION takes \"cubic\" or \"reno\"";
        }
        else if (f.socket->GetState() != FullTcpState::CLOSED || f.listening)
        {
            o.failure = "setsockopt: FullTcp reads TCP_CONGESTION when the connection starts; "
                        "set it before connect() or listen()";
        }
        else
        {
            f.socket->SetAttribute("CongestionControl", StringValue(ours));
        }
        return true;
    }
    int64_t v = 0;
    if (!Evaluate(value, v))
    {
        o.failure = "setsockopt: the value of " + name + " must be an integer or [integer]";
        return true;
    }
    if (name == "SO_REUSEADDR")
    {
        return true; // FullTcp's port allocator lets a listener re-bind a port in TIME_WAIT
    }
    if (ErrorQueueOption(f, name, v, o)) // SO_ZEROCOPY, TCP_INQ, SO_TIMESTAMPING (script-msg)
    {
        return true;
    }
    if (name == "SO_MARK")
    {
        // sk_setsockopt(): the mark only selects fwmark routing rules, netfilter and tc
        // filters; the simulated node has none, so, as Linux where no rule matches it, it
        // changes nothing.
        return true;
    }
    // --- IP level (sockopts helper): IP_TOS, IP_MTU_DISCOVER ---
    if (name == "IP_TOS")
    {
        // do_ip_setsockopt(): the IP header's TOS octet of the segments sent from now on; a
        // TCP socket keeps its ECN bits out of it (FullTcpIpParams::tos). Linux also drops
        // the cached route (sk_dst_reset()), which FullTcp, routing each segment, has not.
        if (v < 0 || v > 255)
        {
            o.ret = -1;
            o.errnoName = "EINVAL";
            return true;
        }
        f.socket->SetIpTos(static_cast<uint8_t>(v));
        return true;
    }
    if (name == "IP_MTU_DISCOVER")
    {
        // IP_PMTUDISC_DONT (0) to IP_PMTUDISC_OMIT (5), else EINVAL (do_ip_setsockopt()).
        // Path MTU discovery stays on for WANT, DO and PROBE; DONT, INTERFACE and OMIT make
        // TCP ignore "fragmentation needed" (tcp_v4_mtu_reduced(), ip_sk_accept_pmtu()):
        // FullTcpSocket's PathMtuDiscovery.
        if (v > 5)
        {
            o.ret = -1;
            o.errnoName = "EINVAL";
            return true;
        }
        f.socket->SetAttribute("PathMtuDiscovery", BooleanValue(v != 0 && v != 4 && v != 5));
        return true;
    }
    // --- end IP level ---
    // name -> (attribute, value). Most options take effect at once, on a connection as on a
    // listener (whose connections copy them); FullTcp reads `atStart` when the connection
    // starts (SO_RCVBUF: its receive window and window scale).
    std::string attribute;
    Ptr<AttributeValue> a;
    bool atStart = false;
    bool valid = v >= 0;
    if (name == "SO_SNDBUF")
    {
        // Linux __sock_set_sndbuf() doubles the value (room for its bookkeeping), at least
        // SOCK_MIN_SNDBUF (4608); its cap, net.core.wmem_max, is not modelled.
        attribute = "SndBufSize";
        a = Create<UintegerValue>(std::max<int64_t>(2 * v, 4608));
    }
    else if (name == "SO_RCVBUF")
    {
        attribute = "RcvBufSize";
        a = Create<UintegerValue>(2 * v); // doubled as SO_SNDBUF (sk_setsockopt())
        atStart = true;
    }
    else if (name == "SO_KEEPALIVE")
    {
        attribute = "KeepAlive";
        a = Create<BooleanValue>(v != 0);
    }
    else if (name == "TCP_NODELAY")
    {
        attribute = "TcpNoDelay";
        a = Create<BooleanValue>(v != 0);
    }
    else if (name == "TCP_CORK")
    {
        // Linux __tcp_sock_set_cork(): on holds partial segments, off pushes what it held
        // (FullTcpSocket's TcpCork).
        attribute = "TcpCork";
        a = Create<BooleanValue>(v != 0);
    }
    else if (name == "TCP_NOTSENT_LOWAT")
    {
        // do_tcp_setsockopt(): tp->notsent_lowat, 0 meaning the sysctl; writers are woken if
        // the socket is writable now (FullTcpSocket's NotSentLowat).
        attribute = "NotSentLowat";
        a = Create<UintegerValue>(static_cast<uint32_t>(v));
    }
    else if (name == "TCP_MAXSEG")
    {
        attribute = "SegmentSize";
        a = Create<UintegerValue>(v);
        atStart = true;
        // Linux refuses an MSS below TCP_MIN_MSS (88) or above MAX_TCP_WINDOW (32767) with
        // EINVAL (do_tcp_setsockopt()); 0 is not a clamp there.
        valid = valid && (v == 0 || (v >= 88 && v <= 32767));
    }
    else if (name == "TCP_KEEPIDLE" || name == "TCP_KEEPINTVL" || name == "TCP_LINGER2")
    {
        attribute = name == "TCP_KEEPIDLE"  ? "KeepAliveIdle"
                  : name == "TCP_KEEPINTVL" ? "KeepAliveInterval"
                                            : "FinWait2Timeout";
        // Linux caps TCP_LINGER2 at TCP_FIN_TIMEOUT_MAX (120 s, do_tcp_setsockopt()) and takes
        // 1 to MAX_TCP_KEEPIDLE / MAX_TCP_KEEPINTVL (32767) seconds for the others
        // (tcp_sock_set_keepidle_locked(), tcp_sock_set_keepintvl()).
        a = Create<TimeValue>(Seconds(name == "TCP_LINGER2" ? std::min<int64_t>(v, 120) : v));
        valid = name == "TCP_LINGER2" ? valid : v >= 1 && v <= 32767;
    }
    else if (name == "TCP_KEEPCNT")
    {
        attribute = "KeepAliveProbes";
        a = Create<UintegerValue>(v);
        valid = v >= 1 && v <= 127; // 1 to MAX_TCP_KEEPCNT (tcp_sock_set_keepcnt())
    }
    else if (name == "TCP_SYNCNT")
    {
        attribute = "ConnCount";
        a = Create<UintegerValue>(v);
        atStart = true;
    }
    else if (name == "TCP_FASTOPEN_CONNECT")
    {
        // do_tcp_setsockopt(): 0 or 1, EOPNOTSUPP unless the client is enabled
        // (net.ipv4.tcp_fastopen & TFO_CLIENT_ENABLE), EINVAL once the socket left CLOSE.
        UintegerValue flags;
        f.socket->GetAttribute("FastOpen", flags);
        if ((flags.Get() & 0x1) == 0)
        {
            o.ret = -1;
            o.errnoName = "EOPNOTSUPP";
            return true;
        }
        attribute = "FastOpenConnect";
        a = Create<BooleanValue>(v != 0);
        valid = v <= 1 && f.socket->GetState() == FullTcpState::CLOSED && !f.listening;
    }
    else if (name == "TCP_FASTOPEN")
    {
        // do_tcp_setsockopt(): the listener's Fast Open queue (fastopen_queue_tune(): at
        // most somaxconn), in CLOSE or LISTEN only.
        attribute = "FastOpenQueue";
        a = Create<UintegerValue>(std::min<int64_t>(v, 4096));
        const FullTcpState st = f.socket->GetState();
        valid = valid && (st == FullTcpState::CLOSED || st == FullTcpState::LISTEN);
    }
    else if (name == "TCP_USER_TIMEOUT")
    {
        attribute = "UserTimeout";
        a = Create<TimeValue>(MilliSeconds(v));
    }
    else
    {
        o.failure = "setsockopt: unsupported socket option " + name;
        return true;
    }
    // A listener's connections start later, each from a copy of its attributes (as Linux
    // children inherit the listener's TCP_MAXSEG, tcp_create_openreq_child()).
    if (atStart && !f.listening && f.socket->GetState() != FullTcpState::CLOSED)
    {
        o.failure = "setsockopt: FullTcp reads " + name
                  + " when the connection starts; set it before connect()";
        return true;
    }
    if (!valid || !f.socket->SetAttributeFailSafe(attribute, *a))
    {
        o.ret = -1;
        o.errnoName = "EINVAL";
    }
    return true;
}

bool
FullTcpScriptSyscalls::GetSockOpt(const FullTcpScriptCall& c, int64_t fd, Outcome& o)
{
    File& f = *Lookup(fd);
    if (c.args.size() < 4 || c.args[2].kind != FullTcpScriptExpr::SYMBOL)
    {
        o.failure = "getsockopt: expected getsockopt(fd, level, NAME, value, len)";
        return true;
    }
    const std::string& name = c.args[2].text;
    const FullTcpScriptExpr& want = c.args[3];
    if (name == "SO_ERROR")
    {
        const std::string got = f.error.empty() ? "0" : f.error;
        f.error.clear(); // reading SO_ERROR clears it (sock_getsockopt)
        const int64_t actual = got == "0" ? 0 : Constant(got);
        int64_t expected = 0;
        if (want.kind != FullTcpScriptExpr::ELLIPSIS
            && (!Evaluate(want, expected) || expected != actual))
        {
            o.failure = "getsockopt(SO_ERROR): expected " + Show(want) + " but got " + got;
        }
        return true;
    }
    if (name == "SO_SNDBUF")
    {
        // Linux reports sk_sndbuf, what setsockopt(SO_SNDBUF) made of the value (doubled);
        // FullTcp the SndBufSize attribute.
        UintegerValue size;
        f.socket->GetAttribute("SndBufSize", size);
        int64_t expected = 0;
        if (want.kind != FullTcpScriptExpr::ELLIPSIS
            && (!Evaluate(want, expected) || expected != static_cast<int64_t>(size.Get())))
        {
            o.failure = "getsockopt(SO_SNDBUF): expected " + Show(want) + " but got "
                      + std::to_string(size.Get());
        }
        return true;
    }
    if (name == "TCP_NOTSENT_LOWAT")
    {
        // do_tcp_getsockopt(): the socket's own value, 0 when it set none (the sysctl is not
        // reported).
        const int64_t actual = f.socket->GetNotSentLowat();
        int64_t expected = 0;
        if (want.kind != FullTcpScriptExpr::ELLIPSIS
            && (!Evaluate(want, expected) || expected != actual))
        {
            o.failure = "getsockopt(TCP_NOTSENT_LOWAT): expected " + Show(want) + " but got "
                      + std::to_string(actual);
        }
        return true;
    }
    const FullTcpConnection* conn = f.socket->GetConnection();
    if (name == "TCP_MAXSEG")
    {
        // Linux reports the send MSS once connected; before, a TCP_MAXSEG value or
        // TCP_MSS_DEFAULT (536) (do_tcp_getsockopt()).
        UintegerValue segmentSize;
        f.socket->GetAttribute("SegmentSize", segmentSize);
        int64_t expected = 0;
        const int64_t actual = conn && !f.listening      ? conn->GetTcb().sndMss
                             : segmentSize.Get() < 65535 ? segmentSize.Get()
                                                         : 536;
        if (want.kind != FullTcpScriptExpr::ELLIPSIS
            && (!Evaluate(want, expected) || expected != actual))
        {
            o.failure = "getsockopt(TCP_MAXSEG): expected " + Show(want) + " but got "
                      + std::to_string(actual);
        }
        return true;
    }
    if (name != "TCP_INFO" || want.kind != FullTcpScriptExpr::STRUCT)
    {
        o.failure = "getsockopt: only SO_ERROR, SO_SNDBUF, TCP_MAXSEG, TCP_NOTSENT_LOWAT and "
                    "TCP_INFO {fields} are supported";
        return true;
    }
    for (size_t i = 0; i < want.fields.size(); ++i)
    {
        const std::string& field = want.fields[i];
        int64_t actual = 0;
        if (field == "tcpi_state")
        {
            actual = LinuxState(f.socket->GetState());
        }
        else if (field == "tcpi_rto")
        {
            actual = conn ? conn->GetTcb().rto.GetMicroSeconds() : 0;
        }
        else if (field == "tcpi_retransmits")
        {
            actual = conn ? conn->GetTcb().retransmits : 0;
        }
        else if (field == "tcpi_snd_mss")
        {
            actual = conn ? conn->GetTcb().sndMss : 0;
        }
        else if (field == "tcpi_rcv_mss")
        {
            actual = conn ? conn->GetTcb().rcvMss : 0;
        }
        else if (field == "tcpi_snd_cwnd")
        {
            // Linux counts cwnd in segments.
            actual = conn && conn->GetTcb().sndMss > 0
                       ? conn->GetTcb().cc.cwnd / conn->GetTcb().sndMss
                       : 0;
        }
        else if (field == "tcpi_snd_ssthresh")
        {
            // Segments, as cwnd; "infinite" (Linux TCP_INFINITE_SSTHRESH, 0x7fffffff) as is.
            const uint32_t ssthresh = conn ? conn->GetTcb().cc.ssthresh : 0;
            const uint32_t mss = conn ? conn->GetTcb().sndMss : 0;
            actual = ssthresh >= 0x7fffffff ? 0x7fffffff : mss > 0 ? ssthresh / mss : 0;
        }
        else if (field == "tcpi_options")
        {
            actual = conn ? TcpInfoOptions(*conn) : 0;
        }
        else if (field == "tcpi_rtt")
        {
            actual = conn ? conn->GetTcb().rtt.GetSrtt().GetMicroSeconds() : 0; // srtt_us >> 3
        }
        else if (field == "tcpi_ca_state")
        {
            // enum tcp_ca_state: Open 0, Disorder 1, CWR 2, Recovery 3, Loss 4 (FullTcpCaState's
            // order).
            actual = conn ? static_cast<int64_t>(conn->GetTcb().caState) : 0;
        }
        else
        {
            o.failure = "getsockopt(TCP_INFO): unsupported field " + field;
            return true;
        }
        int64_t expected = 0;
        if (want.items[i].kind == FullTcpScriptExpr::ELLIPSIS)
        {
            continue;
        }
        if (const auto holds = FullTcpScriptTcpInfoHolds(want.items[i], actual))
        {
            if (!*holds)
            {
                o.failure = "getsockopt(TCP_INFO): " + field + " = " + std::to_string(actual)
                          + " fails the script's assert";
                return true;
            }
            continue;
        }
        if (!Evaluate(want.items[i], expected) || expected != actual)
        {
            o.failure = "getsockopt(TCP_INFO): " + field + " expected " + Show(want.items[i])
                      + " but got " + std::to_string(actual);
            return true;
        }
    }
    return true;
}

bool
FullTcpScriptSyscalls::Command(const std::string& command, std::string& note)
{
    // Words, with "double quotes" grouping (net.ipv4.tcp_rmem="4096 131072 6291456") and
    // shell products $((a*b)) evaluated (packetdrill's defaults.sh writes $((15*1024*1024))).
    std::string text = command;
    for (size_t at; (at = text.find("$((")) != std::string::npos;)
    {
        const size_t end = text.find("))", at);
        if (end == std::string::npos)
        {
            note = "unterminated $(( in: " + command;
            return false;
        }
        uint64_t product = 1;
        std::istringstream factors(text.substr(at + 3, end - at - 3));
        for (std::string factor; std::getline(factors, factor, '*');)
        {
            product *= std::strtoull(factor.c_str(), nullptr, 10);
        }
        text.replace(at, end + 2 - at, std::to_string(product));
    }
    std::vector<std::string> words(1);
    bool quoted = false;
    for (char c : text)
    {
        if (c == '"')
        {
            quoted = !quoted;
        }
        else if (!quoted && std::isspace(static_cast<unsigned char>(c)))
        {
            words.emplace_back();
        }
        else
        {
            words.back() += c;
        }
    }
    words.erase(std::remove(words.begin(), words.end(), std::string()), words.end());
    if (text.find("ip tcp_metrics flush") != std::string::npos)
    {
        // iproute2 empties the kernel's TCP metrics, where Linux caches Fast Open cookies
        // (defaults.sh does it first, and scripts between tests).
        m_tcp->GetFastOpenCache().Clear();
        note = "flushed the Fast Open cookie cache; ";
    }
    if (FileCommand(words, note)) // fulltcp-script-files.cc
    {
        return true;
    }
    if (words.empty() || words[0] != "sysctl")
    {
        note += "ignored: " + command;
        return true;
    }
    // net.ipv4.tcp_* sysctls that are FullTcp attributes (Documentation/networking/
    // ip-sysctl.rst); they apply to the sockets created from now on.
    static const std::map<std::string, std::pair<std::string, char>> sysctls = {
        {"net.ipv4.tcp_timestamps", {"Timestamps", 'b'}},
        {"net.ipv4.tcp_sack", {"Sack", 'b'}},
        {"net.ipv4.tcp_dsack", {"Dsack", 'b'}},
        {"net.ipv4.tcp_window_scaling", {"WindowScaling", 'b'}},
        {"net.ipv4.tcp_rfc1337", {"Rfc1337", 'b'}},
        {"net.ipv4.tcp_syncookies", {"SynCookies", 'b'}},
        {"net.ipv4.tcp_syn_retries", {"ConnCount", 'u'}},
        {"net.ipv4.tcp_syn_linear_timeouts", {"SynLinearTimeouts", 'u'}},
        {"net.ipv4.tcp_synack_retries", {"SynAckRetries", 'u'}},
        {"net.ipv4.tcp_retries2", {"DataRetries", 'u'}},
        {"net.ipv4.tcp_orphan_retries", {"OrphanRetries", 'u'}},
        {"net.ipv4.tcp_rto_max_ms", {"MaxRto", 'm'}}, // Linux 6.15+
        {"net.ipv4.tcp_reordering", {"DupThresh", 'u'}},
        {"net.ipv4.tcp_fin_timeout", {"FinWait2Timeout", 's'}},
        {"net.ipv4.tcp_keepalive_time", {"KeepAliveIdle", 's'}},
        {"net.ipv4.tcp_keepalive_intvl", {"KeepAliveInterval", 's'}},
        {"net.ipv4.tcp_keepalive_probes", {"KeepAliveProbes", 'u'}},
        {"net.ipv4.tcp_invalid_ratelimit", {"ChallengeAckInterval", 'm'}},
        {"net.ipv4.tcp_frto", {"Frto", 'b'}}, // 1 and 2 (SACK-enhanced) both on
        {"net.ipv4.tcp_pacing_ss_ratio", {"PacingSsRatio", 'u'}},
        {"net.ipv4.tcp_pacing_ca_ratio", {"PacingCaRatio", 'u'}},
        {"net.ipv4.tcp_min_tso_segs", {"MinTsoSegs", 'u'}},
        {"net.ipv4.tcp_slow_start_after_idle", {"SlowStartAfterIdle", 'b'}},
        {"net.ipv4.tcp_notsent_lowat", {"NotSentLowatDefault", 'u'}},
        // 0 off, 1 on, 2 passive (answer only)
        {"net.ipv4.tcp_ecn", {"Ecn", 'e'}},
        // bit 0x1: RACK loss detection (Linux TCP_RACK_LOSS_DETECTION)
        {"net.ipv4.tcp_recovery", {"Recovery", 'r'}},
        // 3 or 4: tail loss probes (0 disables them; 1 and 2 are obsolete early retransmit)
        {"net.ipv4.tcp_early_retrans", {"Tlp", 't'}},
    };
    for (size_t i = 1; i < words.size(); ++i)
    {
        const std::string& w = words[i];
        if (w[0] == '-')
        {
            continue; // -q, -w
        }
        const size_t eq = w.find('=');
        const std::string key = w.substr(0, eq);
        if (eq != std::string::npos && (key == "net.ipv4.tcp_rmem" || key == "net.ipv4.tcp_wmem"))
        {
            // "min default max". The receive buffer starts at the default and the "Linux"
            // ReceiveWindow grows it up to the maximum, from which Linux derives the window
            // scale it offers (tcp_select_initial_window()). FullTcp's send buffer does not
            // grow, so it takes the maximum.
            std::istringstream values(w.substr(eq + 1));
            uint32_t v[3] = {0, 0, 0};
            if (!(values >> v[0] >> v[1] >> v[2]))
            {
                note += "bad value in " + w;
                return false;
            }
            if (key == "net.ipv4.tcp_rmem")
            {
                m_tcp->SetSocketAttribute("RcvBufSize", UintegerValue(v[1]));
                m_tcp->SetSocketAttribute("RcvBufMax", UintegerValue(v[2]));
                note += "applied " + key + " (RcvBufSize " + std::to_string(v[1]) + ", RcvBufMax "
                      + std::to_string(v[2]) + "); ";
                continue;
            }
            m_tcp->SetSocketAttribute("SndBufSize", UintegerValue(v[2]));
            note += "applied " + key + " (SndBufSize " + std::to_string(v[2]) + "); ";
            continue;
        }
        if (eq != std::string::npos && key == "net.ipv4.tcp_fastopen")
        {
            // Flags, often written in hex (0x70403); proc_dointvec takes any base.
            char* end = nullptr;
            const unsigned long v = std::strtoul(w.c_str() + eq + 1, &end, 0);
            if (*end != '\0' || w.size() == eq + 1)
            {
                note += "bad value in " + w;
                return false;
            }
            m_tcp->SetSocketAttribute("FastOpen", UintegerValue(static_cast<uint32_t>(v)));
            // A netns-wide setting that Linux reads at each use: open sockets see it too.
            for (auto& [fd, f] : m_files)
            {
                f.socket->SetAttribute("FastOpen", UintegerValue(static_cast<uint32_t>(v)));
            }
            note += "applied " + w + " (FastOpen); ";
            continue;
        }
        if (eq != std::string::npos && key == "net.ipv4.tcp_fastopen_key")
        {
            // proc_tcp_fastopen_key(): EINVAL unless `w-w-w-w[,w-w-w-w]`.
            const std::string value = w.substr(eq + 1);
            if (!FullTcpFastOpenKey::Parse(value))
            {
                note += "bad value in " + w;
                return false;
            }
            m_tcp->SetSocketAttribute("FastOpenKey", StringValue(value));
            note += "applied " + w + " (FastOpenKey); ";
            continue;
        }
        if (eq != std::string::npos && key == "net.ipv4.tcp_congestion_control")
        {
            // The algorithms both have, by Linux's module name (tcp_cubic.c, tcp_cong.c).
            const std::string name = w.substr(eq + 1);
            const std::string ours = name == "cubic" ? "Cubic" : name == "reno" ? "NewReno" : "";
            if (ours.empty())
            {
                note += "FullTcp has no congestion control \"" + name + "\" (cubic, reno)";
                return false;
            }
            m_tcp->SetSocketAttribute("CongestionControl", StringValue(ours));
            note += "applied " + w + " (CongestionControl " + ours + "); ";
            continue;
        }
        const auto it = sysctls.find(key);
        if (eq == std::string::npos || it == sysctls.end())
        {
            note += "ignored " + w + "; ";
            continue;
        }
        char* end = nullptr;
        const long v = std::strtol(w.c_str() + eq + 1, &end, 10);
        if (*end != '\0' || v < 0)
        {
            note += "bad value in " + w;
            return false;
        }
        const auto& [attribute, type] = it->second;
        if (type == 'e' && v > 2)
        {
            note += "bad value in " + w + " (0, 1 or 2)";
            return false;
        }
        if (type == 'e')
        {
            static const char* const modes[] = {"Off", "On", "Passive"};
            m_tcp->SetSocketAttribute(attribute, StringValue(modes[v]));
        }
        else if (type == 'r')
        {
            m_tcp->SetSocketAttribute(attribute, StringValue((v & 1) != 0 ? "Rack" : "Sack"));
        }
        else if (type == 't')
        {
            m_tcp->SetSocketAttribute(attribute, BooleanValue(v == 3 || v == 4));
        }
        else if (type == 'b')
        {
            m_tcp->SetSocketAttribute(attribute, BooleanValue(v != 0));
        }
        else if (type == 'u')
        {
            m_tcp->SetSocketAttribute(attribute, UintegerValue(v));
        }
        else
        {
            m_tcp->SetSocketAttribute(attribute,
                                      TimeValue(type == 's' ? Seconds(v) : MilliSeconds(v)));
        }
        note += "applied " + w + " (" + attribute + "); ";
    }
    return true;
}

} // namespace ns3
