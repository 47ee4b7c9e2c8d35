/*
 * Engine: the urgent byte taken out of the stream, as Linux without SO_OOBINLINE
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection with FullTcpConfig::urgentOutOfBand: the byte just before the urgent
 * pointer leaves the stream (Linux tcp_check_urg() and tcp_urg() in tcp_input.c, the read
 * side in tcp_recvmsg_locked() and tcp_recv_urg() in tcp.c). RFC 9293 §3.8.5 and RFC 6093
 * deliver it in line; without the option nothing here acts.
 */
#include "fulltcp-connection.h"

#include <algorithm>

namespace ns3
{

int64_t
FullTcpConnection::ReadPosition() const
{
    // RCV.NXT counts the peer's FIN, which takes no place in the receive queue.
    return m_tcb.rcvNxt - (m_tcb.finReceived ? 1 : 0) - m_tcb.rcvQueue.Size();
}

void
FullTcpConnection::UrgentPointerOutOfBand(int64_t seq, uint16_t up)
{
    if (!m_config.urgentOutOfBand)
    {
        return;
    }
    // Linux tcp_check_urg() with tcp_stdurg = 0: the pointer points just past the urgent byte
    // (as RFC 6093 reads it), so the byte is at SEG.SEQ + SEG.UP - 1 (SEG.SEQ for 0).
    const int64_t ptr = seq + (up > 0 ? up - 1 : 0);
    const int64_t readPosition = ReadPosition();
    // "Ignore urgent data that we've already seen and read", and "Do not replay urg ptr".
    if (readPosition > ptr || (m_tcb.oobSeq && ptr <= *m_tcb.oobSeq))
    {
        return;
    }
    // Only the newest urgent byte is out of band: an earlier one next in line for the reader
    // is dropped from the stream; one further on becomes ordinary data.
    if (m_tcb.oobSeq && *m_tcb.oobSeq == readPosition && m_tcb.rcvQueue.Size() > 0)
    {
        m_tcb.rcvQueue.PopFront(1);
    }
    m_tcb.oobSeq = ptr;
    m_tcb.oobByte.reset();
    m_tcb.oobRead = false;
}

void
FullTcpConnection::UrgentByteOutOfBand(Ptr<Packet> payload, int64_t seq)
{
    // Linux tcp_urg(): while the urgent byte is announced but not yet seen (TCP_URG_NOTYET),
    // every segment that carries it hands over a copy.
    if (!m_tcb.oobSeq || m_tcb.oobByte || m_tcb.oobRead)
    {
        return;
    }
    const int64_t at = *m_tcb.oobSeq - seq;
    if (at < 0 || at >= payload->GetSize())
    {
        return;
    }
    uint8_t byte = 0;
    payload->CreateFragment(static_cast<uint32_t>(at), 1)->CopyData(&byte, 1);
    m_tcb.oobByte = byte;
}

uint32_t
FullTcpConnection::UrgentReadLimit()
{
    const uint32_t size = m_tcb.rcvQueue.Size();
    if (!m_tcb.oobSeq)
    {
        return size;
    }
    const int64_t readPosition = ReadPosition();
    if (*m_tcb.oobSeq == readPosition && size > 0)
    {
        // Linux tcp_recvmsg_locked(): a read that starts at the urgent byte skips it (the
        // "urg_hole"), and once past it the urgent data is gone (urg_data = 0), read or not.
        m_tcb.rcvQueue.PopFront(1);
        m_tcb.oobSeq.reset();
        m_tcb.oobByte.reset();
        m_tcb.oobRead = false;
        return size - 1;
    }
    if (*m_tcb.oobSeq > readPosition)
    {
        // "Stop reading at the urgent mark": a read returns the bytes before it.
        return static_cast<uint32_t>(std::min<int64_t>(size, *m_tcb.oobSeq - readPosition));
    }
    return size;
}

FullTcpUrgentRead
FullTcpConnection::ReceiveUrgent(Time now)
{
    InputScope input(*this, now);
    // Linux tcp_recv_urg(): nothing announced, or already read: EINVAL ("Yes this is right").
    if (!m_config.urgentOutOfBand || !m_tcb.oobSeq || m_tcb.oobRead)
    {
        return FullTcpUrgentRead {FullTcpUrgentRead::NONE};
    }
    if (m_tcb.oobByte)
    {
        m_tcb.oobRead = true;
        return FullTcpUrgentRead {FullTcpUrgentRead::BYTE, *m_tcb.oobByte};
    }
    // Announced, not arrived: EAGAIN, or 0 bytes once the peer's FIN ended the stream.
    return FullTcpUrgentRead {m_tcb.finReceived ? FullTcpUrgentRead::END
                                                : FullTcpUrgentRead::NOT_YET};
}

} // namespace ns3
