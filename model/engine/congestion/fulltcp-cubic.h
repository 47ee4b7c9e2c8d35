/*
 * Congestion: CUBIC (RFC 9438) with HyStart (Linux tcp_cubic.c) or HyStart++ (RFC 9406)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_CUBIC_H
#define FULLTCP_CUBIC_H

#include "fulltcp-congestion-control.h"

#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief CUBIC congestion control (RFC 9438; Linux net/ipv4/tcp_cubic.c), registered as
 * "Cubic".
 *
 * Congestion avoidance follows the cubic function W_cubic(t) = C·(t − K)^3 + W_max
 * (RFC 9438 §4.2) with the Reno-friendly estimate W_est (§4.3) as a floor; a loss sets
 * ssthresh = β_cubic·cwnd (§4.6) and remembers W_max with fast convergence (§4.7); a
 * timeout forgets W_max (§4.8). Slow start ends by Linux's HyStart, by HyStart++
 * (RFC 9406) or only by a loss (FullTcpConfig::cubicHystart).
 *
 * FullTcp counts bytes where Linux counts packets: the window equations run in segments of
 * SMSS as the RFC writes them, with floating-point arithmetic instead of Linux's scaled
 * integers (cube_rtt_scale, BICTCP_HZ), and cwnd moves in bytes.
 */
class FullTcpCubic : public FullTcpCongestionControl
{
  public:
    /// The registered name.
    static constexpr const char* NAME = "Cubic";

    /// C = 0.4 segments/s^3 (RFC 9438 §5.1; Linux bic_scale = 41 / 1024 · 10 ≈ 0.4).
    static constexpr double C = 0.4;
    /// β_cubic = 0.7 (RFC 9438 §4.6; Linux beta = 717 / 1024 ≈ 0.7).
    static constexpr double BETA = 0.7;

    /// How slow start ends (FullTcpConfig::cubicHystart).
    enum class Hystart : uint8_t
    {
        LINUX,             //!< "Linux": tcp_cubic.c HyStart, ACK train and delay increase
        HYSTART_PLUS_PLUS, //!< "HyStart++": RFC 9406
        NONE,              //!< "None": only a loss ends slow start (Linux hystart = 0)
    };

    /// \return the names FullTcpConfig::cubicHystart accepts, in declaration order
    static std::vector<std::string> HystartNames();
    /// \param name a name \return the slow-start exit it names, or nothing when unknown
    static std::optional<Hystart> HystartFromName(const std::string& name);
    /// \param name an unknown name \return e.g. `unknown CUBIC HyStart "Foo" (known: ...)`
    static std::string UnknownHystartError(const std::string& name);

    std::string GetName() const override;
    std::string Configure(const FullTcpConfig& config) override;
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
    uint32_t UndoCwnd(const FullTcpCongestionState& state,
                      uint32_t priorCwnd,
                      const FullTcpCongestionContext& ctx) override;

    /// \return the slow-start exit in use
    Hystart GetHystart() const;
    /// \return W_max in bytes: cwnd before the last reduction, lowered by fast convergence
    ///         (RFC 9438 §4.7); 0 when no loss happened yet or after a timeout (§4.8)
    double GetWMax() const;
    /// \return K in seconds, the time the epoch takes to reach W_max again (RFC 9438 §4.2);
    ///         meaningful once an epoch started
    double GetK() const;
    /// \return the start of the current congestion-avoidance epoch, if one started
    std::optional<Time> GetEpochStart() const;
    /// \return whether HyStart++ is in Conservative Slow Start (RFC 9406 §4.2)
    bool InConservativeSlowStart() const;

