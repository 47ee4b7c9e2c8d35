/*
 * FullTcp: a complete TCP for ns-3.
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: what to send next.
 */
#include "fulltcp-connection.h"

#include <algorithm>

namespace ns3
{

namespace
{
using S = FullTcpState;
} // namespace

bool
FullTcpConnection::SendingAllowed() const
{
    // Data and FIN go out only once our SYN is acknowledged (§3.10.2: SYN-SENT and
    // SYN-RECEIVED queue them "for transmission after entering ESTABLISHED state"), and
    // only in states whose sending side is still open or closing.
    const S st = m_tcb.state;
    return m_tcb.SynAcked()
        && (st == S::ESTABLISHED || st == S::CLOSE_WAIT || st == S::FIN_WAIT_1
            || st == S::LAST_ACK);
}

int64_t
FullTcpConnection::NewDataLimit() const
{
    return m_tcb.sndUna + m_tcb.sndWnd;
}

bool
FullTcpConnection::SendingPolicyAllows(int64_t, int64_t, int64_t) const
{
    return true;
}

bool
FullTcpConnection::SendNewSegment(int64_t limit, bool ignorePolicy)
{
    const int64_t start = m_tcb.sndNxt;
    const int64_t end = SegmentEnd(start, limit, true);
    if (end <= start || (!ignorePolicy && !SendingPolicyAllows(start, end, limit)))
    {
        return false;
    }
    if (m_tcb.sndUna == m_tcb.sndNxt)
    {
        m_tcb.lastProgress = m_now; // the user timeout counts from here (RFC 5482)
    }
    SendRange(start, end);
    m_tcb.sndNxt = end;
    m_tcb.rtxNxt = end;
    // RFC 6298 §3: time one segment at a time when timestamps give no samples.
    if (!m_tcb.tsOk && !m_tcb.rttTimedEnd)
    {
        m_tcb.rttTimedEnd = end;
        m_tcb.rttTimedAt = m_now;
    }
    StartRetransmitTimerIfIdle();
    return true;
}

void
FullTcpConnection::Output()
{
    if (!SendingAllowed())
    {
        return;
    }
    while (SendNewSegment(NewDataLimit(), false))
    {
    }
}

} // namespace ns3
