/*
 * Engine: the registry of timer slots and the per-connection deadlines
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-timer.h"

#include "ns3/abort.h"
#include "ns3/fatal-error.h"
#include "ns3/fulltcp-connection.h"

#include <algorithm>
#include <cstring>

namespace ns3
{

/// Every slot of the program, in index order: name and handler of slots [0, count).
struct FullTcpTimer::Table
{
    std::array<const char*, CAPACITY> names {};            //!< as printed
    std::array<FullTcpTimerHandler, CAPACITY> handlers {}; //!< what runs at expiry
    uint32_t count {0};                                    //!< slots in use
};

FullTcpTimer::Table&
FullTcpTimer::TheTable()
{
    // Created on first use: registrations run during static initialization, in any order.
    // The engine's own slots take the indices of their constants.
    static Table table = []
    {
        Table t;
        for (const FullTcpTimerSlot& s : FullTcpConnection::EngineTimerSlots())
        {
            t.names[s.slot.Index()] = s.name;
            t.handlers[s.slot.Index()] = s.handler;
            t.count = std::max(t.count, s.slot.Index() + 1);
        }
        return t;
    }();
    return table;
}

FullTcpTimer
FullTcpTimer::Register(const char* name, FullTcpTimerHandler handler)
{
    Table& t = TheTable();
    for (uint32_t i = 0; i < t.count; ++i)
    {
        if (std::strcmp(t.names[i], name) == 0)
        {
            NS_FATAL_ERROR("FullTcpTimer: the slot name \"" << name << "\" is registered twice");
        }
    }
    if (t.count == CAPACITY)
    {
        NS_FATAL_ERROR("FullTcpTimer: no room for slot \"" << name << "\" (" << CAPACITY
                                                           << " slots; raise CAPACITY)");
    }
    t.names[t.count] = name;
    t.handlers[t.count] = handler;
    return FullTcpTimer(static_cast<uint8_t>(t.count++));
}

uint32_t
FullTcpTimer::Count()
{
    return TheTable().count;
}

FullTcpTimer
FullTcpTimer::At(uint32_t index)
{
    NS_ABORT_MSG_IF(index >= Count(), "FullTcpTimer::At(" << index << "): no such slot");
    return FullTcpTimer(static_cast<uint8_t>(index));
}

const char*
FullTcpTimer::Name() const
{
    return TheTable().names[m_index];
}

FullTcpTimerHandler
FullTcpTimer::Handler() const
{
    return TheTable().handlers[m_index];
}

std::optional<Time>
FullTcpTimerDeadlines::Get(FullTcpTimer slot) const
{
    const int64_t steps = m_steps[slot.Index()];
    if (steps == IDLE)
    {
        return std::nullopt;
    }
    return TimeStep(steps);
}

void
FullTcpTimerDeadlines::Set(FullTcpTimer slot, Time deadline)
{
    m_steps[slot.Index()] = deadline.GetTimeStep();
}

bool
FullTcpTimerDeadlines::Reset(FullTcpTimer slot)
{
    const bool armed = m_steps[slot.Index()] != IDLE;
    m_steps[slot.Index()] = IDLE;
    return armed;
}

const char*
FullTcpTimerName(FullTcpTimer t)
{
    return t.Name();
}

std::ostream&
operator<<(std::ostream& os, FullTcpTimer t)
{
    return os << t.Name();
}

} // namespace ns3