  private:
    /// Congestion avoidance (RFC 9438 §4.2-§4.5; Linux bictcp_update(), tcp_cong_avoid_ai()).
    /// \param state cwnd to grow \param acked bytes acknowledged \param ctx time, SMSS, RTT
    void CongestionAvoidance(FullTcpCongestionState& state,
                             uint32_t acked,
                             const FullTcpCongestionContext& ctx);
    /// \param t seconds since the epoch started \param smss SMSS \return W_cubic(t) in bytes
    double WCubic(double t, uint32_t smss) const;
    /// Linux hystart_update(): look for an ACK train or a delay increase.
    /// \param state ssthresh to set when found \param delay this RTT sample
    /// \param ctx time, SMSS, SND.UNA, SND.NXT
    void LinuxHystart(FullTcpCongestionState& state,
                      Time delay,
                      const FullTcpCongestionContext& ctx);
    /// Linux bictcp_hystart_reset(): a new round of slow start.
    /// \param ctx time and SND.NXT
    void LinuxHystartReset(const FullTcpCongestionContext& ctx);
    /// RFC 9406 §4.2: rounds and RTT samples in slow start and CSS.
    /// \param state ssthresh to set when CSS ends \param sample the ACK's RTT sample
    /// \param ctx SND.UNA, SND.NXT
    void HystartPlusPlus(FullTcpCongestionState& state,
                         const FullTcpAckSample& sample,
                         const FullTcpCongestionContext& ctx);

    Hystart m_hystart {Hystart::LINUX}; //!< the slow-start exit

    // RFC 9438 §4.1 state, in bytes and seconds.
    double m_wMax {0};                //!< W_max (Linux last_max_cwnd); 0: none
    double m_cwndPrior {0};           //!< cwnd_prior: cwnd before the last reduction
    std::optional<Time> m_epochStart; //!< t's origin (Linux epoch_start; 0 there = none)
    double m_k {0};                   //!< K (Linux bic_K)
    double m_origin {0};              //!< W_max of this epoch (Linux bic_origin_point)
    double m_wEst {0};                //!< W_est (Linux tcp_cwnd)
    double m_carry {0};               //!< bytes of growth below one byte, carried forward
    std::optional<Time> m_lastSend;   //!< when data last left (Linux lsndtime)

    // Linux HyStart state (struct bictcp).
    bool m_found {false};          //!< slow start's exit found (found)
    Time m_roundStart;             //!< start of this round (round_start)
    Time m_lastAck;                //!< last ACK of the current train (last_ack)
    int64_t m_endSeq {0};          //!< SND.NXT when the round began (end_seq)
    std::optional<Time> m_currRtt; //!< smallest RTT of this round (curr_rtt)
    uint32_t m_sampleCnt {0};      //!< RTT samples in this round (sample_cnt)
    Time m_delayMin;               //!< smallest RTT seen, zero when none (delay_min)

    // RFC 9406 §4.2 state.
    int64_t m_windowEnd {0};                  //!< windowEnd
    std::optional<Time> m_lastRoundMinRtt;    //!< lastRoundMinRTT (nothing = infinity)
    std::optional<Time> m_currentRoundMinRtt; //!< currentRoundMinRTT (nothing = infinity)
    uint32_t m_rttSampleCount {0};            //!< rttSampleCount
    std::optional<Time> m_cssBaselineMinRtt;  //!< cssBaselineMinRtt (nothing: not in CSS)
    uint32_t m_cssRounds {0};                 //!< rounds completed in CSS
    bool m_lossSeen {false}; //!< HyStart++ serves only the first slow start (RFC 9406 §4.3)

    /// The RFC 9438 §4.1 state before the last congestion event, restored when the event
    /// proves spurious (§4.9, UndoCwnd()).
    struct Prior
    {
        double wMax {0};                //!< W_max
        double cwndPrior {0};           //!< cwnd_prior
        std::optional<Time> epochStart; //!< t_epoch
        double k {0};                   //!< K
        double origin {0};              //!< W_max of the epoch
        double wEst {0};                //!< W_est
    };
    Prior m_prior; //!< the state before the last congestion event
};

} // namespace ns3

#endif /* FULLTCP_CUBIC_H */
