/*
 * Helper: per-connection congestion CSV, written from the socket's trace sources
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-congestion-log.h"

#include "fulltcp-state-log.h"

#include "ns3/callback.h"
#include "ns3/data-rate.h"
#include "ns3/fulltcp-header.h"
#include "ns3/fulltcp-l4-protocol.h"
#include "ns3/fulltcp-socket.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/sequence-number.h"
#include "ns3/simulator.h"

#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpCongestionLog");

namespace
{

/// \param s an address as FormatAddress() writes it \return the same fit for a file name
std::string
FileNamePart(const std::string& s)
{
    std::string out = s;
    for (char& ch : out)
    {
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.')
        {
            ch = '_';
        }
    }
    return out;
}

/// \param t a time \return milliseconds with 3 decimals (microsecond resolution)
std::string
Ms(Time t)
{
    char buf[32];
    const int64_t us = t.GetMicroSeconds();
    std::snprintf(buf,
                  sizeof(buf),
                  "%s%" PRId64 ".%03" PRId64,
                  us < 0 ? "-" : "",
                  (us < 0 ? -us : us) / 1000,
                  (us < 0 ? -us : us) % 1000);
    return buf;
}

// Trace sinks: each records the new value in its connection and writes a row.
using Conn = FullTcpCongestionLog::Connection;

void
OnCwnd(Conn* c, uint32_t, uint32_t v)
{
    c->cwnd = v;
    c->Row();
}

void
OnSsthresh(Conn* c, uint32_t, uint32_t v)
{
    c->ssthresh = v;
    c->Row();
}

void
OnInFlight(Conn* c, uint32_t, uint32_t v)
{
    c->bytesInFlight = v;
    c->Row();
}

void
OnSrtt(Conn* c, Time, Time v)
{
    c->srtt = v;
    c->Row();
}

void
OnRttVar(Conn* c, Time, Time v)
{
    c->rttVar = v;
    c->Row();
}

void
OnRto(Conn* c, Time, Time v)
{
    c->rto = v;
    c->Row();
}

void
OnMinRtt(Conn* c, Time, Time v)
{
    c->minRtt = v;
    c->Row();
}

void
OnCongState(Conn* c, TcpSocketState::TcpCongState_t, TcpSocketState::TcpCongState_t v)
{
    c->state = v;
    c->Row();
}

void
OnRetransmission(Conn* c, Ptr<const Packet>, const FullTcpHeader& h, Ptr<const FullTcpSocket>)
{
    c->Row("retransmission", std::to_string(h.GetSequenceNumber()));
}

void
OnPacingRate(Conn* c, DataRate, DataRate v)
{
    // 2^64 - 1 bit/s stands for "no limit" before the first ACK: logged as 0, not paced.
    const uint64_t bps = v.GetBitRate();
    c->pacingRate = bps == std::numeric_limits<uint64_t>::max() ? 0 : bps;
    c->Row();
}

void
OnReorderWindow(Conn* c, Time, Time v)
{
    c->reoWnd = v;
    c->Row();
}

void
OnTailLossProbe(Conn* c, SequenceNumber32 seq, bool newData)
{
    c->Row(newData ? "tlp_new_data" : "tlp_retransmit", std::to_string(seq.GetValue()));
}

void
OnRackLost(Conn* c, SequenceNumber32 start, SequenceNumber32 end)
{
    c->Row("rack_lost", std::to_string(start.GetValue()) + "-" + std::to_string(end.GetValue()));
}

void
OnSpuriousTimeout(Conn* c, Time, const std::string& how)
{
    c->Row("spurious_timeout", how);
}

void
OnUndo(Conn* c, const std::string& kind, uint32_t, uint32_t)
{
    c->Row("undo", kind);
}

void
OnEcnEcho(Conn* c, Time, SequenceNumber32 seq)
{
    c->Row("ecn_echo", std::to_string(seq.GetValue()));
}

void
OnCwrSent(Conn* c, Time, SequenceNumber32 seq)
{
    c->Row("cwr_sent", std::to_string(seq.GetValue()));
}

void
OnCeReceived(Conn* c, Time, SequenceNumber32 seq)
{
    c->Row("ce_received", std::to_string(seq.GetValue()));
}

} // namespace

FullTcpCongestionLog::FullTcpCongestionLog(std::string prefix) : m_prefix(std::move(prefix)) {}

void
FullTcpCongestionLog::Attach(Ptr<FullTcpL4Protocol> tcp)
{
    tcp->TraceConnectWithoutContext(
        "SocketCreated",
        MakeCallback(&FullTcpCongestionLog::Follow, Ptr<FullTcpCongestionLog>(this)));
}

const char*
FullTcpCongestionLog::CongStateName(TcpSocketState::TcpCongState_t s)
{
    // Linux's names (include/net/tcp.h enum tcp_ca_state), as ss -i prints them.
    switch (s)
    {
    case TcpSocketState::CA_OPEN:
        return "Open";
    case TcpSocketState::CA_DISORDER:
        return "Disorder";
    case TcpSocketState::CA_CWR:
        return "CWR";
    case TcpSocketState::CA_RECOVERY:
        return "Recovery";
    case TcpSocketState::CA_LOSS:
        return "Loss";
    default:
        return "?";
    }
}

void
FullTcpCongestionLog::Follow(Ptr<FullTcpSocket> socket)
{
    m_connections.push_back(std::make_unique<Connection>());
    Connection* c = m_connections.back().get();
    c->log = this;
    c->socket = PeekPointer(socket);
    socket->TraceConnectWithoutContext("CongestionWindow", MakeBoundCallback(&OnCwnd, c));
    socket->TraceConnectWithoutContext("SlowStartThreshold", MakeBoundCallback(&OnSsthresh, c));
    socket->TraceConnectWithoutContext("BytesInFlight", MakeBoundCallback(&OnInFlight, c));
    socket->TraceConnectWithoutContext("RTT", MakeBoundCallback(&OnSrtt, c));
    socket->TraceConnectWithoutContext("RttVar", MakeBoundCallback(&OnRttVar, c));
    socket->TraceConnectWithoutContext("RTO", MakeBoundCallback(&OnRto, c));
    socket->TraceConnectWithoutContext("MinRtt", MakeBoundCallback(&OnMinRtt, c));
    socket->TraceConnectWithoutContext("CongState", MakeBoundCallback(&OnCongState, c));
    socket->TraceConnectWithoutContext("Retransmission", MakeBoundCallback(&OnRetransmission, c));
    socket->TraceConnectWithoutContext("PacingRate", MakeBoundCallback(&OnPacingRate, c));
    socket->TraceConnectWithoutContext("RackReorderWindow", MakeBoundCallback(&OnReorderWindow, c));
    socket->TraceConnectWithoutContext("TailLossProbe", MakeBoundCallback(&OnTailLossProbe, c));
    socket->TraceConnectWithoutContext("RackLost", MakeBoundCallback(&OnRackLost, c));
    socket->TraceConnectWithoutContext("SpuriousTimeout", MakeBoundCallback(&OnSpuriousTimeout, c));
    socket->TraceConnectWithoutContext("Undo", MakeBoundCallback(&OnUndo, c));
    socket->TraceConnectWithoutContext("EcnEcho", MakeBoundCallback(&OnEcnEcho, c));
    socket->TraceConnectWithoutContext("CwrSent", MakeBoundCallback(&OnCwrSent, c));
    socket->TraceConnectWithoutContext("CeReceived", MakeBoundCallback(&OnCeReceived, c));
}

bool
FullTcpCongestionLog::Open(Connection& c) const
{
    Address local;
    Address remote;
    if (c.socket->GetPeerName(remote) != 0 || c.socket->GetSockName(local) != 0)
    {
        return false; // not connected yet: a listener, or before connect()
    }
    const std::string path = m_prefix + "-" + std::to_string(c.socket->GetNode()->GetId()) + "-"
                           + FileNamePart(FullTcpStateLog::FormatAddress(local)) + "-"
                           + FileNamePart(FullTcpStateLog::FormatAddress(remote)) + ".csv";
    c.file.open(path);
    if (!c.file)
    {
        NS_LOG_WARN("FullTcpCongestionLog: cannot write \"" << path << "\"");
        c.noFile = true;
        return false;
    }
    c.file << HEADER << "\n";
    return true;
}

void
FullTcpCongestionLog::Connection::Row(const std::string& event, const std::string& detail)
{
    // Nothing before the connection has a congestion window: the values traced while it
    // opens (an RTT from the handshake, say) come before the engine sets cwnd.
    if (noFile || (!file.is_open() && (cwnd == 0 || !log->Open(*this))))
    {
        return;
    }
    const int64_t ns = Simulator::Now().GetNanoSeconds();
    char time[32];
    std::snprintf(time, sizeof(time), "%" PRId64 ".%09" PRId64, ns / 1000000000, ns % 1000000000);
    file << time << "," << cwnd << "," << ssthresh << "," << bytesInFlight << "," << Ms(srtt) << ","
         << Ms(rttVar) << "," << Ms(rto) << "," << Ms(minRtt) << "," << pacingRate << ","
         << Ms(reoWnd) << "," << CongStateName(state) << "," << event << "," << detail << "\n"
         << std::flush;
}

} // namespace ns3
