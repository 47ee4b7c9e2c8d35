/*
 * Node: TCP-MIB counting by RFC 1213 tcp-group transitions, drop reason names, printing
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpMib: the RFC 4022 TCP-MIB counters, each counted exactly as RFC 1213's tcp group
 * defines it (RFC 4022 §3 keeps those definitions).
 */
#include "fulltcp-mib.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpMib");

namespace
{
using S = FullTcpState;

/// \param s a state \return whether tcpCurrEstab counts a connection in it
bool
CountsAsEstablished(S s)
{
    return s == S::ESTABLISHED || s == S::CLOSE_WAIT;
}
} // namespace

const char*
FullTcpL4DropReasonName(FullTcpL4DropReason r)
{
    switch (r)
    {
    case FullTcpL4DropReason::MALFORMED:
        return "MALFORMED";
    case FullTcpL4DropReason::BAD_CHECKSUM:
        return "BAD_CHECKSUM";
    case FullTcpL4DropReason::NOT_UNICAST:
        return "NOT_UNICAST";
    case FullTcpL4DropReason::NO_ENDPOINT:
        return "NO_ENDPOINT";
    case FullTcpL4DropReason::SYN_QUEUE_FULL:
        return "SYN_QUEUE_FULL";
    case FullTcpL4DropReason::ACCEPT_QUEUE_FULL:
        return "ACCEPT_QUEUE_FULL";
    case FullTcpL4DropReason::APPLICATION_REFUSED:
        return "APPLICATION_REFUSED";
    case FullTcpL4DropReason::BAD_SYN_COOKIE:
        return "BAD_SYN_COOKIE";
    }
    return "INVALID_L4_DROP_REASON";
}

std::ostream&
operator<<(std::ostream& os, FullTcpL4DropReason r)
{
    return os << FullTcpL4DropReasonName(r);
}

uint64_t
FullTcpMib::ListenOverflows() const
{
    return drops[static_cast<size_t>(FullTcpL4DropReason::ACCEPT_QUEUE_FULL)];
}

uint64_t
FullTcpMib::ListenDrops() const
{
    uint64_t n = 0;
    for (auto r : {FullTcpL4DropReason::SYN_QUEUE_FULL,
                   FullTcpL4DropReason::ACCEPT_QUEUE_FULL,
                   FullTcpL4DropReason::APPLICATION_REFUSED,
                   FullTcpL4DropReason::BAD_SYN_COOKIE})
    {
        n += drops[static_cast<size_t>(r)];
    }
    return n;
}

void
FullTcpMib::CountTransition(FullTcpState from, FullTcpState to)
{
    // RFC 1213 tcp group: each counter names "direct transitions" between two states.
    if (from == S::CLOSED && to == S::SYN_SENT)
    {
        ++activeOpens;
    }
    if (from == S::LISTEN && to == S::SYN_RCVD)
    {
        ++passiveOpens;
    }
    if (((from == S::SYN_SENT || from == S::SYN_RCVD) && to == S::CLOSED)
        || (from == S::SYN_RCVD && to == S::LISTEN))
    {
        ++attemptFails;
    }
    if (CountsAsEstablished(from) && to == S::CLOSED)
    {
        ++estabResets;
    }
    // tcpCurrEstab is a gauge: ESTABLISHED -> CLOSE_WAIT stays counted.
    if (!CountsAsEstablished(from) && CountsAsEstablished(to))
    {
        ++currEstab;
    }
    else if (CountsAsEstablished(from) && !CountsAsEstablished(to) && currEstab > 0)
    {
        --currEstab;
    }
}

void
FullTcpMib::CountReceived()
{
    ++inSegs; // "including those received in error"
}

void
FullTcpMib::CountSent(const FullTcpHeader& header, bool retransmission)
{
    ++(retransmission ? retransSegs : outSegs);
    if (header.HasFlags(FullTcpHeader::RST))
    {
        ++outRsts;
    }
}

void
FullTcpMib::CountDrop(FullTcpL4DropReason reason)
{
    ++drops[static_cast<size_t>(reason)];
}

void
FullTcpMib::CountParseError(FullTcpParseError error)
{
    const auto i = static_cast<size_t>(error);
    if (i < parseErrors.size())
    {
        ++parseErrors[i];
    }
    ++inErrs;
    CountDrop(error == FullTcpParseError::BAD_CHECKSUM ? FullTcpL4DropReason::BAD_CHECKSUM
                                                       : FullTcpL4DropReason::MALFORMED);
}

void
FullTcpMib::CountEcn(FullTcpEcnEvent event)
{
    switch (event)
    {
    case FullTcpEcnEvent::ECE_REDUCTION:
        ++ecnEchoReductions;
        break;
    case FullTcpEcnEvent::CWR_SENT:
        ++ecnCwrSent;
        break;
    case FullTcpEcnEvent::CE_RECEIVED:
        ++ecnCeReceived;
        break;
    }
}

void
FullTcpMib::CountLossEvent(const FullTcpLossEvent& event)
{
    switch (event.kind)
    {
    case FullTcpLossEvent::Kind::TAIL_LOSS_PROBE:
        ++lossProbes;
        break;
    case FullTcpLossEvent::Kind::UNDO:
        undo.Count(event.undo);
        break;
    case FullTcpLossEvent::Kind::RACK_LOST:
        break; // Linux has no counter of RACK's marks
    }
}

void
FullTcpMib::Print(std::ostream& os) const
{
    os << "ActiveOpens " << activeOpens << "\n"
       << "PassiveOpens " << passiveOpens << "\n"
       << "AttemptFails " << attemptFails << "\n"
       << "EstabResets " << estabResets << "\n"
       << "CurrEstab " << currEstab << "\n"
       << "InSegs " << inSegs << "\n"
       << "OutSegs " << outSegs << "\n"
       << "RetransSegs " << retransSegs << "\n"
       << "InErrs " << inErrs << "\n"
       << "OutRsts " << outRsts << "\n"
       << "ListenOverflows " << ListenOverflows() << "\n"
       << "ListenDrops " << ListenDrops() << "\n"
       << "SyncookiesSent " << synCookiesSent << "\n"
       << "SyncookiesRecv " << synCookiesAccepted << "\n"
       << "EcnEchoReductions " << ecnEchoReductions << "\n"
       << "EcnCwrSent " << ecnCwrSent << "\n"
       << "EcnCeReceived " << ecnCeReceived << "\n"
       << "TCPLossProbes " << lossProbes << "\n"
       << "TCPFullUndo " << undo.fullUndo << "\n"
       << "TCPPartialUndo " << undo.partialUndo << "\n"
       << "TCPDSACKUndo " << undo.dsackUndo << "\n"
       << "TCPLossUndo " << undo.lossUndo << "\n"
       << "TCPSpuriousRTOs " << undo.spuriousRtos << "\n";
    for (uint32_t i = 0; i < FULLTCP_L4_DROP_REASON_COUNT; ++i)
    {
        os << "Drop." << static_cast<FullTcpL4DropReason>(i) << " " << drops[i] << "\n";
    }
    for (uint32_t i = 1; i < parseErrors.size(); ++i)
    {
        os << "ParseError." << static_cast<FullTcpParseError>(i) << " " << parseErrors[i] << "\n";
    }
}

std::ostream&
operator<<(std::ostream& os, const FullTcpMib& mib)
{
    mib.Print(os);
    return os;
}

} // namespace ns3
