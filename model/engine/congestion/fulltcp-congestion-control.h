/*
 * Congestion: algorithm interface (OnAck, SsThreshAfterLoss), cwnd state, registry by name
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_CONGESTION_CONTROL_H
#define FULLTCP_CONGESTION_CONTROL_H

#include "ns3/fulltcp-config.h"
#include "ns3/fulltcp-registry.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The congestion window and slow-start threshold of one connection, in bytes
 * (RFC 5681 §2: cwnd, ssthresh).
 */
struct FullTcpCongestionState
{
    uint32_t cwnd {0};     //!< congestion window
    uint32_t ssthresh {0}; //!< slow-start threshold
    /// Pacing rate in bytes per second, set by an algorithm that paces itself
    /// (FullTcpCongestionControl::SetsPacingRate(); Linux's cong_control writes
    /// sk_pacing_rate, as BBR's bbr_set_pacing_rate()); 0 until it does. The engine reads it
    /// at the end of every ACK (FullTcpPacer).
    uint64_t pacingRate {0};
};

/**
 * \ingroup fulltcp
 * \brief The sender's congestion state, with Linux's names (enum tcp_ca_state,
 * tcp_set_ca_state()). The engine tracks it; FullTcpCongestionControl::OnStateChange()
 * hears every change.
 */
enum class FullTcpCaState : uint8_t
{
    OPEN,     //!< nothing unusual ("Open")
    DISORDER, //!< duplicate ACKs or SACKed data seen, no loss declared yet ("Disorder")
    CWR,      //!< cwnd reduced for an ECN-Echo (RFC 3168 §6.1.2), once ECN is negotiated
    RECOVERY, //!< fast retransmit: loss recovery (RFC 5681 §3.2, RFC 6582, RFC 6675) ("Recovery")
    LOSS,     //!< retransmission timeout (RFC 5681 §3.1, RFC 6298 §5.5) ("Loss")
};

/// \param s a congestion state \return its Linux name, e.g. "Disorder"
const char* FullTcpCaStateName(FullTcpCaState s);
/// Print the congestion state's name.
std::ostream& operator<<(std::ostream& os, FullTcpCaState s);

/**
 * \ingroup fulltcp
 * \brief An Explicit Congestion Notification signal (RFC 3168), as Linux's congestion
 * control hears it (CA_EVENT_ECN_IS_CE, CA_ACK_ECE).
 */
enum class FullTcpEcnSignal : uint8_t
{
    /// A data segment arrived with CE in its IP header (RFC 3168 §6.1.3): the receiver will
    /// echo it.
    CE,
    /// An ACK arrived with the ECE flag (RFC 3168 §6.1.2): the path marked our data.
    ECE,
};

/**
 * \ingroup fulltcp
 * \brief A delivery-rate sample (draft-cheng-iccrg-delivery-rate-estimation; Linux
 * tcp_rate.c, struct rate_sample): bytes delivered over the interval in which they were.
 */
struct FullTcpRateSample
{
    /// Bytes delivered (cumulatively acknowledged or SACKed) between the transmission of
    /// the most recently sent segment this ACK delivered and this ACK (rs->delivered).
    uint32_t delivered {0};
    /// The longer of the send phase and the ACK phase of that flight (rs->interval_us);
    /// never below the minimum RTT (shorter samples are dropped, as tcp_rate_gen()).
    Time interval;
    /// The segment left while the application had nothing more to send (rs->is_app_limited):
    /// the rate says more about the application than the path.
    bool appLimited {false};
    /// Bytes delivered when that segment was sent, low 32 bits (rs->prior_delivered): BBR
    /// counts its rounds with it.
    uint32_t priorDelivered {0};

    /// \return the delivery rate in bytes per second
    double BytesPerSecond() const;
};

/**
 * \ingroup fulltcp
 * \brief What one ACK told the sender (Linux struct ack_sample with the rate sample).
 */
struct FullTcpAckSample
{
    uint32_t acked {0};                    //!< bytes newly acknowledged (SND.UNA advanced)
    uint32_t sacked {0};                   //!< bytes newly SACKed (RFC 2018)
    std::optional<Time> rtt;               //!< this ACK's RTT sample (RFC 6298 §3, RFC 7323 §4)
    std::optional<FullTcpRateSample> rate; //!< the delivery-rate sample, when valid
};

/**
 * \ingroup fulltcp
 * \brief What an algorithm may look at besides cwnd and ssthresh.
 */
