/*
 * Engine: undo bookkeeping of cwnd reductions (Linux undo_marker, undo_retrans, RFC 3522, 3708)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-undo.h"

#include <algorithm>
#include <limits>

namespace ns3
{

const char*
FullTcpUndoKindName(FullTcpUndoKind k)
{
    switch (k)
    {
    case FullTcpUndoKind::FULL:
        return "full";
    case FullTcpUndoKind::PARTIAL:
        return "partial";
    case FullTcpUndoKind::DSACK:
        return "dsack";
    case FullTcpUndoKind::LOSS:
        return "loss";
    case FullTcpUndoKind::FRTO:
        return "frto";
    }
    return "INVALID_UNDO_KIND";
}

int32_t
FullTcpUndo::Segments(int64_t length, uint32_t smss)
{
    // Linux counts D-SACKed and retransmitted data in packets (tcp_skb_pcount(); for data
    // already acknowledged, DIV_ROUND_UP(length, mss) in tcp_dsack_seen()).
    const int64_t mss = std::max<uint32_t>(smss, 1);
    return static_cast<int32_t>(std::max<int64_t>(1, (length + mss - 1) / mss));
}

void
FullTcpUndo::Begin(int64_t sndUna, uint32_t priorCwnd, uint32_t priorSsthresh, uint32_t smss)
{
    // Linux tcp_init_undo(): "Retransmission still in flight may cause DSACKs later", so
    // undo_retrans starts at retrans_out; 0 would mean "can undo now", hence -1.
    m_marker = sndUna;
    m_priorCwnd = priorCwnd;
    m_priorSsthresh = priorSsthresh;
    Acknowledged(sndUna);
    int32_t out = 0;
    for (const auto& i : m_retransOut)
    {
        out += Segments(FullTcpRangeOf(i).Length(), smss);
    }
    m_retrans = out > 0 ? out : -1;
}

void
FullTcpUndo::Retransmitted(FullTcpRange r, uint32_t tsVal, uint32_t smss)
{
    if (r.Length() == 0)
    {
        return;
    }
    // Linux tcp_retransmit_skb(): "Save stamp of the first (attempted) retransmit", and
    // undo_retrans counts every retransmitted packet.
    if (!m_retransStamp)
    {
        m_retransStamp = tsVal;
    }
    m_retrans = std::max(m_retrans, 0) + Segments(r.Length(), smss);
    m_retransOut += FullTcpInterval(r.start, r.end);
}

void
FullTcpUndo::DsackArrived(FullTcpRange r, int64_t sndUna, uint32_t smss)
{
    // Linux counts a D-SACK only above the marker, and only while retransmissions remain to
    // be accounted for (undo_retrans > 0).
    if (!m_marker || m_retrans <= 0 || r.end <= *m_marker)
    {
        return;
    }
    int32_t duplicates = 0;
    if (r.end <= sndUna)
    {
        // tcp_check_dsack(): "D-SACK for already forgotten data... Do dumb counting."
        duplicates = Segments(r.Length(), smss);
    }
    else
    {
        // tcp_sacktag_one(): a D-SACK counts for segments that were retransmitted
        // (TCPCB_RETRANS); a duplicate of data sent once says nothing about our resends.
        FullTcpRangeSet covered;
        covered += FullTcpInterval(r.start, r.end);
        covered &= m_retransOut;
        for (const auto& i : covered)
        {
            duplicates += Segments(FullTcpRangeOf(i).Length(), smss);
        }
    }
    m_retrans = std::max(0, m_retrans - duplicates);
}

void
FullTcpUndo::Acknowledged(int64_t sndUna)
{
    m_retransOut -= FullTcpInterval(std::numeric_limits<int64_t>::min(), sndUna);
}

bool
FullTcpUndo::PacketDelayed(std::optional<uint32_t> tsecr) const
{
    // Linux tcp_packet_delayed(): "got echoed TS before first retransmission" (RFC 3522 §3.2,
    // the Eifel detection: the ACK was sent for the original transmission); or nothing was
    // retransmitted at all.
    if (!m_retransStamp)
    {
        return true;
    }
    return tsecr && static_cast<int32_t>(*tsecr - *m_retransStamp) < 0;
}

bool
FullTcpUndo::MayUndo(std::optional<uint32_t> tsecr) const
{
    // Linux tcp_may_undo(): undo_marker && (!undo_retrans || tcp_packet_delayed()).
    return m_marker && (m_retrans == 0 || PacketDelayed(tsecr));
}

bool
FullTcpUndo::AllRetransmissionsDsacked() const
{
    return m_marker && m_retrans == 0;
}

bool
FullTcpUndo::RetransmissionsOut(int64_t sndUna) const
{
    return boost::icl::intersects(m_retransOut,
                                  FullTcpInterval(sndUna, std::numeric_limits<int64_t>::max()));
}

void
FullTcpUndo::End()
{
    m_marker.reset();
}

void
FullTcpUndo::ClearStamp()
{
    m_retransStamp.reset();
}

void
FullTcpUndoCounters::Count(FullTcpUndoKind kind)
{
    switch (kind)
    {
    case FullTcpUndoKind::FULL:
        ++fullUndo;
        break;
    case FullTcpUndoKind::PARTIAL:
        ++partialUndo;
        break;
    case FullTcpUndoKind::DSACK:
        ++dsackUndo;
        break;
    case FullTcpUndoKind::LOSS:
        ++lossUndo;
        break;
    case FullTcpUndoKind::FRTO:
        // Linux tcp_try_undo_loss(sk, true) counts both.
        ++lossUndo;
        ++spuriousRtos;
        break;
    }
}

void
FullTcpUndo::Count(FullTcpUndoKind kind)
{
    m_counters.Count(kind);
}

std::optional<int64_t>
FullTcpUndo::GetMarker() const
{
    return m_marker;
}

int32_t
FullTcpUndo::GetRetrans() const
{
    return m_retrans;
}

uint32_t
FullTcpUndo::GetPriorCwnd() const
{
    return m_priorCwnd;
}

uint32_t
FullTcpUndo::GetPriorSsthresh() const
{
    return m_priorSsthresh;
}

std::optional<uint32_t>
FullTcpUndo::GetRetransStamp() const
{
    return m_retransStamp;
}

const FullTcpUndoCounters&
FullTcpUndo::GetCounters() const
{
    return m_counters;
}

} // namespace ns3
