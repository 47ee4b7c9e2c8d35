/*
 * Engine: FullTcpResetFor: <SEQ=SEG.ACK><CTL=RST> or <SEQ=0><ACK=SEG.SEQ+SEG.LEN>
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-rst-rules.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpRstRules");

std::optional<FullTcpHeader>
FullTcpResetFor(const FullTcpHeader& segment, uint32_t payloadSize)
{
    // RFC 9293 §3.10.7.1: "An incoming segment containing a RST is discarded."
    if (segment.HasFlags(FullTcpHeader::RST))
    {
        return std::nullopt;
    }
    FullTcpHeader rst;
    rst.SetSourcePort(segment.GetDestinationPort());
    rst.SetDestinationPort(segment.GetSourcePort());
    if (segment.HasFlags(FullTcpHeader::ACK))
    {
        // "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>"
        rst.SetSequenceNumber(segment.GetAckNumber());
        rst.SetFlags(FullTcpHeader::RST);
        return rst;
    }
    // "If the ACK bit is off, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>"; SEG.LEN counts
    // the SYN and FIN control bits (§3.3.1). Sequence arithmetic is modulo 2^32.
    const uint32_t segLen = payloadSize + (segment.HasFlags(FullTcpHeader::SYN) ? 1 : 0)
                          + (segment.HasFlags(FullTcpHeader::FIN) ? 1 : 0);
    rst.SetSequenceNumber(0);
    rst.SetAckNumber(segment.GetSequenceNumber() + segLen);
    rst.SetFlags(FullTcpHeader::RST | FullTcpHeader::ACK);
    return rst;
}

} // namespace ns3
