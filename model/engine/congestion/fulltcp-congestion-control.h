/*
 * Congestion: algorithm interface (OnAck, SsThreshAfterLoss), cwnd state, registry by name
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_CONGESTION_CONTROL_H
#define FULLTCP_CONGESTION_CONTROL_H

#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

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
};

/**
 * \ingroup fulltcp
 * \brief Loss-recovery events an algorithm is told about (it may keep its own state).
 */
enum class FullTcpCongestionEvent : uint8_t
{
    ENTER_RECOVERY, //!< fast retransmit: loss recovery begins (RFC 5681 §3.2, RFC 6675 §5)
    EXIT_RECOVERY,  //!< the recovery point is acknowledged (RFC 6582 §3.2 step 3)
    TIMEOUT,        //!< retransmission timeout: cwnd is now 1 SMSS (RFC 5681 §3.1)
};

/**
 * \ingroup fulltcp
 * \brief A congestion control algorithm: how cwnd grows and how far ssthresh falls.
 *
 * The engine owns loss detection and recovery (fast retransmit, NewReno partial ACKs, SACK
 * recovery, the timeout's cwnd of one segment); an algorithm only answers two questions and
 * hears about the events. A new algorithm (CUBIC, say) is one new file that derives from
 * this and registers itself with FULLTCP_REGISTER_CONGESTION_CONTROL; the engine picks it by
 * name (FullTcpConfig::congestionControl). One instance serves one connection.
 */
class FullTcpCongestionControl
{
  public:
    virtual ~FullTcpCongestionControl() = default;

    /// \return the algorithm's registered name, e.g. "NewReno"
    virtual std::string GetName() const = 0;

    /**
     * \brief An ACK acknowledged new data outside loss recovery: grow cwnd.
     * \param state cwnd and ssthresh to update
     * \param acked bytes newly acknowledged by this ACK
     * \param ctx time, SMSS, FlightSize, RTT
     */
    virtual void OnAck(FullTcpCongestionState& state,
                       uint32_t acked,
                       const FullTcpCongestionContext& ctx) = 0;

    /**
     * \brief The new ssthresh when loss is detected (fast retransmit, or the first
     * retransmission timeout of a segment).
     * \param state cwnd and ssthresh before the loss
     * \param ctx time, SMSS, FlightSize, RTT
     * \return the new ssthresh
     */
    virtual uint32_t SsThreshAfterLoss(const FullTcpCongestionState& state,
                                       const FullTcpCongestionContext& ctx) = 0;

    /**
     * \brief A loss-recovery event, after the engine has set cwnd and ssthresh for it.
     * \param state cwnd and ssthresh (the algorithm may adjust them)
     * \param event what happened
     * \param ctx time, SMSS, FlightSize, RTT
     */
    virtual void OnEvent(FullTcpCongestionState& state,
                         FullTcpCongestionEvent event,
                         const FullTcpCongestionContext& ctx);
};

/**
 * \ingroup fulltcp
 * \brief Congestion control algorithms by name.
 */
class FullTcpCongestionControlFactory
{
  public:
    /// Makes one instance of an algorithm.
    using Maker = std::function<std::unique_ptr<FullTcpCongestionControl>()>;

    /**
     * \brief Make an algorithm known (FULLTCP_REGISTER_CONGESTION_CONTROL does this).
     * \param name its name \param maker how to make one
     * \return true (so that registration can initialize a static)
     */
    static bool Register(const std::string& name, Maker maker);
    /// \param name a registered name \return a new instance, or nullptr when unknown
    static std::unique_ptr<FullTcpCongestionControl> Create(const std::string& name);
    /// \return the registered names, sorted
    static std::vector<std::string> Names();
};

} // namespace ns3

/// Register an algorithm class under a name, at load time (in the algorithm's .cc file).
#define FULLTCP_REGISTER_CONGESTION_CONTROL(Class, name)                 \
    static const bool fulltcpRegistered##Class [[maybe_unused]] =        \
        ::ns3::FullTcpCongestionControlFactory::Register(                \
            name,                                                        \
            []                                                           \
            {                                                            \
                return std::unique_ptr<::ns3::FullTcpCongestionControl>( \
                    std::make_unique<Class>());                          \
            })

#endif /* FULLTCP_CONGESTION_CONTROL_H */
