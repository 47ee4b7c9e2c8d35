/*
 * Engine: sequence-space wrap/unwrap and TCB helpers (DataEnd, FinSent, FlightSize)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-tcb.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpTcb");

FullTcpSeqSpace::FullTcpSeqSpace(uint32_t initial) : m_initial(initial) {}

uint32_t
FullTcpSeqSpace::ToWire(int64_t offset) const
{
    return m_initial + static_cast<uint32_t>(offset);
}

int64_t
FullTcpSeqSpace::FromWire(uint32_t wire, int64_t near) const
{
    // The signed 32-bit distance to the reference picks the nearest unwrapping.
    const auto delta = static_cast<int32_t>(wire - ToWire(near));
    return near + delta;
}

int64_t
FullTcpTcb::DataEnd() const
{
    return sendQueueFront + sendQueue.Size();
}

bool
FullTcpTcb::SynAcked() const
{
    return sndUna > 0;
}

bool
FullTcpTcb::FinSent() const
{
    return finQueued && sndNxt > DataEnd();
}

bool
FullTcpTcb::FinAcked() const
{
    return finQueued && sndUna > DataEnd();
}

uint32_t
FullTcpTcb::FlightSize() const
{
    return static_cast<uint32_t>(sndNxt - sndUna);
}

} // namespace ns3
