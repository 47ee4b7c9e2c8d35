/*
 * Engine: F-RTO, detecting spurious retransmission timeouts (RFC 5682 §2.1, §3.1; Linux tcp_frto)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-frto.h"

namespace ns3
{

const char*
FullTcpFrtoStepName(FullTcpFrto::Step s)
{
    switch (s)
    {
    case FullTcpFrto::Step::OFF:
        return "OFF";
    case FullTcpFrto::Step::FIRST_ACK:
        return "FIRST_ACK";
    case FullTcpFrto::Step::SEND_NEW:
        return "SEND_NEW";
    case FullTcpFrto::Step::SECOND_ACK:
        return "SECOND_ACK";
    }
    return "INVALID_FRTO_STEP";
}

void
FullTcpFrto::OnTimeout(bool enter, int64_t recover)
{
    // Step 1: "retransmit the first unacknowledged segment" (the engine did); "If the TCP
    // sender is already in RTO recovery AND "recover" is larger than or equal to SND.UNA, do
    // not enter step 2" — the caller says whether to enter.
    m_step = enter ? Step::FIRST_ACK : Step::OFF;
    m_recover = recover;
    m_sackedAbove = 0;
}

FullTcpFrto::Verdict
FullTcpFrto::OnAck(const FullTcpFrtoAck& a)
{
    const int64_t newAbove = a.sackedAbove > m_sackedAbove ? a.sackedAbove - m_sackedAbove : 0;
    m_sackedAbove = a.sackedAbove;
    switch (m_step)
    {
    case Step::OFF:
    case Step::SEND_NEW:
        return Verdict::NONE;
    case Step::FIRST_ACK:
        if (!a.advanced)
        {
            // §3.1 step 2: "If duplicate ACKs arrive before the cumulative acknowledgment for
            // retransmitted data, adjust the scoreboard ... Stay in step 2". §2.1 step 2a
            // (no SACK): a duplicate ACK reverts to the conventional recovery.
            if (!a.sack && a.duplicate)
            {
                m_step = Step::OFF;
                return Verdict::FALL_BACK;
            }
            return Verdict::NONE;
        }
        if (a.ack >= m_recover)
        {
            // Step 2a: everything outstanding at the timeout is acknowledged; nothing to
            // judge (Linux tcp_process_loss(): "recovered").
            m_step = Step::OFF;
            return Verdict::FALL_BACK;
        }
        // Step 2b: "transmit up to two new (previously unsent) segments and proceed to step
        // 3" (Linux: REXMIT_NEW). recover stays SND.NXT: nothing new was sent since the
        // timeout (Linux sets high_seq = snd_nxt here).
        m_step = Step::SEND_NEW;
        return Verdict::SEND_NEW;
    case Step::SECOND_ACK:
    {
        const int64_t newBelow = a.newlySacked > newAbove ? a.newlySacked - newAbove : 0;
        if (a.sack && (a.ack > m_recover || newAbove > 0))
        {
            // §3.1 step 3a: "if the Cumulative Acknowledgment field or the SACK information
            // covers more than recover ... proceed with the conventional RTO recovery".
            m_step = Step::OFF;
            return Verdict::FALL_BACK;
        }
        if (a.advanced || newBelow > 0)
        {
            // §3.1 step 3b / §2.1 step 3b: it acknowledges data sent before the timeout
            // and not retransmitted since: the timeout was spurious.
            m_step = Step::OFF;
            return Verdict::SPURIOUS;
        }
        if (a.duplicate)
        {
            // Step 3a: "Take this branch also when the acknowledgment is a duplicate ACK and
            // it does not acknowledge any new, previously unacknowledged data below recover".
            m_step = Step::OFF;
            return Verdict::FALL_BACK;
        }
        // "Other types of ACKs are ignored without any action" (a window update, say).
        return Verdict::NONE;
    }
    }
    return Verdict::NONE;
}

void
FullTcpFrto::NewDataSent(bool sent)
{
    if (m_step != Step::SEND_NEW)
    {
        return;
    }
    // §3.1 step 2b: "If the TCP sender is not able to transmit any previously unsent data
    // ... continue with slow-start retransmissions following the conventional RTO recovery".
    m_step = sent ? Step::SECOND_ACK : Step::OFF;
}

void
FullTcpFrto::Stop()
{
    m_step = Step::OFF;
}

FullTcpFrto::Step
FullTcpFrto::GetStep() const
{
    return m_step;
}

int64_t
FullTcpFrto::GetRecover() const
{
    return m_recover;
}

bool
FullTcpFrto::SendNewPending() const
{
    return m_step == Step::SEND_NEW;
}

bool
FullTcpFrto::HoldsRetransmissions() const
{
    return m_step == Step::SEND_NEW || m_step == Step::SECOND_ACK;
}

} // namespace ns3
