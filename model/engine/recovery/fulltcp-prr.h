/*
 * Engine: Proportional Rate Reduction with PRR-SSRB (RFC 6937 §3), cwnd during fast recovery
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_PRR_H
#define FULLTCP_PRR_H

#include <cstdint>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Proportional Rate Reduction (RFC 6937 §3) with the slow-start reduction bound
 * (PRR-SSRB): how much a loss recovery may send on each ACK, so that the data in flight
 * falls smoothly from RecoverFS to ssthresh during recovery.
 *
 * The arithmetic only; the recovery that uses it (FullTcpDupAckRecovery, when
 * FullTcpConfig::prr is set) supplies DeliveredData and pipe, reports what it sent, and sets
 * cwnd = pipe + sndcnt after each ACK (as Linux tcp_cwnd_reduction()). All quantities are
 * bytes. Linux keeps the same three variables in packets (tp->prior_cwnd, tp->prr_delivered,
 * tp->prr_out, set by tcp_init_cwnd_reduction()).
 */
class FullTcpPrr
{
  public:
    /**
     * \brief Start of recovery (RFC 6937 §3): prr_delivered = prr_out = 0, RecoverFS = the
     * FlightSize at the start of recovery (snd.nxt - snd.una).
     * \param recoverFs RecoverFS in bytes
     */
    void OnEnterRecovery(uint32_t recoverFs);

    /**
     * \brief One ACK during recovery (RFC 6937 §3): prr_delivered += DeliveredData, then
     * while pipe > ssthresh the proportional part, sndcnt = CEIL(prr_delivered · ssthresh /
     * RecoverFS) - prr_out; else PRR-SSRB, sndcnt = MIN(ssthresh - pipe,
     * MAX(prr_delivered - prr_out, DeliveredData) + MSS).
     * \param deliveredData DeliveredData of the ACK in bytes
     * \param pipe the pipe estimate after the ACK (RFC 6675 §4 SetPipe())
     * \param ssthresh the slow-start threshold the congestion control set at entry
     * \param smss the sender's MSS
     * \return sndcnt, the bytes the sender may send now; never negative (a sender that
     *         already sent more than its share sends nothing)
     */
    uint32_t OnAck(int64_t deliveredData, uint32_t pipe, uint32_t ssthresh, uint32_t smss);

    /// \param bytes data bytes sent or resent during recovery: prr_out += bytes (RFC 6937 §3)
    void OnSent(uint64_t bytes);

  private:
    uint32_t m_recoverFs {0};    //!< RecoverFS
    uint64_t m_prrDelivered {0}; //!< prr_delivered
    uint64_t m_prrOut {0};       //!< prr_out
};

} // namespace ns3

#endif /* FULLTCP_PRR_H */
