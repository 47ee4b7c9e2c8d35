/*
 * Engine: Proportional Rate Reduction with PRR-SSRB (RFC 6937 §3), cwnd during fast recovery
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-prr.h"

#include <algorithm>

namespace ns3
{

void
FullTcpPrr::OnEnterRecovery(uint32_t recoverFs)
{
    m_recoverFs = recoverFs;
    m_prrDelivered = 0;
    m_prrOut = 0;
}

uint32_t
FullTcpPrr::OnAck(int64_t deliveredData, uint32_t pipe, uint32_t ssthresh, uint32_t smss)
{
    m_prrDelivered += static_cast<uint64_t>(std::max<int64_t>(deliveredData, 0));
    const auto out = static_cast<int64_t>(m_prrOut);
    int64_t sndcnt = 0;
    if (pipe > ssthresh)
    {
        // Proportional Rate Reduction: send ssthresh/RecoverFS of what was delivered, rounded
        // up (Linux tcp_cwnd_reduction(): dividend + prior_cwnd - 1). RecoverFS is never 0
        // when recovery starts with data outstanding; 1 keeps a corrupt state from dividing
        // by zero.
        const uint64_t fs = std::max<uint32_t>(m_recoverFs, 1);
        const uint64_t share = (m_prrDelivered * ssthresh + fs - 1) / fs;
        sndcnt = static_cast<int64_t>(share) - out;
    }
    else
    {
        // PRR-SSRB: catch up towards ssthresh like slow start, at most one MSS beyond what
        // this ACK delivered (or beyond the shortfall prr_delivered - prr_out).
        const int64_t limit =
            std::max(static_cast<int64_t>(m_prrDelivered) - out, deliveredData) + smss;
        sndcnt = std::min(static_cast<int64_t>(ssthresh - pipe), limit);
    }
    return static_cast<uint32_t>(std::max<int64_t>(sndcnt, 0));
}

void
FullTcpPrr::OnSent(uint64_t bytes)
{
    m_prrOut += bytes;
}

} // namespace ns3
