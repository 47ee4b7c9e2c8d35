/*
 * Engine: F-RTO and undo of spurious cwnd reductions, the connection's hooks (RFC 5682, 3522, 3708)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: where the engine tells the undo bookkeeping (FullTcpUndo) and F-RTO
 * (FullTcpFrto) what happens, and acts on what they conclude, as Linux tcp_input.c does in
 * tcp_fastretrans_alert() and tcp_process_loss(). The hooks are engine-level: they work
 * with whichever loss recovery is picked, through the same EnterRecovery() and
 * ExitRecovery() the recoveries use.
 */
#include "fulltcp-connection.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpUndoHooks");

namespace
{
using Ca = FullTcpCaState;

/// \param cwnd cwnd \return Linux tcp_current_ssthresh() outside a reduction: 3/4 of cwnd
uint32_t
ThreeQuarters(uint32_t cwnd)
{
    return cwnd / 2 + cwnd / 4;
}
} // namespace

void
FullTcpConnection::UndoBeginRecovery()
{
    // Linux tcp_enter_recovery(): tcp_init_undo(), prior_ssthresh = tcp_current_ssthresh()
    // and prior_cwnd = cwnd (tcp_init_cwnd_reduction()), before ssthresh falls.
    const FullTcpCongestionState& w = m_tcb.cc;
    m_tcb.undo.Begin(
        m_tcb.sndUna, w.cwnd, std::max(w.ssthresh, ThreeQuarters(w.cwnd)), m_tcb.sndMss);
    m_tcb.frto.Stop();
}

void
FullTcpConnection::UndoBeginTimeout()
{
    // Linux tcp_enter_loss(): a new undo episode where ssthresh is reduced for this window
    // ("if it has not yet been made inside this window"): from Open or Disorder, once the
    // previous recovery point is passed, or a new timeout in Loss after progress. A timeout
    // during fast recovery keeps the episode (and prior values) that the recovery began.
    const Ca st = m_tcb.caState;
    const bool open = st == Ca::OPEN || st == Ca::DISORDER;
    const FullTcpCongestionState& w = m_tcb.cc;
    if (open || m_tcb.sndUna >= m_tcb.recover || (st == Ca::LOSS && m_tcb.retransmits == 0))
    {
        const uint32_t current =
            st == Ca::RECOVERY ? w.ssthresh : std::max(w.ssthresh, ThreeQuarters(w.cwnd));
        m_tcb.undo.Begin(m_tcb.sndUna, w.cwnd, current, m_tcb.sndMss);
    }
    // RFC 5682 §3.1 step 1, as Linux tcp_enter_loss() sets tp->frto: unless a loss recovery
    // is under way, except a repeated timeout of the same SND.UNA. (The RFC leaves out the
    // repeated timeout: "If the TCP sender is already in RTO recovery AND recover is larger
    // than or equal to SND.UNA, do not enter step 2".) recover = SND.NXT.
    const bool enter = m_config.frto && (open || m_tcb.retransmits > 0);
    m_tcb.frto.OnTimeout(enter, m_tcb.sndNxt);
}

void
FullTcpConnection::UndoOnAck(const FullTcpAckInfo& info, const FullTcpHeader& h)
{
    FullTcpUndo& u = m_tcb.undo;
    u.Acknowledged(m_tcb.sndUna);
    std::optional<uint32_t> tsecr;
    const auto ts = h.GetOptions().GetTimestamp();
    if (m_tcb.tsOk && ts && ts->echo != 0)
    {
        tsecr = ts->echo; // Linux tcp_tsopt_ecr_before(): saw_tstamp && rcv_tsecr
    }
    const bool advanced = info.acked > 0;
    switch (m_tcb.caState)
    {
    case Ca::LOSS:
        LossAck(info, tsecr);
        break;
    case Ca::RECOVERY:
        if (!m_config.undo)
        {
            break;
        }
        if (advanced && info.ack >= m_tcb.recover)
        {
            // Linux tcp_try_undo_recovery() at the full ACK: "We did not retransmit
            // anything or our original transmission succeeded".
            if (u.MayUndo(tsecr))
            {
                UndoReduction(FullTcpUndoKind::FULL);
                ExitRecovery();
            }
        }
        else if (advanced && u.GetMarker() && u.PacketDelayed(tsecr)
                 && !u.RetransmissionsOut(m_tcb.sndUna))
        {
            // Linux tcp_try_undo_partial(): the hole was filled by the delayed original, and
            // no retransmission is still out.
            UndoReduction(FullTcpUndoKind::PARTIAL);
            ExitRecovery();
        }
        else if (u.AllRetransmissionsDsacked())
        {
            // Linux tcp_try_undo_dsack(), then tcp_try_to_open().
            UndoReduction(FullTcpUndoKind::DSACK);
            ExitRecovery();
        }
        break;
    case Ca::OPEN:
    case Ca::DISORDER:
    case Ca::CWR:
        // D-SACKs for the retransmissions often arrive after the recovery ended (Linux
        // tcp_fastretrans_alert() calls tcp_try_undo_dsack() in Open and Disorder).
        if (m_config.undo && u.AllRetransmissionsDsacked())
        {
            UndoReduction(FullTcpUndoKind::DSACK);
        }
        break;
    }
    if ((m_tcb.caState == Ca::OPEN || m_tcb.caState == Ca::DISORDER)
        && !u.RetransmissionsOut(m_tcb.sndUna))
    {
        // Linux clears retrans_stamp in Open (tcp_fastretrans_alert()) once no
        // retransmission is out (tcp_try_to_open()).
        u.ClearStamp();
    }
}

