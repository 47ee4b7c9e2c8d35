/*
 * Node: ns-3's own congestion controls (any ns3::TcpCongestionOps) as FullTcp congestion plugs
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_NS3_CONGESTION_H
#define FULLTCP_NS3_CONGESTION_H

#include "ns3/fulltcp-congestion-control.h"
#include "ns3/ptr.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-rate-ops.h"
#include "ns3/tcp-socket-state.h"
#include "ns3/type-id.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \param s FullTcp's congestion state
 * \return ns-3's for it (the same five of Linux's: TcpSocketState::TcpCongState_t)
 */
TcpSocketState::TcpCongState_t FullTcpNs3CongState(FullTcpCaState s);

/**
 * \ingroup fulltcp
 * \brief Drives one of ns-3's congestion controls (a ns3::TcpCongestionOps: TcpCubic, TcpBic,
 * TcpVegas, ...) from FullTcp's engine, so that an algorithm can be compared on both stacks
 * and "the algorithm" told apart from "the TCP around it".
 *
 * The adapter keeps an ns3::TcpSocketState in step with the engine (cwnd, ssthresh, segment
 * size, bytes in flight, last and minimum RTT, congestion state, SND.UNA and SND.NXT) and
 * calls the algorithm where ns3::TcpSocketBase calls it:
 *  - PktsAcked(tcb, segments, lastRtt) for every ACK of new data (TcpSocketBase::ProcessAck);
 *  - IncreaseWindow(tcb, segments) for an ACK of new data outside recovery, segments counted
 *    with the remainder carried to the next ACK, as TcpSocketBase's m_bytesAckedNotProcessed;
 *  - GetSsThresh(tcb, bytesInFlight) when loss is detected (TcpSocketBase::EnterRecovery,
 *    ReTxTimeout);
 *  - CongestionStateSet(tcb, state) on every congestion-state change, CwndEvent(tcb,
 *    CA_EVENT_LOSS) on a timeout and CA_EVENT_COMPLETE_CWR when recovery or CWR ends
 *    (TcpSocketBase::ReTxTimeout, ExitRecovery);
 *  - Init(tcb) before its first use, then CongestionStateSet(tcb, CA_OPEN) (TcpSocketBase
 *    calls Init() when the algorithm is set, CongestionStateSet(CA_OPEN) when the handshake
 *    completes);
 *  - CwndEvent(tcb, CA_EVENT_TX_START) when new data leaves with nothing in flight
 *    (TcpSocketBase::SendPendingData).
 * The loss recovery stays FullTcp's (NewReno or SACK, the Recovery attribute), as ns-3's
 * TcpRecoveryOps stays ns-3's on its own stack.
 *
 * Algorithms that set cwnd and the pacing rate from delivery-rate samples themselves
 * (HasCongControl(), ns-3's TcpBbr) also get CongControl(tcb, rc, rs) on every acceptable ACK,
 * as TcpSocketBase::ReceivedAck calls it: the rate sample (TcpRateOps::TcpRateSample) and the
 * connection's delivery state (TcpRateConnection) come from FullTcp's own estimator
 * (FullTcpDeliveryRate, Linux tcp_rate.c, which ns-3's TcpRateLinux also follows). cwnd is
 * theirs (the engine's value is read only at the start and after a timeout, as
 * TcpSocketBase sets cwnd to one segment there), and the pacing rate they write
 * (tcb->m_pacingRate) paces the connection (FullTcpCongestionState::pacingRate, FullTcpPacer).
 * Since ns-3.45 such an algorithm also holds the socket's TcpRateOps (SetRateOps()): it gets
 * a view of the same estimator.
 */
class FullTcpNs3Congestion : public FullTcpCongestionControl
{
  public:
    /// \param tid a TypeId derived from ns3::TcpCongestionOps
    explicit FullTcpNs3Congestion(TypeId tid);

    /**
     * \brief Makes ns-3's algorithm NAME available to the engine under NAME, the first time it
     * is asked for (FullTcpSocket's CongestionControl attribute calls this for a name the
     * registry does not know).
     * \param name a TypeId name ("ns3::TcpCubic"), or the same without "ns3::" ("TcpCubic")
     * \param[out] registered the name the registry now knows it by (the name as given)
     * \param[out] error why not, when it returns false
     * \return whether NAME names an ns3::TcpCongestionOps the adapter can drive
     */
    static bool Register(const std::string& name, std::string& registered, std::string& error);

    /**
     * \brief ns-3's algorithms in this build, whether the adapter can drive them or not.
     *
     * Found by TypeId and checked by type: ns-3.37's TcpCubic names TcpSocketBase as its
     * TypeId's parent, so TypeId::IsChildOf(TcpCongestionOps) alone would miss it.
     * \return the TypeId name of every ns3::TcpCongestionOps that can be created
     */
    static std::vector<std::string> Ns3AlgorithmNames();

    std::string GetName() const override;
    std::string Configure(const FullTcpConfig& config) override;
    bool SetsPacingRate() const override;
    void OnAck(FullTcpCongestionState& state,
               uint32_t acked,
               const FullTcpCongestionContext& ctx) override;
    uint32_t SsThreshAfterLoss(const FullTcpCongestionState& state,
                               const FullTcpCongestionContext& ctx) override;
    void OnAckSample(FullTcpCongestionState& state,
                     const FullTcpAckSample& sample,
                     const FullTcpCongestionContext& ctx) override;
    void OnStateChange(FullTcpCongestionState& state,
                       FullTcpCaState from,
                       FullTcpCaState to,
                       const FullTcpCongestionContext& ctx) override;
    void PreTransmit(FullTcpCongestionState& state,
                     const FullTcpTransmission& segment,
                     const FullTcpCongestionContext& ctx) override;

  private:
    /// \param tid a TypeId \return an instance, if tid names a TcpCongestionOps (else null)
    static Ptr<TcpCongestionOps> CreateAlgorithm(TypeId tid);
    /// Copy the engine's view into the TcpSocketState (and Init() the algorithm once). An
    /// algorithm with CongControl keeps its own cwnd: the engine's is copied only at Init().
    void Sync(const FullTcpCongestionState& state, const FullTcpCongestionContext& ctx);
    /// Copy cwnd and ssthresh back from the TcpSocketState (and the pacing rate of an
    /// algorithm with CongControl).
    void CopyBack(FullTcpCongestionState& state) const;
    /// CongControl(tcb, rc, rs) with FullTcp's rate sample (TcpSocketBase::ReceivedAck).
    /// \param sample what the ACK told \param ctx the engine's view
    void CallCongControl(const FullTcpAckSample& sample, const FullTcpCongestionContext& ctx);

    std::string m_name;             //!< the name it was chosen by
    Ptr<TcpCongestionOps> m_ops;    //!< ns-3's algorithm
    Ptr<TcpSocketState> m_tcb;      //!< the state ns-3's algorithm reads and writes
    bool m_initialized {false};     //!< Init() was called
    bool m_congControl {false};     //!< the algorithm has CongControl (HasCongControl())
    Ptr<TcpRateOps> m_rateView;     //!< what CongControl's TcpRateOps reads (FullTcp's rates)
    uint32_t m_bytesNotCounted {0}; //!< acknowledged bytes short of a whole segment
};

} // namespace ns3

#endif /* FULLTCP_NS3_CONGESTION_H */
