/*
 * FullTcp: a complete TCP for ns-3.
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
    for (const auto& chunk : m_chunks)
    {
        if (length == 0)
        {
            break;
        }
        const uint32_t size = chunk->GetSize();
        if (offset >= size)
        {
            offset -= size;
            continue;
        }
        const uint32_t take = std::min(size - offset, length);
        out->AddAtEnd(chunk->CreateFragment(offset, take));
        length -= take;
        offset = 0;
    }
    return out;
}

void
FullTcpByteQueue::PopFront(uint32_t length)
{
    NS_ASSERT_MSG(length <= m_size, "pop past the end of the queue");
    m_size -= length;
    while (length > 0)
    {
        const uint32_t size = m_chunks.front()->GetSize();
        if (length < size)
        {
            m_chunks.front() = m_chunks.front()->CreateFragment(length, size - length);
            return;
        }
        length -= size;
        m_chunks.pop_front();
    }
}

uint32_t
FullTcpByteQueue::Size() const
{
    return m_size;
}

} // namespace ns3
