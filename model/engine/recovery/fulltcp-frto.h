/*
 * Engine: F-RTO, detecting spurious retransmission timeouts (RFC 5682 §2.1, §3.1; Linux tcp_frto)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_FRTO_H
#define FULLTCP_FRTO_H

#include <cstdint>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief An acceptable ACK as F-RTO sees it, after the ACK was applied.
 */
struct FullTcpFrtoAck
{
    int64_t ack {0};         //!< SEG.ACK as a stream offset
    bool advanced {false};   //!< it advanced SND.UNA
    bool duplicate {false};  //!< it counted as a duplicate ACK (the recovery's rule)
    int64_t newlySacked {0}; //!< bytes its SACK blocks reported for the first time
    int64_t sackedAbove {0}; //!< bytes SACKed above "recover" now, in all
    bool sack {false};       //!< SACK is in use: the SACK-enhanced algorithm (§3.1)
};

/**
 * \ingroup fulltcp
 * \brief F-RTO (RFC 5682): after a retransmission timeout, send new data instead of
 * retransmitting on the first ACK, and judge the timeout by the second.
 *
 * With SACK it is the SACK-enhanced algorithm of §3.1 (Linux tcp_frto = 2; tcp_enter_loss(),
 * tcp_process_loss()), without it the basic one of §2.1:
 *  - step 1 (OnTimeout()): the timeout retransmitted the first unacknowledged segment;
 *    "recover" is SND.NXT;
 *  - step 2, the first ACK that advances SND.UNA: at or beyond recover, or (basic) a
 *    duplicate ACK: FALL_BACK to conventional recovery (2a); else SEND_NEW: up to two new
 *    segments instead of retransmissions (2b), then NewDataSent();
 *  - step 3, the next ACK: one that covers more than recover (cumulatively, or with SACK
 *    blocks above it) or a duplicate ACK that acknowledges nothing new below it is
 *    FALL_BACK (3a, cwnd at most 3·SMSS); one that acknowledges data below recover not
 *    acknowledged before is SPURIOUS (3b); others are ignored.
 *
 * The engine acts on the verdicts (fulltcp-undo-hooks.cc): SPURIOUS undoes the timeout's
 * reduction as Linux tcp_try_undo_loss(sk, true) and leaves Loss.
 */
class FullTcpFrto
{
  public:
    /// Where F-RTO stands.
    enum class Step : uint8_t
    {
        OFF,        //!< not running: conventional recovery
        FIRST_ACK,  //!< step 2: waiting for the ACK of the retransmission
        SEND_NEW,   //!< step 2b decided: new data goes at the next chance to send
        SECOND_ACK, //!< step 3: new data sent, waiting for the next ACK
    };

    /// What an ACK means for F-RTO.
    enum class Verdict : uint8_t
    {
        NONE,      //!< nothing decided (F-RTO off, or an ACK it ignores)
        SEND_NEW,  //!< step 2b: send new data instead of retransmitting
        FALL_BACK, //!< steps 2a / 3a: the timeout stands; conventional recovery from here
        SPURIOUS,  //!< step 3b: the timeout was spurious
    };

    /**
     * \brief Step 1, at a retransmission timeout (after the first unacknowledged segment
     * went again).
     * \param enter whether F-RTO runs for this timeout (FullTcpConfig::frto, and no loss
     *        recovery under way, as Linux tcp_enter_loss() sets tp->frto)
     * \param recover SND.NXT: RFC 5682's "recover"
     */
    void OnTimeout(bool enter, int64_t recover);

    /// \param a an acceptable ACK, applied \return what it means
    Verdict OnAck(const FullTcpFrtoAck& a);

    /// Step 2b done. \param sent whether new data left (none: fall back, RFC 5682 §3.1 2b)
    void NewDataSent(bool sent);

    /// Leave F-RTO (the timeout was judged, or the connection left Loss otherwise).
    void Stop();

    /// \return the current step
    Step GetStep() const;
    /// \return RFC 5682's "recover"
    int64_t GetRecover() const;
    /// \return whether new data must go instead of retransmissions now (step 2b)
    bool SendNewPending() const;
    /// \return whether F-RTO holds back the go-back-N retransmissions (step 3)
    bool HoldsRetransmissions() const;

  private:
    Step m_step {Step::OFF};   //!< where F-RTO stands
    int64_t m_recover {0};     //!< "recover"
    int64_t m_sackedAbove {0}; //!< bytes SACKed above recover as of the previous ACK
};

/// \param s a step \return its name, e.g. "SECOND_ACK"
const char* FullTcpFrtoStepName(FullTcpFrto::Step s);

} // namespace ns3

#endif /* FULLTCP_FRTO_H */
