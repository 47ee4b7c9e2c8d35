/*
 * Engine: RACK-TLP loss recovery (RFC 8985; Linux tcp_recovery.c), registered as "Rack"
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-rack.h"

#include "ns3/fulltcp-config.h"
#include "ns3/fulltcp-tcb.h"

#include <algorithm>

namespace ns3
{

namespace
{

/// Added to the reordering timer's wait: Linux tcp_rack_mark_lost() adds TCP_TIMEOUT_MIN_US.
const Time TIMEOUT_MIN = MicroSeconds(2000);

/// \return whether (t1, seq1) was sent after (t2, seq2): the later end breaks a tie of send
///         times (Linux tcp_skb_sent_after(); RFC 8985 §6.2 RACK_sent_after())
bool
SentAfter(Time t1, int64_t seq1, Time t2, int64_t seq2)
{
    return t1 > t2 || (t1 == t2 && seq1 > seq2);
}

void
ReorderExpired(const FullTcpTimerExpiry& e)
{
    // Only the "Rack" recovery arms the slot.
    if (auto* rack = dynamic_cast<FullTcpRackRecovery*>(&e.recovery))
    {
        rack->ReorderTimeout(e.sender);
    }
}

} // namespace

FULLTCP_REGISTER_LOSS_RECOVERY(FullTcpRackRecovery, FullTcpRackRecovery::NAME);

const FullTcpTimer FullTcpRackRecovery::REORDER_TIMER =
    FullTcpTimer::Register("RACK_REO", &ReorderExpired);

std::string
FullTcpRackRecovery::GetName() const
{
    return NAME;
}

// ------------------------------------------------------------------------------ the ring

uint32_t
FullTcpRackRecovery::Slot(size_t i) const
{
    return static_cast<uint32_t>((m_head + i) & (m_ring.size() - 1));
}

int64_t
FullTcpRackRecovery::StartOf(size_t i) const
{
    return i == 0 ? m_frontStart : m_ring[Slot(i - 1)].end;
}

size_t
FullTcpRackRecovery::FirstEndingAbove(int64_t offset) const
{
    size_t lo = 0;
    size_t hi = m_size;
    while (lo < hi)
    {
        const size_t mid = lo + (hi - lo) / 2;
        if (m_ring[Slot(mid)].end <= offset)
        {
            lo = mid + 1;
        }
        else
        {
            hi = mid;
        }
    }
    return lo;
}

void
FullTcpRackRecovery::Grow()
{
    const size_t oldSize = m_ring.size();
    const auto moved = [this, oldSize](uint32_t slot)
    {
        return slot == NIL ? NIL : static_cast<uint32_t>((slot - m_head) & (oldSize - 1));
    };
    std::vector<Segment> bigger(std::max<size_t>(16, 2 * oldSize));
    for (size_t i = 0; i < m_size; ++i)
    {
        Segment g = m_ring[Slot(i)];
        g.prev = moved(g.prev);
        g.next = moved(g.next);
        bigger[i] = g;
    }
    m_first = moved(m_first);
    m_last = moved(m_last);
    m_ring.swap(bigger);
    m_head = 0;
}

void
FullTcpRackRecovery::Push(int64_t end, Time now)
{
    if (m_size == m_ring.size())
    {
        Grow();
    }
    const uint32_t slot = Slot(m_size++);
    m_ring[slot] = Segment {end, now, NIL, NIL, 0};
    Link(slot);
}

void
FullTcpRackRecovery::Link(uint32_t slot)
{
    Segment& g = m_ring[slot];
    g.flags |= LISTED;
    g.prev = m_last;
    g.next = NIL;
    if (m_last != NIL)
    {
        m_ring[m_last].next = slot;
    }
    else
    {
        m_first = slot;
    }
    m_last = slot;
}

void
FullTcpRackRecovery::Unlink(uint32_t slot)
{
    Segment& g = m_ring[slot];
    if ((g.flags & LISTED) == 0)
    {
        return;
    }
    g.flags &= ~LISTED;
    (g.prev != NIL ? m_ring[g.prev].next : m_first) = g.next;
    (g.next != NIL ? m_ring[g.next].prev : m_last) = g.prev;
}

bool
FullTcpRackRecovery::Pending(uint8_t flags)
{
    return (flags & (LOST | RETRANS_OUT)) == LOST;
}

void
FullTcpRackRecovery::Account(uint8_t flags, int64_t bytes, int sign)
{
    if ((flags & SACKED) != 0)
    {
        m_sackedBytes += sign * bytes;
        m_sackedSegs += sign;
    }
    if ((flags & LOST) != 0)
    {
        m_lostBytes += sign * bytes;
    }
    if ((flags & RETRANS_OUT) != 0)
    {
        m_rtxOutBytes += sign * bytes;
    }
    if (Pending(flags))
    {
        m_pendingBytes += sign * bytes;
    }
}

void
FullTcpRackRecovery::SetFlags(Segment& g, int64_t bytes, uint8_t flags)
{
    Account(g.flags, bytes, -1);
    g.flags = flags;
    Account(g.flags, bytes, +1);
}

void
FullTcpRackRecovery::OnTransmit(const FullTcpTransmission& segment, FullTcpRecoverySender& s)
{
    const Time now = s.Now();
    if (m_size == 0)
    {
        m_frontStart = segment.start;
    }
    const int64_t highest = m_size > 0 ? m_ring[Slot(m_size - 1)].end : m_frontStart;
    // Every transmission restamps the segments it carries (Linux restamps a resent skb and
    // moves it to the tail of tsorted_sent_queue) ...
    for (size_t i = segment.start < highest ? FirstEndingAbove(segment.start) : m_size;
         i < m_size && StartOf(i) < segment.end;
         ++i)
    {
        const uint32_t slot = Slot(i);
        Segment& g = m_ring[slot];
        g.sent = now;
        uint8_t flags = g.flags;
        if (segment.retransmission)
        {
            flags |= EVER_RETRANS;
            // A resent segment is out again once all of it went (a piece may go first when
            // the segment size shrank since).
            if (segment.end >= g.end && (flags & RETRANS_OUT) == 0)
            {
                flags |= RETRANS_OUT;
                ++m_retransSegs;
            }
        }
        SetFlags(g, g.end - StartOf(i), flags);
        Unlink(slot);
        if ((flags & SACKED) == 0 && !Pending(flags))
        {
            Link(slot);
        }
    }
    // ... new sequence space gets a record of its own.
    if (segment.end > highest)
    {
        Push(segment.end, now);
    }
    // tcp_write_xmit(): "Send one loss probe per tail loss episode" after new data, unless
    // the data is the probe (push_one = 2).
    if (!segment.retransmission && !m_tlp.Sending())
    {
        m_tlp.Schedule(s, m_size);
    }
}

// --------------------------------------------------------------------------------- RACK

bool
FullTcpRackRecovery::IsDuplicateAck(const FullTcpAckInfo& ack, const FullTcpRecoverySender&) const
{
    // As with SACK (RFC 6675 §2): an ACK that SACKs new data. It only counts for Limited
    // Transmit and the congestion state; RACK does not count them.
    return ack.newlySacked > 0;
}

void
FullTcpRackRecovery::Delivered(
    const Segment& g, int64_t start, int64_t fack, Time now, const FullTcpRecoverySender& s)
{
    // RFC 8985 §6.2 step 3 (Linux tcp_check_sack_reordering()): a segment never resent that
    // is delivered below the highest sequence delivered before it arrived out of order.
    if ((g.flags & EVER_RETRANS) == 0 && start < fack)
    {
        m_reordSeen = true;
    }
    // Step 2 (tcp_rack_advance()): "If the sacked packet was retransmitted, it's ambiguous
    // whether the retransmission or the original (or the prior retransmission) was sacked";
    // one delivered sooner than min_rtt after it was resent is taken for the original's.
    const Time rtt = now - g.sent;
    const FullTcpRttEstimator& est = s.Tcb().rtt;
    if ((g.flags & EVER_RETRANS) != 0 && (!est.HasSample() || rtt < est.GetMinRtt()))
    {
        return;
    }
    m_advanced = true;
    m_rtt = rtt;
    if (!m_hasRack || SentAfter(g.sent, g.end, m_xmitTs, m_endSeq))
    {
        m_hasRack = true;
        m_xmitTs = g.sent;
        m_endSeq = g.end;
    }
}

void
FullTcpRackRecovery::Sacked(FullTcpRange r, int64_t priorUna, const FullTcpRecoverySender& s)
{
    const Time now = s.Now();
    // Our FIN's offset, if sent: a block that covers the data of the segment carrying it
    // SACKs that segment, with or without the FIN (RFC 2018 blocks are data; FreeBSD leaves
    // the FIN out, Linux puts it in).
    const FullTcpTcb& t = s.Tcb();
    const int64_t fin = t.FinSent() ? t.DataEnd() : -1;
    for (size_t i = FirstEndingAbove(r.start); i < m_size && StartOf(i) < r.end; ++i)
    {
        const uint32_t slot = Slot(i);
        Segment& g = m_ring[slot];
        const int64_t start = StartOf(i);
        const int64_t dataEnd = g.end == fin + 1 && fin > start ? fin : g.end;
        // A segment counts as SACKed once the block covers all of it (Linux tags whole skbs).
        if ((g.flags & SACKED) != 0 || start < r.start || dataEnd > r.end)
        {
            continue;
        }
        Delivered(g, start, std::max(m_highestSacked, priorUna), now, s);
        // tcp_sacktag_one(): a SACKed segment is neither lost nor resent in flight.
        SetFlags(
            g, g.end - start, static_cast<uint8_t>((g.flags | SACKED) & ~(LOST | RETRANS_OUT)));
        Unlink(slot);
        m_highestSacked = std::max(m_highestSacked, g.end);
    }
}

void
FullTcpRackRecovery::Acknowledged(int64_t una, int64_t fack, const FullTcpRecoverySender& s)
{
    const Time now = s.Now();
    while (m_size > 0 && m_frontStart < una)
    {
        const uint32_t slot = m_head;
        Segment& g = m_ring[slot];
        if (g.end > una)
        {
            // A partial acknowledgment delivers no segment (tcp_clean_rtx_queue()); the rest
            // stays outstanding.
            Account(g.flags, g.end - m_frontStart, -1);
            m_frontStart = una;
            Account(g.flags, g.end - m_frontStart, +1);
            return;
        }
        if ((g.flags & SACKED) == 0)
        {
            Delivered(g, m_frontStart, fack, now, s);
        }
        Account(g.flags, g.end - m_frontStart, -1);
        Unlink(slot);
        m_frontStart = g.end;
        m_head = Slot(1);
        --m_size;
    }
}

void
FullTcpRackRecovery::UpdateReorderWindow(const FullTcpAckInfo& ack, const FullTcpRecoverySender& s)
{
    // tcp_rack_update_reo_wnd(): only on an ACK that delivers something.
    if (ack.delivered <= 0)
    {
        return;
    }
    // "Disregard DSACK if a rtt has not passed since we adjusted reo_wnd" (Linux compares
    // delivery counts; RFC 8985 §6.2 step 4 ends the round when SND.UNA passes dsack_round).
    const FullTcpTcb& t = s.Tcb();
    if (m_dsackRound && t.sndUna >= *m_dsackRound)
    {
        m_dsackRound.reset();
    }
    if (m_dsackSeen && !m_dsackRound)
    {
        m_reoWndSteps = static_cast<uint8_t>(std::min<uint32_t>(0xff, m_reoWndSteps + 1U));
        m_dsackRound = t.sndNxt;
        m_reoWndPersist = REO_WND_PERSIST;
    }
    else if (!m_dsackSeen && m_reoWndPersist == 0)
    {
        m_reoWndSteps = 1;
    }
    m_dsackSeen = false;
}

Time
FullTcpRackRecovery::ReorderWindow(FullTcpRecoverySender& s)
{
    const FullTcpTcb& t = s.Tcb();
    Time wnd;
    // tcp_rack_reo_wnd(): "If reordering has not been observed, be aggressive during the
    // recovery or starting the recovery by DUPACK threshold."
    const bool aggressive = !m_reordSeen
                         && (t.inRecovery || t.caState == FullTcpCaState::RECOVERY
                             || t.caState == FullTcpCaState::LOSS || m_sackedSegs >= s.DupThresh());
    // "allow min_rtt/4 settling delay ... Upon receiving DSACKs, linearly increase the
    // window up to the smoothed RTT" (no RTT sample: SRTT 0, so 0).
    if (!aggressive && t.rtt.HasSample())
    {
        wnd =
            std::min(t.rtt.GetMinRtt() / 4 * static_cast<int64_t>(m_reoWndSteps), t.rtt.GetSrtt());
    }
    if (wnd != m_reoWnd)
    {
        FullTcpRecoveryEvent e;
        e.kind = FullTcpRecoveryEvent::Kind::RACK_REORDER_WINDOW;
        e.from = m_reoWnd;
        e.to = wnd;
        m_reoWnd = wnd;
        s.Report(e);
    }
    return wnd;
}

uint64_t
FullTcpRackRecovery::LossIndicator(const FullTcpRecoverySender&) const
{
    return m_lostMarks;
}

void
FullTcpRackRecovery::MarkLost(uint32_t slot, FullTcpRecoverySender& s)
{
    Segment& g = m_ring[slot];
    ++m_lostMarks; // Linux tcp_mark_skb_lost() counts it in newly_lost
    const size_t i = (slot - m_head) & (m_ring.size() - 1);
    const int64_t start = StartOf(i);
    // tcp_mark_skb_lost(): lost, and a retransmission in flight is lost again.
    SetFlags(g, g.end - start, static_cast<uint8_t>((g.flags | LOST) & ~RETRANS_OUT));
    Unlink(slot);
    m_rtxScanFrom = std::min(m_rtxScanFrom, start);
    FullTcpRecoveryEvent e;
    e.kind = FullTcpRecoveryEvent::Kind::RACK_LOST;
    e.start = start;
    e.end = g.end;
    s.Report(e);
}

Time
FullTcpRackRecovery::DetectLoss(FullTcpRecoverySender& s)
{
    const Time reoWnd = ReorderWindow(s);
    const Time now = s.Now();
    Time wait;
    if (!m_hasRack)
    {
        return wait;
    }
    // RFC 8985 §6.2 step 5 (tcp_rack_detect_loss()): in send-time order, every segment sent
    // before RACK.xmit_ts and not delivered within RACK.rtt + reo_wnd of its sending is lost.
    uint32_t slot = m_first;
    while (slot != NIL)
    {
        const Segment& g = m_ring[slot];
        const uint32_t next = g.next;
        if (!SentAfter(m_xmitTs, m_endSeq, g.sent, g.end))
        {
            break;
        }
        const Time remaining = m_rtt + reoWnd - (now - g.sent);
        if (!remaining.IsStrictlyPositive())
        {
            MarkLost(slot, s);
        }
        else
        {
            wait = std::max(wait, remaining);
        }
        slot = next;
    }
    return wait;
}

void
FullTcpRackRecovery::OnAck(const FullTcpAckInfo& ack, FullTcpRecoverySender& s)
{
    const FullTcpTcb& t = s.Tcb();
    const int64_t priorUna = ack.ack - ack.acked;
    const int64_t priorFack = std::max(m_highestSacked, priorUna);
    const bool wasInRecovery = t.inRecovery;
    // tcp_dsack_seen(): a D-SACK widens reo_wnd only when reordering was seen and it does not
    // report the tail loss probe (which is timer-driven, not RACK's), and only for segments
    // this side did resend ("Skip the DSACK if dup segs weren't retransmitted by sender").
    bool dsackOfProbe = false;
    if (ack.dsack.Length() > 0)
    {
        const int64_t smss = t.sndMss;
        dsackOfProbe = m_tlp.IsProbeDsack(ack.dsack, t.sndMss);
        m_dsackDups += ack.dsack.Length() > smss ? (ack.dsack.Length() + smss - 1) / smss : 1;
        if (m_dsackDups <= m_retransSegs && m_reordSeen && !dsackOfProbe)
        {
            m_dsackSeen = true;
        }
    }
    // tcp_sacktag_write_queue() (blocks in sequence order), then tcp_clean_rtx_queue().
    std::array<FullTcpRange, 4> blocks = ack.sackBlocks;
    const size_t count = std::min<size_t>(ack.sackBlockCount, blocks.size());
    for (size_t b = 1; b < count; ++b) // at most four: an insertion sort
    {
        for (size_t j = b; j > 0 && blocks[j].start < blocks[j - 1].start; --j)
        {
            std::swap(blocks[j], blocks[j - 1]);
        }
    }
    for (size_t b = 0; b < count; ++b)
    {
        Sacked(blocks[b], priorUna, s);
    }
    Acknowledged(ack.ack, priorFack, s);
    UpdateReorderWindow(ack, s);
    m_tlp.OnAck(ack, dsackOfProbe, s);
    // tcp_identify_packet_loss() -> tcp_rack_mark_lost(): only when RACK advanced.
    bool reorderTimerArmed = false;
    if (m_advanced)
    {
        m_advanced = false;
        const Time wait = DetectLoss(s);
        if (wait.IsStrictlyPositive())
        {
            // Linux arms ICSK_TIME_REO_TIMEOUT on the timer it shares with the probe.
            s.ArmTimer(REORDER_TIMER, wait + TIMEOUT_MIN);
            m_tlp.Cancel(s);
            reorderTimerArmed = true;
        }
    }
    // Recovery starts on a loss (tcp_time_to_recover()), ends at the full acknowledgment.
    FullTcpDupAckRecovery::OnAck(ack, s);
    if (wasInRecovery && !t.inRecovery && m_reoWndPersist > 0)
    {
        --m_reoWndPersist; // tcp_try_undo_recovery() without an undo
    }
    if (m_size == 0)
    {
        s.CancelTimer(REORDER_TIMER);
    }
    // tcp_set_xmit_timer() on an ACK of new data, unless RACK took the timer.
    if (ack.acked > 0 && !reorderTimerArmed)
    {
        m_tlp.Schedule(s, m_size);
    }
}

bool
FullTcpRackRecovery::StartsRecovery(const FullTcpAckInfo&, const FullTcpRecoverySender&) const
{
    // tcp_time_to_recover(): "Has loss detection marked at least one packet lost?"
    return m_lostBytes > 0;
}

void
FullTcpRackRecovery::StartRecovery(FullTcpRecoverySender& s)
{
    // cwnd = ssthresh: the pipe counts what left the network (as RFC 6675 (4.2)); the first
    // unacknowledged segment, the oldest lost, goes at once.
    s.EnterRecovery(0);
}

uint32_t
FullTcpRackRecovery::Pipe(const FullTcpRecoverySender& s) const
{
    // Linux tcp_packets_in_flight(): packets_out - (sacked_out + lost_out) + retrans_out.
    const int64_t pipe =
        static_cast<int64_t>(s.Tcb().FlightSize()) - m_sackedBytes - m_lostBytes + m_rtxOutBytes;
    return static_cast<uint32_t>(std::max<int64_t>(0, pipe));
}

uint32_t
FullTcpRackRecovery::BytesInFlight(const FullTcpRecoverySender& s) const
{
    return Pipe(s);
}

std::optional<FullTcpRange>
FullTcpRackRecovery::NextLost()
{
    for (size_t i = FirstEndingAbove(std::max(m_rtxScanFrom, m_frontStart)); i < m_size; ++i)
    {
        const Segment& g = m_ring[Slot(i)];
        if (Pending(g.flags))
        {
            return FullTcpRange {std::max(StartOf(i), m_rtxScanFrom), g.end};
        }
        m_rtxScanFrom = g.end; // nothing below waits: marking a segment lost moves it back
    }
    return std::nullopt;
}

bool
FullTcpRackRecovery::DoRecovery(FullTcpRecoverySender& s)
{
    const FullTcpTcb& t = s.Tcb();
    if (!t.inRecovery)
    {
        return false;
    }
    // tcp_xmit_retransmit_queue(): the segments marked lost, in sequence order, then new data
    // (tcp_write_xmit()), while the pipe leaves room for a segment.
    while (Pipe(s) + t.sndMss <= t.cc.cwnd)
    {
        if (m_pendingBytes > 0)
        {
            if (const auto lost = NextLost())
            {
                const int64_t end = s.RetransmitFrom(lost->start, lost->end);
                if (end <= lost->start)
                {
                    break;
                }
                m_rtxScanFrom = std::max(m_rtxScanFrom, std::min(end, lost->end));
                continue;
            }
        }
        const auto newEnd = s.NextNewSegmentEnd(t.sndUna + t.sndWnd);
        if (!newEnd)
        {
            break;
        }
        s.SendNewSegment(*newEnd);
    }
    return true;
}

void
FullTcpRackRecovery::OnTimeout(FullTcpRecoverySender& s)
{
    // The engine forgot the SACK scoreboard (RFC 2018 §8) and resends from SND.UNA: every
    // segment outstanding is lost (Linux tcp_timeout_mark_lost()), and off the send-time
    // list until it is resent.
    for (size_t i = 0; i < m_size; ++i)
    {
        Segment& g = m_ring[Slot(i)];
        g.flags = static_cast<uint8_t>((g.flags & EVER_RETRANS) | LOST);
    }
    m_first = NIL;
    m_last = NIL;
    const int64_t outstanding = m_size > 0 ? m_ring[Slot(m_size - 1)].end - m_frontStart : 0;
    m_sackedBytes = 0;
    m_sackedSegs = 0;
    m_lostBytes = outstanding;
    m_pendingBytes = outstanding;
    m_rtxOutBytes = 0;
    m_highestSacked = 0;
    m_rtxScanFrom = m_frontStart;
    m_advanced = false;
    s.CancelTimer(REORDER_TIMER);
    m_tlp.Reset(s);
}

void
FullTcpRackRecovery::OnUndo(FullTcpRecoverySender&, bool unmarkLoss)
{
    if (!unmarkLoss)
    {
        return;
    }
    // tcp_undo_cwnd_reduction(sk, true): "skb_rbtree_walk(skb, &sk->tcp_rtx_queue)
    // TCP_SKB_CB(skb)->sacked &= ~TCPCB_LOST; tp->lost_out = 0". A segment that waited to be
    // resent is outstanding again, and goes back on the send-time list where its last sending
    // puts it (Linux never took it off; here Pending() segments leave the list, since
    // tcp_rack_detect_loss() skips them).
    std::vector<uint32_t> back;
    for (size_t i = 0; i < m_size; ++i)
    {
        const uint32_t slot = Slot(i);
        Segment& g = m_ring[slot];
        if ((g.flags & LOST) == 0)
        {
            continue;
        }
        if ((g.flags & (SACKED | LISTED)) == 0)
        {
            back.push_back(slot);
        }
        SetFlags(g, g.end - StartOf(i), static_cast<uint8_t>(g.flags & ~LOST));
    }
    // Merge them into the list in sending order, a tie of times broken by the sequence
    // number as SentAfter() does (undo is rare: the list is rebuilt once).
    const auto before = [this](uint32_t a, uint32_t b)
    {
        const Segment& x = m_ring[a];
        const Segment& y = m_ring[b];
        return x.sent < y.sent || (x.sent == y.sent && x.end < y.end);
    };
    std::sort(back.begin(), back.end(), before);
    uint32_t listed = m_first;
    m_first = NIL;
    m_last = NIL;
    auto next = back.begin();
    while (listed != NIL || next != back.end())
    {
        uint32_t slot;
        if (listed != NIL && (next == back.end() || before(listed, *next)))
        {
            slot = listed;
            listed = m_ring[listed].next;
        }
        else
        {
            slot = *next++;
        }
        Link(slot);
    }
    m_rtxScanFrom = m_size > 0 ? m_ring[Slot(m_size - 1)].end : m_frontStart;
}

void
FullTcpRackRecovery::ReorderTimeout(FullTcpRecoverySender& s)
{
    // tcp_rack_reo_timeout(): "We have waited long enough to accommodate reordering. Mark
    // the expired packets lost and retransmit them." No new reordering timer from here.
    const int64_t lostBefore = m_lostBytes;
    DetectLoss(s);
    if (m_lostBytes == lostBefore)
    {
        return;
    }
    const FullTcpTcb& t = s.Tcb();
    if (!t.inRecovery && t.sndUna > t.recover)
    {
        BeginRecovery(s);
    }
    DoRecovery(s);
}

void
FullTcpRackRecovery::ProbeTimeout(FullTcpRecoverySender& s)
{
    m_tlp.Probe(s, LastSegment());
}

FullTcpRange
FullTcpRackRecovery::LastSegment() const
{
    if (m_size == 0)
    {
        return FullTcpRange {};
    }
    return FullTcpRange {StartOf(m_size - 1), m_ring[Slot(m_size - 1)].end};
}

Time
FullTcpRackRecovery::GetReorderWindow() const
{
    return m_reoWnd;
}

uint32_t
FullTcpRackRecovery::GetReorderWindowSteps() const
{
    return m_reoWndSteps;
}

bool
FullTcpRackRecovery::ReorderingSeen() const
{
    return m_reordSeen;
}

int64_t
FullTcpRackRecovery::LostNotResent() const
{
    return m_pendingBytes;
}

} // namespace ns3
