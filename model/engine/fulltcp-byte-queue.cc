/*
 * Engine: byte queue append, copy from an offset (hinted, no rescan), pop front
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-byte-queue.h"

#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpByteQueue");

void
FullTcpByteQueue::Append(Ptr<Packet> bytes)
{
    if (bytes && bytes->GetSize() > 0)
    {
        m_size += bytes->GetSize();
        m_chunks.push_back(bytes);
    }
}

Ptr<Packet>
FullTcpByteQueue::Copy(uint32_t offset, uint32_t length) const
{
    NS_ASSERT_MSG(offset + length <= m_size, "copy past the end of the queue");
    Ptr<Packet> out = Create<Packet>();
    // A sender copies at SND.NXT, which only grows between two PopFront()s: start at the
    // chunk the last copy started in, not at the front (a bulk sender's queue holds
    // thousands of chunks, and scanning them per segment made sending quadratic).
    size_t i = 0;
    uint32_t start = 0;
    if (m_hintIndex < m_chunks.size() && offset >= m_hintStart)
    {
        i = m_hintIndex;
        start = m_hintStart;
    }
    bool first = true;
    for (; i < m_chunks.size() && length > 0; ++i)
    {
        const uint32_t size = m_chunks[i]->GetSize();
        if (offset >= start + size)
        {
            start += size;
            continue;
        }
        if (first)
        {
            m_hintIndex = i;
            m_hintStart = start;
            first = false;
        }
        const uint32_t from = offset - start;
        const uint32_t take = std::min(size - from, length);
        out->AddAtEnd(m_chunks[i]->CreateFragment(from, take));
        length -= take;
        offset += take;
        start += size;
    }
    return out;
}

void
FullTcpByteQueue::PopFront(uint32_t length)
{
    NS_ASSERT_MSG(length <= m_size, "pop past the end of the queue");
    m_size -= length;
    const uint32_t removed = length;
    size_t poppedChunks = 0;
    while (length > 0)
    {
        const uint32_t size = m_chunks.front()->GetSize();
        if (length < size)
        {
            m_chunks.front() = m_chunks.front()->CreateFragment(length, size - length);
            break;
        }
        length -= size;
        m_chunks.pop_front();
        ++poppedChunks;
    }
    // Every removed byte preceded the hint's chunk unless that chunk was (partly) removed.
    if (m_hintIndex > poppedChunks)
    {
        m_hintIndex -= poppedChunks;
        m_hintStart -= removed;
    }
    else
    {
        m_hintIndex = 0;
        m_hintStart = 0;
    }
}

uint32_t
FullTcpByteQueue::Size() const
{
    return m_size;
}

} // namespace ns3
