/*
 * Engine: FullTcpLinuxRcvWindow, the receive window as Linux 6.18 chooses and grows it
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-linux-rcv-window.h"

#include <algorithm>

namespace ns3
{

namespace
{
/// TCP_RMEM_TO_WIN_SCALE: scaling_ratio is a fraction of 256.
constexpr int kRatioShift = 8;
/// U16_MAX << TCP_MAX_WSCALE: the clamp before any is set (tcp_select_initial_window()).
constexpr uint32_t kNoClamp = 0xffffU << 14;
/// net.core.rmem_max's default (SK_RMEM_MAX): the window shift covers it too.
constexpr uint32_t kCoreRmemMax = 212992;
/// SOCK_MIN_RCVBUF / 2 (2 * TCP_SKB_MIN_TRUESIZE / 2): the smallest clamp
/// tcp_set_window_clamp() sets.
constexpr uint32_t kMinClamp = 2048 + 256;
/// TCP_INIT_CWND: DRS's first measurement assumes the sender starts with ten segments.
constexpr uint32_t kInitCwnd = 10;

/// \return x rounded up to a multiple of the power of two a (ALIGN())
int64_t
AlignUp(int64_t x, int64_t a)
{
    return (x + a - 1) & ~(a - 1);
}
} // namespace

void
FullTcpLinuxRcvWindow::Configure(uint32_t rcvBuf, uint32_t rcvBufMax)
{
    m_rcvBuf = rcvBuf;
    m_rcvBufMax = std::max(rcvBufMax, rcvBuf);
}

uint32_t
FullTcpLinuxRcvWindow::Truesize(uint32_t len, uint32_t headerLen)
{
    // A linear skb: kmalloc's power-of-two bucket for the head (NET_SKB_PAD headroom, the
    // packet, SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) = 320) plus SKB_TRUESIZE()'s
    // struct sk_buff (256).
    const uint64_t head = uint64_t {len} + headerLen + 64 + 320;
    uint64_t bucket = 512;
    while (bucket < head)
    {
        bucket <<= 1;
    }
    return static_cast<uint32_t>(std::min<uint64_t>(bucket + 256, UINT32_MAX));
}

int64_t
FullTcpLinuxRcvWindow::WinFromSpace(int64_t space) const
{
    return (space * m_scalingRatio) >> kRatioShift;
}

int64_t
FullTcpLinuxRcvWindow::FreeSpace() const
{
    // tcp_space(): sk_rcvbuf less what is charged (negative once overcommitted).
    return WinFromSpace(static_cast<int64_t>(m_rcvBuf) - m_rmemAlloc);
}

uint32_t
FullTcpLinuxRcvWindow::Open(uint32_t mss)
{
    if (m_rcvWnd != 0)
    {
        return m_rcvWnd; // a retransmitted SYN or SYN-ACK offers the same window
    }
    // tcp_select_initial_window() on tcp_full_space(): the clamp is not set yet; the space is
    // quantized to whole segments (64240 = 44 * 1460 of 65536); tcp_workaround_signed_windows
    // = 0 and no initrwnd route metric leave it at that.
    auto space = static_cast<uint32_t>(std::min<int64_t>(kNoClamp, WinFromSpace(m_rcvBuf)));
    if (mss > 0 && space > mss)
    {
        space -= space % mss;
    }
    m_rcvWnd = std::max<uint32_t>(space, 1);
    m_lastWindow = m_rcvWnd;
    m_rcvSsthresh = m_rcvWnd;
    m_windowClamp = kNoClamp;
    return m_rcvWnd;
}

uint8_t
FullTcpLinuxRcvWindow::Shift() const
{
    // "Set window scaling on max possible window": ilog2(space) - 15, within [0, 14].
    const uint64_t space = std::min<uint64_t>(
        std::max<uint64_t>({static_cast<uint64_t>(std::max<int64_t>(WinFromSpace(m_rcvBuf), 0)),
                            m_rcvBufMax,
                            kCoreRmemMax}),
        kNoClamp);
    int log2 = 0;
    while ((space >> (log2 + 1)) != 0)
    {
        ++log2;
    }
    return static_cast<uint8_t>(std::clamp(log2 - 15, 0, 14));
}

void
FullTcpLinuxRcvWindow::Established(uint32_t advmss, int64_t readOffset, Time now)
{
    m_advmss = std::max<uint32_t>(advmss, 1);
    if (m_rcvWnd == 0)
    {
        Open(advmss); // not opened by a SYN of ours (a fork restored from a SYN cookie)
    }
    // tcp_init_buffer_space(): the clamp is the full space (tcp_app_win = 31 reserves
    // nothing), then less one segment "to make sure we can at least receive 2 segments".
    const auto maxwin = static_cast<uint32_t>(std::max<int64_t>(WinFromSpace(m_rcvBuf), 0));
    if (m_windowClamp >= maxwin)
    {
        m_windowClamp = maxwin;
    }
    if (m_windowClamp > 2 * m_advmss && m_windowClamp + m_advmss > maxwin)
    {
        m_windowClamp = std::max(2 * m_advmss, maxwin - m_advmss);
    }
    m_rcvSsthresh = std::min(m_rcvSsthresh, m_windowClamp);
    m_space = std::min({m_rcvSsthresh, m_rcvWnd, kInitCwnd * m_advmss});
    m_spaceOffset = readOffset;
    m_spaceTime = now;
    // tcp_initialize_rcv_mss(): TCP_MSS_DEFAULT at most, until segments are measured.
    m_rcvMss = std::max<uint32_t>(std::min({m_advmss, m_rcvWnd / 2, 536U}), 88);
}

void
FullTcpLinuxRcvWindow::SetClamp(uint32_t clamp)
{
    // tcp_set_window_clamp(): a smaller clamp lowers rcv_ssthresh with it; a larger one lets
    // rcv_ssthresh rise to the window already offered.
    clamp = std::max(clamp, kMinClamp);
    if (clamp == m_windowClamp)
    {
        return;
    }
    const uint32_t old = m_windowClamp;
    m_windowClamp = clamp;
    if (clamp < old)
    {
        m_rcvSsthresh = std::min(m_rcvSsthresh, clamp);
    }
    else
    {
        m_rcvSsthresh = std::max(std::min(m_lastWindow, clamp), m_rcvSsthresh);
    }
}

void
FullTcpLinuxRcvWindow::Grow(uint32_t len, uint32_t truesize)
{
    // tcp_grow_window(): room below the clamp and the free space.
    const int64_t room =
        std::min<int64_t>(m_windowClamp, FreeSpace()) - static_cast<int64_t>(m_rcvSsthresh);
    if (room <= 0)
    {
        return;
    }
    int64_t incr = 0;
    if (WinFromSpace(truesize) <= len)
    {
        incr = 2 * int64_t {m_advmss}; // "skb with such overhead will fit to rcvbuf in future"
    }
    else
    {
        // __tcp_grow_window(): grow only while rcv_ssthresh is small enough for this
        // segment's overhead to fit in tcp_rmem[2].
        int64_t cost = WinFromSpace(truesize) >> 1;
        int64_t window = WinFromSpace(m_rcvBufMax) >> 1;
        while (m_rcvSsthresh <= window)
        {
            if (cost <= len)
            {
                incr = 2 * int64_t {m_rcvMss};
                break;
            }
            cost >>= 1;
            window >>= 1;
        }
    }
    if (incr > 0)
    {
        incr = std::max<int64_t>(incr, 2 * int64_t {len});
        m_rcvSsthresh += static_cast<uint32_t>(std::min(room, incr));
    }
}

void
FullTcpLinuxRcvWindow::InOrder(uint32_t len, uint32_t headerLen)
{
    const uint32_t truesize = Truesize(len, headerLen);
    m_rmemAlloc += truesize; // skb_set_owner_r() in tcp_queue_rcv()
    // tcp_measure_rcv_mss(): a segment at least rcv_mss long measures the ratio again when its
    // size changed, and the clamp follows tcp_rmem's window at the new ratio.
    if (len >= m_rcvMss)
    {
        if (len != m_rcvMss)
        {
            const uint64_t ratio = (uint64_t {len} << kRatioShift) / truesize;
            const auto next = static_cast<uint8_t>(std::clamp<uint64_t>(ratio, 1, 255));
            if (next != m_scalingRatio)
            {
                m_scalingRatio = next;
                SetClamp(static_cast<uint32_t>(WinFromSpace(m_rcvBuf)));
                m_space = std::min(m_space, m_windowClamp);
            }
        }
        m_rcvMss = std::min(len, m_advmss);
    }
    // tcp_event_data_recv(): "if (skb->len >= 128) tcp_grow_window(sk, skb, true)".
    if (len >= 128)
    {
        Grow(len, truesize);
    }
}

void
FullTcpLinuxRcvWindow::OutOfOrder(uint32_t len, uint32_t headerLen, bool sack)
{
    const uint32_t truesize = Truesize(len, headerLen);
    m_rmemAlloc += truesize;
    // tcp_data_queue_ofo(): "For non sack flows, do not grow window to force DUPACK and
    // trigger fast retransmit."
    if (sack)
    {
        Grow(len, truesize);
    }
}

void
FullTcpLinuxRcvWindow::Read(uint32_t n, uint32_t queued, int64_t readOffset, Time rtt, Time now)
{
    // Each byte read releases its share of what its segment cost (an skb is freed when its
    // last byte is read; the model spreads that over the bytes).
    if (n >= queued)
    {
        m_rmemAlloc = 0;
    }
    else if (queued > 0)
    {
        m_rmemAlloc -= static_cast<uint32_t>(uint64_t {m_rmemAlloc} * n / queued);
    }
    // tcp_rcv_space_adjust(): once per receiver RTT, compare what was read with the space.
    if (!rtt.IsStrictlyPositive() || now - m_spaceTime < rtt)
    {
        return;
    }
    const int64_t copied = readOffset - m_spaceOffset;
    if (copied > m_space && m_space > 0)
    {
        // tcp_rcvbuf_grow(): "DRS is always one RTT late" (twice what was read), and in slow
        // start the sender may double its rate again.
        const uint32_t old = m_space;
        m_space = static_cast<uint32_t>(std::min<int64_t>(copied, UINT32_MAX));
        int64_t rcvwin = 2 * copied;
        rcvwin += 2 * (rcvwin * (copied - old) / old);
        rcvwin = std::min<int64_t>(rcvwin, int64_t {m_rcvBufMax} * 2);  // beyond, only the cap
        const int64_t space = (rcvwin << kRatioShift) / m_scalingRatio; // tcp_space_from_win()
        const auto rcvbuf = static_cast<uint32_t>(std::min<int64_t>(space, m_rcvBufMax));
        if (rcvbuf > m_rcvBuf)
        {
            m_rcvBuf = rcvbuf;
            m_windowClamp = static_cast<uint32_t>(WinFromSpace(rcvbuf)); // "clamp follow along"
        }
    }
    m_spaceOffset = readOffset;
    m_spaceTime = now;
}

uint32_t
FullTcpLinuxRcvWindow::Select(int64_t current, uint8_t shift) const
{
    const int64_t granule = int64_t {1} << shift;
    int64_t window = Wanted(shift);
    // tcp_select_window(): never shrink what was offered (tcp_shrink_window = 0).
    if (window < current)
    {
        window = AlignUp(current, granule);
    }
    return static_cast<uint32_t>(std::min<int64_t>(window, int64_t {0xffff} << shift));
}

bool
FullTcpLinuxRcvWindow::EdgeAdvances(uint8_t shift) const
{
    return Wanted(shift) >= m_lastWindow;
}

int64_t
FullTcpLinuxRcvWindow::Wanted(uint8_t shift) const
{
    const int64_t granule = int64_t {1} << shift;
    const int64_t allowed = WinFromSpace(m_rcvBuf);
    const int64_t full = std::min<int64_t>(m_windowClamp, allowed);
    int64_t mss = std::min<int64_t>(m_rcvMss, full);
    int64_t free = FreeSpace();
    int64_t window = 0;
    bool zero = mss <= 0;
    if (!zero && free < (full >> 1))
    {
        // __tcp_select_window(): short of space, offer it in whole scale units, and nothing
        // once it is below a segment or 1/16 of the buffer ("try to move to zero-window").
        free = free > 0 ? free & ~(granule - 1) : 0;
        zero = free < (allowed >> 4) || free < mss;
    }
    if (!zero)
    {
        free = std::min<int64_t>(free, m_rcvSsthresh);
        if (shift != 0)
        {
            window = AlignUp(free, granule); // "so that it won't get scaled away"
        }
        else
        {
            window = m_lastWindow; // keep the offer while within a segment of the free space
            if (window <= free - mss || window > free)
            {
                window = free - free % mss;
            }
            else if (mss == full && free > window + (full >> 1))
            {
                window = free;
            }
        }
    }
    return window;
}

uint32_t
FullTcpLinuxRcvWindow::Initial() const
{
    return m_rcvWnd;
}

void
FullTcpLinuxRcvWindow::Advertised(uint32_t window)
{
    m_lastWindow = window;
}

uint32_t
FullTcpLinuxRcvWindow::RcvBuf() const
{
    return m_rcvBuf;
}

uint32_t
FullTcpLinuxRcvWindow::WindowClamp() const
{
    return m_windowClamp;
}

uint32_t
FullTcpLinuxRcvWindow::RcvSsthresh() const
{
    return m_rcvSsthresh;
}

} // namespace ns3
