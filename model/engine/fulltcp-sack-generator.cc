/*
 * Engine: SACK block selection: D-SACK first, then held blocks newest first
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-sack-generator.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSackGenerator");

void
FullTcpSackGenerator::Arrived(int64_t offset)
{
    m_recent.push_front(offset);
    // Older offsets beyond what could ever be reported are of no use.
    if (m_recent.size() > 2 * MAX_BLOCKS)
    {
        m_recent.pop_back();
    }
}

void
FullTcpSackGenerator::Duplicate(FullTcpRange duplicate)
{
    m_dsack = duplicate;
}

std::vector<FullTcpRange>
FullTcpSackGenerator::Blocks(const FullTcpReassemblyQueue& held)
{
    std::vector<FullTcpRange> blocks;
    if (m_dsack)
    {
        blocks.push_back(*m_dsack);
        // RFC 2883 §4: the (possibly larger) held block the duplicate belongs to, second.
        if (const auto container = held.RangeContaining(m_dsack->start))
        {
            blocks.push_back(*container);
        }
    }
    // The held blocks, newest first. The memory keeps one offset per block still held, in
    // reporting order: offsets already delivered, or in a block listed before, go.
    const std::ptrdiff_t firstHeld = m_dsack ? 1 : 0;
    std::deque<int64_t> kept;
    std::vector<FullTcpRange> seen;
    for (const int64_t offset : m_recent)
    {
        const auto block = held.RangeContaining(offset);
        if (!block || std::find(seen.begin(), seen.end(), *block) != seen.end())
        {
            continue;
        }
        seen.push_back(*block);
        kept.push_back(offset);
        if (blocks.size() < MAX_BLOCKS
            && std::find(blocks.begin() + firstHeld, blocks.end(), *block) == blocks.end())
        {
            blocks.push_back(*block);
        }
    }
    m_recent = std::move(kept);
    return blocks;
}

uint32_t
FullTcpSackGenerator::MostBlocks(const FullTcpReassemblyQueue& held) const
{
    return std::min(held.RangeCount() + (m_dsack ? 2 : 0), MAX_BLOCKS);
}

void
FullTcpSackGenerator::Sent()
{
    m_dsack.reset();
}

} // namespace ns3
