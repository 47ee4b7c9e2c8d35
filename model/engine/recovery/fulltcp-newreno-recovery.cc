/*
 * Engine: NewReno loss recovery (RFC 5681 §3.2 fast retransmit/fast recovery, RFC 6582)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-newreno-recovery.h"

#include "ns3/fulltcp-tcb.h"

#include <algorithm>

namespace ns3
{

FULLTCP_REGISTER_LOSS_RECOVERY(FullTcpNewRenoRecovery, FullTcpNewRenoRecovery::NAME);

std::string
FullTcpNewRenoRecovery::GetName() const
{
    return NAME;
}

bool
FullTcpNewRenoRecovery::IsDuplicateAck(const FullTcpAckInfo& ack,
                                       const FullTcpRecoverySender& s) const
{
    // RFC 5681 §2: "(a) the receiver of the ACK has outstanding data, (b) the incoming
    // acknowledgment carries no data, (c) the SYN and FIN bits are both off, (d) the
    // acknowledgment number is equal to the greatest acknowledgment received ... and (e) the
    // advertised window in the incoming acknowledgment equals the advertised window in the
    // last incoming acknowledgment".
    const FullTcpTcb& t = s.Tcb();
    return t.sndNxt > t.sndUna && ack.dataLength == 0 && !ack.synOrFin && ack.ack == t.sndUna
        && ack.window == t.sndWnd;
}

bool
FullTcpNewRenoRecovery::DoRecovery(FullTcpRecoverySender& s)
{
    // Retransmissions go with the ACKs (fast retransmit, partial ACKs); new data goes as
    // the inflated cwnd allows, through the ordinary output. PRR's cwnd counts the pipe, not
    // FlightSize (RFC 9937 §6.2): new data goes while pipe + SMSS <= cwnd.
    const FullTcpTcb& t = s.Tcb();
    if (!s.Prr() || !t.inRecovery)
    {
        return false;
    }
    while (Pipe(s) + t.sndMss <= t.cc.cwnd)
    {
        const auto end = s.NextNewSegmentEnd(t.sndUna + t.sndWnd);
        if (!end)
        {
            break;
        }
        s.SendNewSegment(*end);
    }
    return true;
}

void
FullTcpNewRenoRecovery::StartRecovery(FullTcpRecoverySender& s)
{
    // RFC 5681 §3.2 step 3: "set cwnd to ssthresh plus 3*SMSS. This artificially
    // "inflates" the congestion window by the number of segments (three) that have left the
    // network and which the receiver has buffered" (DupThresh of them).
    // PRR counts those segments in its pipe instead (RFC 9937 §6.2).
    s.EnterRecovery(s.Prr() ? 0 : s.DupThresh() * s.Tcb().sndMss);
}

void
FullTcpNewRenoRecovery::DuplicateInRecovery(FullTcpRecoverySender& s)
{
    // RFC 5681 §3.2 step 4 (RFC 6582 §3.2): each further duplicate ACK inflates cwnd by one
    // SMSS, for the segment that has left the network (PRR counts it in DeliveredData).
    if (!s.Prr())
    {
        s.Window().cwnd += s.Tcb().sndMss;
    }
}

void
FullTcpNewRenoRecovery::PartialAck(const FullTcpAckInfo& ack, FullTcpRecoverySender& s)
{
    // RFC 6582 §3.2 step 4: retransmit the first unacknowledged segment, deflate cwnd by the
    // amount acknowledged and add back one SMSS if at least that much was acknowledged.
    s.RetransmitFirstUnacknowledged();
    ++m_partialAcks;
    if (s.Prr())
    {
        return; // cwnd is PRR's (RFC 9937 §6.2)
    }
    const uint32_t smss = s.Tcb().sndMss;
    FullTcpCongestionState& w = s.Window();
    uint32_t cwnd = w.cwnd > ack.acked ? w.cwnd - ack.acked : 0;
    if (ack.acked >= smss)
    {
        cwnd += smss;
    }
    w.cwnd = std::max(cwnd, smss);
}

void
FullTcpNewRenoRecovery::FullAck(FullTcpRecoverySender& s)
{
    // RFC 6582 §3.2 step 3, option 1: cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS),
    // which avoids a burst.
    const uint32_t smss = s.Tcb().sndMss;
    FullTcpCongestionState& w = s.Window();
    w.cwnd = std::min(w.ssthresh, std::max(s.Tcb().FlightSize(), smss) + smss);
}

int64_t
FullTcpNewRenoRecovery::DeliveredData(const FullTcpAckInfo& ack, const FullTcpRecoverySender& s)
{
    // RFC 9937 §6.2: "In recovery without SACK, DeliveredData is estimated to be 1 SMSS on
    // each received duplicate ACK (i.e., SND.UNA did not change). When SND.UNA advances
    // (i.e., a full or partial ACK), DeliveredData is the change in SND.UNA, minus 1 SMSS for
    // each preceding duplicate ACK." (FullTcpPrr::BoundEstimate() bounds it by RecoverFS.)
    const FullTcpTcb& t = s.Tcb();
    if (ack.acked > 0)
    {
        const uint32_t counted = std::min(ack.acked, m_dupDelivered);
        m_dupDelivered -= counted;
        return ack.acked - counted;
    }
    // A duplicate ACK counts while at least one hole stays outstanding: more duplicates than
    // segments report nothing delivered (as Linux tcp_limit_reno_sacked()).
    if (ack.duplicate && m_dupDelivered + 2 * t.sndMss <= t.FlightSize())
    {
        m_dupDelivered += t.sndMss;
        return t.sndMss;
    }
    return 0;
}

uint64_t
FullTcpNewRenoRecovery::LossIndicator(const FullTcpRecoverySender&) const
{
    return m_partialAcks;
}

bool
FullTcpNewRenoRecovery::EstimatesDeliveredData() const
{
    return true;
}

uint32_t
FullTcpNewRenoRecovery::Pipe(const FullTcpRecoverySender& s) const
{
    // FlightSize less the segments the duplicate ACKs say have left the network (Linux
    // tcp_packets_in_flight() with reno's sacked_out).
    const uint32_t flight = s.Tcb().FlightSize();
    const uint32_t duplicates =
        s.Prr() ? PrrState().BoundDuplicates(m_dupDelivered) : m_dupDelivered;
    return flight - std::min(flight, duplicates);
}

void
FullTcpNewRenoRecovery::OnTimeout(FullTcpRecoverySender&)
{
    // After a timeout everything outstanding is presumed lost (Linux tcp_enter_loss() calls
    // tcp_reset_reno_sack()).
    m_dupDelivered = 0;
}

} // namespace ns3
