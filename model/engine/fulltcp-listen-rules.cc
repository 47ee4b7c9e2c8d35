/*
 * Engine: SEGMENT ARRIVES in LISTEN, RFC 9293 §3.10.7.2
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-listen-rules.h"

#include "ns3/fulltcp-rst-rules.h"

namespace ns3
{

FullTcpListenVerdict
FullTcpListenSegmentArrives(const FullTcpHeader& h, uint32_t len)
{
    using H = FullTcpHeader;
    using D = FullTcpDropReason;
    FullTcpListenVerdict v;
    // §3.10.7.2 first: "An incoming RST should be ignored."
    if (h.HasFlags(H::RST))
    {
        v.drop = D::RST_IN_LISTEN;
        return v;
    }
    // Second: "Any acknowledgment is bad if it arrives on a connection still in the LISTEN
    // state. An acceptable reset segment should be formed for any arriving ACK-bearing
    // segment. The RST should be formatted as follows: <SEQ=SEG.ACK><CTL=RST>"
    if (h.HasFlags(H::ACK))
    {
        v.reset = FullTcpResetFor(h, len);
        v.drop = D::ACK_IN_LISTEN;
        return v;
    }
    // Third: check for a SYN. SYN+FIN is a scan, not a connection request (Linux drops it).
    if (h.HasFlags(H::SYN))
    {
        if (h.HasFlags(H::FIN))
        {
            v.drop = D::SYN_FIN_IN_LISTEN;
            return v;
        }
        if (len > 0)
        {
            v.drop = D::SYN_TEXT; // the text only: the peer retransmits it after the handshake
        }
        v.connectionRequest = true;
        return v;
    }
    // Fourth: "Any other control or text-bearing segment (not containing SYN) must have an
    // ACK and thus would have been discarded by the ACK processing ... drop the segment".
    v.drop = D::NO_SYN_NO_RST;
    return v;
}

} // namespace ns3
