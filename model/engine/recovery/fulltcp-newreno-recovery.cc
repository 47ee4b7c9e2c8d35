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
FullTcpNewRenoRecovery::DoRecovery(FullTcpRecoverySender&)
{
    // Retransmissions go with the ACKs (fast retransmit, partial ACKs); new data goes as
    // the inflated cwnd allows, through the ordinary output.
    return false;
}

void
FullTcpNewRenoRecovery::StartRecovery(FullTcpRecoverySender& s)
{
    // RFC 5681 §3.2 step 3: "set cwnd to ssthresh plus 3*SMSS. This artificially
    // "inflates" the congestion window by the number of segments (three) that have left the
    // network and which the receiver has buffered" (DupThresh of them).
    s.EnterRecovery(s.DupThresh() * s.Tcb().sndMss);
}

void
FullTcpNewRenoRecovery::DuplicateInRecovery(FullTcpRecoverySender& s)
{
    // RFC 5681 §3.2 step 4 (RFC 6582 §3.2): each further duplicate ACK inflates cwnd by one
    // SMSS, for the segment that has left the network.
    s.Window().cwnd += s.Tcb().sndMss;
}

void
FullTcpNewRenoRecovery::PartialAck(const FullTcpAckInfo& ack, FullTcpRecoverySender& s)
{
    // RFC 6582 §3.2 step 4: retransmit the first unacknowledged segment, deflate cwnd by the
    // amount acknowledged and add back one SMSS if at least that much was acknowledged.
    s.RetransmitFirstUnacknowledged();
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

} // namespace ns3