void
FullTcpConnection::LossAck(const FullTcpAckInfo& info, std::optional<uint32_t> tsecr)
{
    FullTcpUndo& u = m_tcb.undo;
    // Linux tcp_process_loss(): first tcp_try_undo_loss(sk, false) on an ACK that advances
    // SND.UNA: every retransmission D-SACKed, or the ACK echoes a timestamp from before the
    // first retransmission (Eifel, RFC 3522 §3.2).
    if (m_config.undo && info.acked > 0 && u.MayUndo(tsecr))
    {
        const char* how = u.AllRetransmissionsDsacked() ? "DSACK" : "Eifel";
        m_tcb.frto.Stop();
        UndoReduction(FullTcpUndoKind::LOSS);
        m_out.SpuriousTimeout(how);
        LeaveLossAfterUndo();
        return;
    }
    const FullTcpFrto::Step step = m_tcb.frto.GetStep();
    const int64_t recover = m_tcb.frto.GetRecover();
    FullTcpFrtoAck a;
    a.ack = info.ack;
    a.advanced = info.acked > 0;
    a.duplicate = info.duplicate;
    a.newlySacked = info.newlySacked;
    a.sackedAbove = m_tcb.sndNxt > recover
                      ? m_tcb.scoreboard.SackedIn(FullTcpRange {recover, m_tcb.sndNxt})
                      : 0;
    a.sack = m_tcb.sackOk;
    switch (m_tcb.frto.OnAck(a))
    {
    case FullTcpFrto::Verdict::SPURIOUS:
        // RFC 5682 §3.1 step 3b, and the response Linux gives it: tcp_try_undo_loss(sk,
        // true) restores cwnd and ssthresh, leaves Loss and sends new data.
        NS_LOG_LOGIC(m_tcb.localPort << ">" << m_tcb.remotePort << " F-RTO: spurious timeout");
        UndoReduction(FullTcpUndoKind::FRTO);
        m_out.SpuriousTimeout("F-RTO");
        LeaveLossAfterUndo();
        break;
    case FullTcpFrto::Verdict::FALL_BACK:
    {
        // Step 2a: "set the congestion window to no more than 2 * MSS"; step 3a: "no more
        // than 3 * MSS" (two round trips since the timeout). Linux keeps the slow-start cwnd.
        const uint32_t cap = (step == FullTcpFrto::Step::FIRST_ACK ? 2 : 3) * m_tcb.sndMss;
        m_tcb.cc.cwnd = std::min(m_tcb.cc.cwnd, cap);
        break;
    }
    case FullTcpFrto::Verdict::SEND_NEW:
    case FullTcpFrto::Verdict::NONE:
        break;
    }
}

void
FullTcpConnection::LeaveLossAfterUndo()
{
    // Linux tcp_undo_cwnd_reduction(sk, true) clears the lost marks: nothing below SND.NXT is
    // presumed lost any more, so go-back-N stops. RFC 5682 §2.1 step 3b: "set the value of
    // the recover variable to SND.UNA". Linux then enters Open (tcp_try_undo_loss()).
    m_tcb.rtxNxt = std::max(m_tcb.rtxNxt, m_tcb.sndNxt);
    m_tcb.recover = m_tcb.sndUna;
    m_tcb.retransmits = 0;
    SetCaState(OpenOrDisorder());
}

void
FullTcpConnection::UndoReduction(FullTcpUndoKind kind)
{
    // Linux tcp_undo_cwnd_reduction(): cwnd from the congestion control (undo_cwnd),
    // ssthresh = max(ssthresh, prior_ssthresh); the episode ends (undo_marker = 0).
    FullTcpUndo& u = m_tcb.undo;
    FullTcpCongestionState& w = m_tcb.cc;
    w.cwnd = m_cc->UndoCwnd(w, u.GetPriorCwnd(), CongestionContext());
    w.ssthresh = std::max(w.ssthresh, u.GetPriorSsthresh());
    u.End();
    u.Count(kind);
    NS_LOG_LOGIC(m_tcb.localPort << ">" << m_tcb.remotePort << " undo ("
                                 << FullTcpUndoKindName(kind) << "): cwnd " << w.cwnd
                                 << " ssthresh " << w.ssthresh);
    m_out.ReductionUndone(kind, w.cwnd, w.ssthresh);
    // Linux tcp_undo_cwnd_reduction(sk, unmark_loss): the lost marks go after a timeout
    // (tcp_try_undo_loss()) and a partial ACK (tcp_try_undo_partial()).
    const bool unmarkLoss = kind == FullTcpUndoKind::PARTIAL || kind == FullTcpUndoKind::LOSS
                         || kind == FullTcpUndoKind::FRTO;
    m_recovery->OnUndo(*this, unmarkLoss);
}

bool
FullTcpConnection::FrtoOutput()
{
    FullTcpFrto& f = m_tcb.frto;
    if (!f.SendNewPending())
    {
        return f.HoldsRetransmissions();
    }
    // RFC 5682 §3.1 step 2b: "transmit up to two new (previously unsent) segments"; the
    // sender "MAY override the Nagle algorithm" (Linux: TCP_NAGLE_OFF). They stand in for
    // the two retransmissions slow start would send now, so cwnd allows them (§2.1 step 2b);
    // only the peer's window limits them. Go-back-N resumes from where it stood if F-RTO
    // falls back.
    const int64_t rtxNxt = m_tcb.rtxNxt;
    uint32_t sent = 0;
    while (sent < 2)
    {
        const int64_t end = SegmentEnd(m_tcb.sndNxt, m_tcb.sndUna + m_tcb.sndWnd, true);
        if (end <= m_tcb.sndNxt)
        {
            break;
        }
        SendNewSegment(end);
        ++sent;
    }
    m_tcb.rtxNxt = rtxNxt;
    f.NewDataSent(sent > 0);
    return sent > 0;
}

} // namespace ns3
