/*
 * Node: FullTcpDemuxMatch printer, the one non-template part of FullTcpDemux
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpDemux is a template (its value type is the protocol's choice); this file holds its
 * non-template parts.
 */
#include "fulltcp-demux.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpDemux");

std::ostream&
operator<<(std::ostream& os, FullTcpDemuxMatch match)
{
    switch (match)
    {
    case FullTcpDemuxMatch::NONE:
        return os << "NONE";
    case FullTcpDemuxMatch::CONNECTION:
        return os << "CONNECTION";
    case FullTcpDemuxMatch::LISTENER:
        return os << "LISTENER";
    case FullTcpDemuxMatch::WILDCARD_LISTENER:
        return os << "WILDCARD_LISTENER";
    }
    return os << "FullTcpDemuxMatch(" << static_cast<int>(match) << ')';
}

} // namespace ns3
