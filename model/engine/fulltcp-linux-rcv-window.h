/*
 * Engine: FullTcpLinuxRcvWindow, the receive window as Linux 6.18 chooses and grows it
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_LINUX_RCV_WINDOW_H
#define FULLTCP_LINUX_RCV_WINDOW_H

#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The receive window of the "Linux" ReceiveWindow: Linux 6.18's arithmetic, function by
 * function (net/ipv4/tcp_output.c, tcp_input.c), on a model of its memory accounting.
 *
 * Linux does not offer its free buffer space. It offers the smaller of the space and
 * rcv_ssthresh, a threshold that starts at the initial window and grows by two segments per
 * full-sized segment received (tcp_grow_window()); the buffer itself (sk_rcvbuf) starts at
 * tcp_rmem[1] and grows up to tcp_rmem[2] when the application reads faster than the window
 * allows (dynamic right-sizing, tcp_rcv_space_adjust()). Space is counted in skb truesize:
 * each segment costs its payload plus the buffer it arrived in, and the window is the space
 * times scaling_ratio / 256, the payload-to-truesize ratio last measured.
 *
 * The memory model is the skb a virtual device (tun, veth without GRO) allocates for one
 * segment: a linear head of the next power of two above payload, headers, NET_SKB_PAD (64)
 * and skb_shared_info (320), plus struct sk_buff (256). That is what the kernel's packetdrill
 * runs measure (a 1000-byte segment costs 2304 bytes, a 600-byte one 1280; doc/scripts.rst).
 */
class FullTcpLinuxRcvWindow
{
  public:
    /// \param rcvBuf sk_rcvbuf at the start (tcp_rmem[1]) \param rcvBufMax tcp_rmem[2]
    void Configure(uint32_t rcvBuf, uint32_t rcvBufMax);

    /**
     * \brief The window of our SYN or SYN-ACK (tcp_select_initial_window()).
     * \param mss our MSS, less the timestamp option on a SYN-ACK that will carry it
     * (tcp_openreq_init_rwin()); the space is quantized to it
     * \return the initial window, unscaled (the header carries at most 65535 of it)
     */
    uint32_t Open(uint32_t mss);

    /// \return the initial window Open() chose (0 before)
    uint32_t Initial() const;

    /// \return the window shift we offer (tcp_select_initial_window(): from the largest the
    /// buffer may grow to, tcp_rmem[2], or net.core.rmem_max = 212992 if larger)
    uint8_t Shift() const;

    /**
     * \brief The connection is ESTABLISHED (tcp_init_buffer_space()): the clamp is the full
     * space less one segment, rcv_ssthresh no larger, DRS starts measuring.
     * \param advmss our MSS less the timestamp option when timestamps are on
     * \param readOffset the offset of the next byte the application reads \param now the time
     */
    void Established(uint32_t advmss, int64_t readOffset, Time now);

    /**
     * \brief In-order text arrived and was queued (tcp_event_data_recv()): the cost is charged,
     * the payload-to-truesize ratio measured (tcp_measure_rcv_mss()), rcv_ssthresh grown.
     * \param len payload bytes \param headerLen IP and TCP header bytes, options included
     */
    void InOrder(uint32_t len, uint32_t headerLen);

    /**
     * \brief Out-of-order text was queued (tcp_data_queue_ofo()); with SACK rcv_ssthresh
     * grows, without it does not, so the sender sees duplicate ACKs.
     * \param len payload bytes \param headerLen IP and TCP header bytes \param sack SACK is on
     */
    void OutOfOrder(uint32_t len, uint32_t headerLen, bool sack);

    /**
     * \brief The application read bytes: their memory is released, and once per RTT the buffer
     * grows if it read more than the window allowed (tcp_rcv_space_adjust(), tcp_rcvbuf_grow()).
     * \param n bytes read \param queued bytes held before the read (in order and out of order)
     * \param readOffset offset of the next byte to read, after the read
     * \param rtt the receiver's RTT estimate (zero: none yet, no adjustment) \param now the time
     */
    void Read(uint32_t n, uint32_t queued, int64_t readOffset, Time rtt, Time now);

    /**
     * \brief The window to advertise now (tcp_select_window(), __tcp_select_window()).
     * \param current the window the peer still has (rcv_wup + rcv_wnd - rcv_nxt), never
     * shrunk (tcp_shrink_window = 0) \param shift our window shift
     * \return the window, unscaled, a multiple of 1 << shift
     */
    uint32_t Select(int64_t current, uint8_t shift) const;

    /// \return whether the window Linux would offer now reaches the one last offered
    /// (__tcp_ack_snd_check(): "right edge of window advances far enough") \param shift ours
    bool EdgeAdvances(uint8_t shift) const;

    /// A window went out (tp->rcv_wnd = new_win) \param window unscaled
    void Advertised(uint32_t window);

    /// \return the memory one segment costs (skb truesize) \param len payload
    /// \param headerLen IP and TCP header bytes
    static uint32_t Truesize(uint32_t len, uint32_t headerLen);

    /// \return sk_rcvbuf
    uint32_t RcvBuf() const;
    /// \return window_clamp
    uint32_t WindowClamp() const;
    /// \return rcv_ssthresh
    uint32_t RcvSsthresh() const;

  private:
    /// \return space * scaling_ratio / 256 (tcp_win_from_space()) \param space bytes
    int64_t WinFromSpace(int64_t space) const;
    /// \return __tcp_select_window(): the window wanted, before the no-shrink rule
    /// \param shift our window shift
    int64_t Wanted(uint8_t shift) const;
    /// \return tcp_space(): the window the uncharged buffer holds
    int64_t FreeSpace() const;
    /// Grow rcv_ssthresh for one segment (tcp_grow_window()) \param len payload
    /// \param truesize its cost
    void Grow(uint32_t len, uint32_t truesize);
    /// Set the clamp as tcp_set_window_clamp() does \param clamp new window_clamp
    void SetClamp(uint32_t clamp);

    uint32_t m_rcvBuf {131072};      //!< sk_rcvbuf
    uint32_t m_rcvBufMax {33554432}; //!< tcp_rmem[2]
    uint32_t m_rmemAlloc {0};        //!< sk_rmem_alloc: truesize of what is queued
    uint8_t m_scalingRatio {128};    //!< TCP_DEFAULT_SCALING_RATIO: payload = truesize / 2
    uint32_t m_windowClamp {0};      //!< window_clamp (0: none yet)
    uint32_t m_rcvSsthresh {0};      //!< rcv_ssthresh
    uint32_t m_rcvWnd {0};           //!< the initial window (0: not opened yet)
    uint32_t m_lastWindow {0};       //!< tp->rcv_wnd: the window last advertised
    uint32_t m_advmss {536};         //!< tp->advmss
    uint32_t m_rcvMss {536};         //!< icsk_ack.rcv_mss (TCP_MSS_DEFAULT at the start)
    uint32_t m_space {0};            //!< rcvq_space.space: bytes read per RTT, last grown to
    int64_t m_spaceOffset {0};       //!< rcvq_space.seq
    Time m_spaceTime;                //!< rcvq_space.time
};

} // namespace ns3

#endif // FULLTCP_LINUX_RCV_WINDOW_H
