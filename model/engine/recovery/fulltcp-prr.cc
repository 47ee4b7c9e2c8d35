/*
 * Engine: Proportional Rate Reduction (RFC 9937, and Linux 6.18 tcp_cwnd_reduction()), cwnd
 * during fast recovery
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-prr.h"

#include <algorithm>

namespace ns3
{

std::optional<FullTcpPrrVariant>
FullTcpPrr::VariantFromName(const std::string& name)
{
    if (name == "Rfc9937")
    {
        return FullTcpPrrVariant::Rfc9937;
    }
    if (name == "Linux")
    {
        return FullTcpPrrVariant::Linux;
    }
    return std::nullopt;
}

std::vector<std::string>
FullTcpPrr::VariantNames()
{
    return {"Rfc9937", "Linux"};
}

void
FullTcpPrr::OnEnterRecovery(FullTcpPrrVariant variant, uint32_t recoverFs, uint32_t smss)
{
    m_variant = variant;
    m_recoverFs = recoverFs;
    m_smss = std::max<uint32_t>(smss, 1);
    m_prrDelivered = 0;
    m_prrOut = 0;
}

int64_t
FullTcpPrr::BoundEstimate(int64_t deliveredData) const
{
    if (m_variant == FullTcpPrrVariant::Linux)
    {
        return deliveredData;
    }
    const auto room = static_cast<int64_t>(m_recoverFs) - static_cast<int64_t>(m_prrDelivered);
    return std::min(deliveredData, std::max<int64_t>(room, 0));
}

uint32_t
FullTcpPrr::BoundDuplicates(uint32_t duplicateBytes) const
{
    return m_variant == FullTcpPrrVariant::Linux ? duplicateBytes
                                                 : std::min(duplicateBytes, m_recoverFs);
}

uint64_t
FullTcpPrr::Segments(uint64_t bytes) const
{
    return (bytes + m_smss - 1) / m_smss;
}

uint32_t
FullTcpPrr::OnAck(int64_t deliveredData, uint32_t pipe, uint32_t ssthresh, bool safeAck)
{
    const uint64_t delivered = static_cast<uint64_t>(std::max<int64_t>(deliveredData, 0));
    const bool inPackets = m_variant == FullTcpPrrVariant::Linux;
    // The Linux variant counts segments (tcp_cwnd_reduction(): newly_acked_sacked,
    // tcp_packets_in_flight(), snd_ssthresh and prior_cwnd are all packets); RFC 9937 bytes.
    const int64_t unit = inPackets ? m_smss : 1;
    const int64_t dd =
        inPackets ? static_cast<int64_t>(Segments(delivered)) : static_cast<int64_t>(delivered);
    const int64_t inflight = inPackets ? static_cast<int64_t>(Segments(pipe)) : pipe;
    const int64_t target = inPackets ? ssthresh / m_smss : ssthresh;
    // RecoverFS is never 0 when recovery starts with data outstanding; 1 keeps a corrupt
    // state from dividing by zero.
    const uint64_t fs = std::max<uint64_t>(inPackets ? m_recoverFs / m_smss : m_recoverFs, 1);
    // RFC 9937 §6.2: "prr_delivered += DeliveredData".
    m_prrDelivered += static_cast<uint64_t>(dd);
    const auto out = static_cast<int64_t>(m_prrOut);
    int64_t sndcnt = 0;
    if (inflight > target)
    {
        // RFC 9937 §6.2 Proportional Rate Reduction: "out = DIV_ROUND_UP(prr_delivered *
        // ssthresh, RecoverFS)", "SndCnt = out - prr_out". In bytes the rounding is to a
        // byte, and the sender, which sends whole segments, in effect rounds down; Linux
        // rounds up to whole segments (dividend + prior_cwnd - 1).
        const uint64_t share = (m_prrDelivered * static_cast<uint64_t>(target) + fs - 1) / fs;
        sndcnt = static_cast<int64_t>(share) - out;
    }
    else
    {
        // RFC 9937 §6.2: PRR-CRB by default, "SndCnt = MAX(prr_delivered - prr_out,
        // DeliveredData)"; PRR-SSRB "when recovery is making good progress", on a safe ACK
        // only, "SndCnt += SMSS"; then "SndCnt = MIN(ssthresh - inflight, SndCnt)" (Linux:
        // max(prr_delivered - prr_out, newly_acked_sacked), sndcnt++ if
        // FLAG_SND_UNA_ADVANCED && !newly_lost, min(delta, sndcnt)).
        sndcnt = std::max(static_cast<int64_t>(m_prrDelivered) - out, dd);
        if (safeAck)
        {
            sndcnt += inPackets ? 1 : m_smss;
        }
        sndcnt = std::min(target - inflight, sndcnt);
    }
    sndcnt = std::max<int64_t>(sndcnt, 0);
    // RFC 9937 §6.2: "if (prr_out is 0 AND SndCnt is 0) SndCnt = SMSS", forcing the fast
    // retransmit upon entering recovery (Linux: sndcnt = max(sndcnt, prr_out ? 0 : 1)).
    if (m_prrOut == 0 && sndcnt == 0)
    {
        sndcnt = inPackets ? 1 : m_smss;
    }
    return static_cast<uint32_t>(sndcnt * unit);
}

void
FullTcpPrr::OnSent(uint64_t bytes)
{
    // RFC 9937 §6.3: "prr_out += (data sent)"; Linux tcp_event_new_data_sent() and
    // tcp_retransmit_skb() add packets.
    m_prrOut += m_variant == FullTcpPrrVariant::Linux ? Segments(bytes) : bytes;
}

} // namespace ns3
