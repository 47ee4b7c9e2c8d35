/*
 * Engine: reassembly insert with overlap trimming and duplicate report, in-order move
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-reassembly.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpReassembly");

std::optional<FullTcpRange>
FullTcpReassemblyQueue::Insert(int64_t offset, Ptr<Packet> bytes)
{
    const int64_t end = offset + (bytes ? bytes->GetSize() : 0);
    if (end <= offset)
    {
        return std::nullopt;
    }
    const auto segment = FullTcpInterval(offset, end);
    FullTcpRangeSet fresh;
    fresh += segment;
    fresh -= m_held;
    FullTcpRangeSet duplicate;
    duplicate += segment;
    duplicate &= m_held;
    // Only the new parts are kept, each as a fragment of the segment (no byte copies).
    for (const auto& part : fresh)
    {
        const FullTcpRange r = FullTcpRangeOf(part);
        m_chunks[r.start] = bytes->CreateFragment(static_cast<uint32_t>(r.start - offset),
                                                  static_cast<uint32_t>(r.Length()));
    }
    m_held += segment;
    if (duplicate.empty())
    {
        return std::nullopt;
    }
    return FullTcpRangeOf(*duplicate.begin());
}

uint32_t
FullTcpReassemblyQueue::MoveInOrder(int64_t from, FullTcpByteQueue& destination)
{
    uint32_t moved = 0;
    int64_t next = from;
    while (!m_chunks.empty())
    {
        auto first = m_chunks.begin();
        const int64_t start = first->first;
        Ptr<Packet> chunk = first->second;
        const int64_t end = start + chunk->GetSize();
        if (start > next)
        {
            break; // a hole
        }
        m_chunks.erase(first);
        if (end <= next)
        {
            continue; // entirely below: already delivered
        }
        const auto skip = static_cast<uint32_t>(next - start);
        destination.Append(skip > 0 ? chunk->CreateFragment(skip, chunk->GetSize() - skip) : chunk);
        moved += static_cast<uint32_t>(end - next);
        next = end;
    }
    if (!m_held.empty())
    {
        m_held -= FullTcpInterval(boost::icl::first(*m_held.begin()), next);
    }
    return moved;
}

bool
FullTcpReassemblyQueue::Empty() const
{
    return m_chunks.empty();
}

uint32_t
FullTcpReassemblyQueue::Size() const
{
    return static_cast<uint32_t>(boost::icl::length(m_held));
}

std::vector<FullTcpRange>
FullTcpReassemblyQueue::Ranges() const
{
    std::vector<FullTcpRange> out;
    out.reserve(boost::icl::interval_count(m_held));
    for (const auto& i : m_held)
    {
        out.push_back(FullTcpRangeOf(i));
    }
    return out;
}

uint32_t
FullTcpReassemblyQueue::RangeCount() const
{
    return static_cast<uint32_t>(boost::icl::interval_count(m_held));
}

std::optional<FullTcpRange>
FullTcpReassemblyQueue::RangeContaining(int64_t offset) const
{
    const auto it = m_held.find(offset);
    if (it == m_held.end())
    {
        return std::nullopt;
    }
    return FullTcpRangeOf(*it);
}

} // namespace ns3