struct FullTcpCongestionContext
{
    Time now;                //!< current time
    uint32_t smss {0};       //!< SMSS: largest payload the sender sends
    uint32_t flightSize {0}; //!< FlightSize (RFC 5681 §2): bytes sent and not acknowledged
    Time srtt;               //!< smoothed RTT (zero before the first sample)
    Time minRtt;             //!< smallest RTT sample (zero before the first sample)
    /// Bytes presumed in the network, as the loss recovery estimates them: FlightSize
    /// without SACK, less the SACKed bytes with it, RFC 6675 SetPipe() during SACK recovery
    /// (FullTcpLossRecovery::BytesInFlight()).
    uint32_t bytesInFlight {0};
    uint64_t delivered {0};                        //!< bytes delivered so far (Linux tp->delivered)
    FullTcpCaState caState {FullTcpCaState::OPEN}; //!< the congestion state
    /// SND.UNA as a stream offset (Linux tp->snd_una): where rounds of slow start end
    /// (HyStart's end_seq, RFC 9406 windowEnd).
    int64_t sndUna {0};
    /// SND.NXT as a stream offset (Linux tp->snd_nxt): where a new round ends.
    int64_t sndNxt {0};
    /// Whether the flight uses cwnd as Linux tcp_is_cwnd_limited() judges it from what the
    /// round sent (FullTcpConfig::cwndValidation); unset: the algorithm judges it itself.
    std::optional<bool> cwndLimited;
};

/**
 * \ingroup fulltcp
 * \brief One data segment the engine sends (new data or a retransmission, possibly with
 * the FIN), as the transmission hooks see it.
 */
struct FullTcpTransmission
{
    int64_t start {0};           //!< stream offset of its first byte (the FIN counts one)
    int64_t end {0};             //!< stream offset just past it
    bool retransmission {false}; //!< it resends sequence space sent before
};

/**
 * \ingroup fulltcp
 * \brief A congestion control algorithm: how cwnd grows and how far ssthresh falls, with
 * hooks for what rate- and delay-based algorithms need (Linux tcp_congestion_ops; smoltcp
 * Controller).
 *
 * Loss detection and recovery belong to the loss recovery (FullTcpLossRecovery): fast
 * retransmit, NewReno's partial ACKs, SACK recovery; the engine applies the timeout's cwnd
 * of one segment. An algorithm answers two questions (OnAck(), SsThreshAfterLoss()) and
 * hears the rest through hooks whose defaults do nothing. A new algorithm (CUBIC, say) is
 * one new file that derives from this and registers itself with
 * FULLTCP_REGISTER_CONGESTION_CONTROL; the engine picks it by name
 * (FullTcpConfig::congestionControl). One instance serves one connection.
 *
 * Call order on an ACK (as Linux tcp_ack()): OnEcn() for an ECE flag, OnAckSample(), then
 * OnAck() when SND.UNA advanced outside loss recovery, then OnStateChange() for what the
 * loss recovery did.
 */
class FullTcpCongestionControl
{
  public:
    virtual ~FullTcpCongestionControl() = default;

    /// \return the algorithm's registered name, e.g. "NewReno"
    virtual std::string GetName() const = 0;

    /**
     * \brief Whether the algorithm sets the pacing rate itself, in
     * FullTcpCongestionState::pacingRate (Linux: it has cong_control, BBR). The engine then
     * paces with that rate instead of tcp_update_pacing_rate()'s, and paces even when
     * FullTcpConfig::pacing is off (bbr_init() sets SK_PACING_NEEDED).
     * \return false by default
     */
    virtual bool SetsPacingRate() const;

    /**
     * \brief Read the algorithm's own settings from the configuration, once, before the
     * connection opens (Linux reads its module parameters in the algorithm's init).
     * \param config the connection's configuration
     * \return empty when the settings are valid, else a configuration error that says what
     *         is wrong (the connection then refuses to open, as for an unknown algorithm)
     */
    virtual std::string Configure(const FullTcpConfig& config);

    /**
     * \brief An ACK acknowledged new data outside loss recovery: grow cwnd (Linux
     * cong_avoid).
     * \param state cwnd and ssthresh to update
     * \param acked bytes newly acknowledged by this ACK
     * \param ctx time, SMSS, FlightSize, RTT
     */
    virtual void OnAck(FullTcpCongestionState& state,
                       uint32_t acked,
                       const FullTcpCongestionContext& ctx) = 0;

    /**
     * \brief The new ssthresh when loss is detected (fast retransmit, or the first
     * retransmission timeout of a segment) (Linux ssthresh).
     * \param state cwnd and ssthresh before the loss
     * \param ctx time, SMSS, FlightSize, RTT
     * \return the new ssthresh
     */
    virtual uint32_t SsThreshAfterLoss(const FullTcpCongestionState& state,
                                       const FullTcpCongestionContext& ctx) = 0;

