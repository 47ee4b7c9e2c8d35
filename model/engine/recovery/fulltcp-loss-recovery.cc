/*
 * Engine: loss recovery interface (gVisor lossRecovery; RFC 5681 §3.2, RFC 6582, RFC 6675)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-loss-recovery.h"

#include "ns3/fulltcp-tcb.h"

namespace ns3
{

void
FullTcpLossRecovery::OnTimeout(FullTcpRecoverySender&)
{
}

uint32_t
FullTcpLossRecovery::BytesInFlight(const FullTcpRecoverySender& s) const
{
    return s.Tcb().FlightSize();
}

void
FullTcpDupAckRecovery::OnAck(const FullTcpAckInfo& ack, FullTcpRecoverySender& s)
{
    const FullTcpTcb& t = s.Tcb();
    if (ack.acked > 0 && t.inRecovery)
    {
        if (ack.ack >= t.recover)
        {
            FullAck(s);
            s.ExitRecovery();
        }
        else
        {
            PartialAck(ack, s);
        }
    }
    if (!ack.duplicate)
    {
        return;
    }
    if (t.inRecovery)
    {
        DuplicateInRecovery(s);
    }
    else if (LossDetected(s) && t.sndUna > t.recover)
    {
        StartRecovery(s);
    }
}

bool
FullTcpDupAckRecovery::LossDetected(const FullTcpRecoverySender& s) const
{
    return s.Tcb().dupAcks >= s.DupThresh();
}

void
FullTcpDupAckRecovery::DuplicateInRecovery(FullTcpRecoverySender&)
{
}

void
FullTcpDupAckRecovery::PartialAck(const FullTcpAckInfo&, FullTcpRecoverySender&)
{
}

void
FullTcpDupAckRecovery::FullAck(FullTcpRecoverySender&)
{
}

} // namespace ns3