    /**
     * \brief Every acceptable ACK, in every congestion state, before cwnd grows (Linux
     * pkts_acked and the input of cong_control): what it acknowledged and SACKed, its RTT
     * sample and its delivery-rate sample.
     * \param state cwnd and ssthresh (the algorithm may set them)
     * \param sample what the ACK told
     * \param ctx time, SMSS, FlightSize, bytes in flight, RTT, delivered, state
     */
    virtual void OnAckSample(FullTcpCongestionState& state,
                             const FullTcpAckSample& sample,
                             const FullTcpCongestionContext& ctx);

    /**
     * \brief The congestion state changed (Linux set_state, called from tcp_set_ca_state()),
     * after the engine and the loss recovery set cwnd and ssthresh for it. As in Linux, every
     * retransmission timeout reports LOSS, also LOSS → LOSS for a repeated one.
     * \param state cwnd and ssthresh (the algorithm may adjust them)
     * \param from the previous state \param to the new one
     * \param ctx time, SMSS, FlightSize, bytes in flight, RTT, delivered, state (the new one)
     */
    virtual void OnStateChange(FullTcpCongestionState& state,
                               FullTcpCaState from,
                               FullTcpCaState to,
                               const FullTcpCongestionContext& ctx);

    /**
     * \brief A cwnd reduction proved spurious and is undone (Linux undo_cwnd, called from
     * tcp_undo_cwnd_reduction()): the algorithm supplies the cwnd to restore and may restore
     * its own state from before the reduction (RFC 9438 §4.9 for CUBIC). The engine then
     * sets ssthresh = max(ssthresh, prior ssthresh) itself.
     * \param state cwnd and ssthresh now
     * \param priorCwnd cwnd just before the reduction (Linux prior_cwnd)
     * \param ctx time, SMSS, FlightSize, bytes in flight, RTT, delivered, state
     * \return the cwnd to restore: max(cwnd, priorCwnd) by default (Linux
     *         tcp_reno_undo_cwnd())
     */
    virtual uint32_t UndoCwnd(const FullTcpCongestionState& state,
                              uint32_t priorCwnd,
                              const FullTcpCongestionContext& ctx);

    /**
     * \brief An ECN signal (Linux cwnd_event(CA_EVENT_ECN_IS_CE), in_ack_event(CA_ACK_ECE)).
     * Only on a connection that negotiated ECN (FullTcpConfig::ecn, RFC 3168 §6.1.1): ECE
     * on every acceptable ACK that carries it, CE on every data segment that arrives with it.
     * The engine itself makes the RFC 3168 reduction (congestion state CWR, with
     * SsThreshAfterLoss()); the algorithms shipped ignore the signal.
     * \param state cwnd and ssthresh (the algorithm may adjust them)
     * \param signal CE on received data, or ECE on an ACK
     * \param ctx time, SMSS, FlightSize, bytes in flight, RTT, delivered, state
     */
    virtual void OnEcn(FullTcpCongestionState& state,
                       FullTcpEcnSignal signal,
                       const FullTcpCongestionContext& ctx);

    /**
     * \brief A data segment is about to leave (smoltcp pre_transmit).
     * \param state cwnd and ssthresh \param segment what leaves
     * \param ctx the context before it leaves
     */
    virtual void PreTransmit(FullTcpCongestionState& state,
                             const FullTcpTransmission& segment,
                             const FullTcpCongestionContext& ctx);

    /**
     * \brief A data segment left (smoltcp post_transmit): SND.NXT and FlightSize count it.
     * \param state cwnd and ssthresh \param segment what left
     * \param ctx the context after it left
     */
    virtual void PostTransmit(FullTcpCongestionState& state,
                              const FullTcpTransmission& segment,
                              const FullTcpCongestionContext& ctx);
};

/**
 * \ingroup fulltcp
 * \brief Congestion control algorithms by name: Create(), Names(), UnknownNameError().
 */
using FullTcpCongestionControlFactory = FullTcpRegistry<FullTcpCongestionControl>;

} // namespace ns3

/// Register an algorithm class under a name, at load time (in the algorithm's .cc file).
#define FULLTCP_REGISTER_CONGESTION_CONTROL(Class, name) \
    FULLTCP_REGISTER_ALGORITHM(::ns3::FullTcpCongestionControl, Class, name)

#endif /* FULLTCP_CONGESTION_CONTROL_H */
