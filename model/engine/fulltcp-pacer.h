/*
 * Engine: pacing, Linux's internal pacing (tcp_update_pacing_rate(), tcp_pacing_check(), EDT)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_PACER_H
#define FULLTCP_PACER_H

#include "ns3/fulltcp-config.h"
#include "ns3/fulltcp-congestion-control.h"
#include "ns3/fulltcp-timer.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <limits>
#include <optional>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The pacing of one connection's data segments, as Linux paces inside TCP when no fq
 * qdisc does it (internal pacing since Linux 4.13, earliest departure time model since 4.20).
 *
 * Rate: on every acceptable ACK, tcp_update_pacing_rate() (tcp_input.c): max(cwnd, FlightSize)
 * / SRTT scaled by FullTcpConfig::pacingSsRatio percent while cwnd < ssthresh / 2 (early slow
 * start), else by FullTcpConfig::pacingCaRatio percent, capped by FullTcpConfig::maxPacingRate.
 * An algorithm that sets the rate itself (FullTcpCongestionControl::SetsPacingRate(), Linux's
 * cong_control such as BBR) replaces the formula (tcp_cong_control() then skips it).
 *
 * Departures (tcp_output.c): the connection keeps the earliest departure time of its next
 * data segment (tp->tcp_wstamp_ns). Each data segment sent moves it on by its length over the
 * rate (tcp_update_skb_after_send()), less a credit of at most half that for time the sender
 * was late (OS jitter there, idle time here); the first 10 data segments are not spaced
 * ("Original sch_fq does not pace first 10 MSS"). New data, and go-back-N after a timeout,
 * wait while the departure time is ahead (tcp_pacing_check()); the PACING timer slot (Linux's
 * pacing hrtimer, tcp_pace_kick()) sends again when it comes.
 */
class FullTcpPacer
{
  public:
    /// A rate without limit (Linux's sk_pacing_rate = ~0UL before any ACK).
    static constexpr uint64_t UNLIMITED = std::numeric_limits<uint64_t>::max();
    /// Data segments sent before spacing starts (tcp_update_skb_after_send():
    /// tp->data_segs_out >= 10).
    static constexpr uint64_t UNPACED_SEGMENTS = 10;
    /// The slot whose expiry sends what pacing held back (Linux tcp_pace_kick()).
    static const FullTcpTimer PACING;

    /**
     * \brief Take the settings (once, when the connection is created).
     * \param config FullTcpConfig::pacing and its ratios and cap
     * \param algorithmPaces the congestion control sets the rate itself: it paces whatever
     *        FullTcpConfig::pacing says (Linux BBR sets SK_PACING_NEEDED in bbr_init())
     */
    void Configure(const FullTcpConfig& config, bool algorithmPaces);

    /// \return whether data segments are held to their departure time
    bool Active() const;

    /**
     * \brief The end of an acceptable ACK: the new rate (Linux tcp_cong_control() calls
     * tcp_update_pacing_rate() last), or the algorithm's (FullTcpCongestionState::pacingRate).
     * \param cc cwnd, ssthresh and the algorithm's rate
     * \param flightSize FlightSize (Linux packets_out, here in bytes)
     * \param srtt the smoothed RTT, zero before the first sample
     */
    void UpdateRate(const FullTcpCongestionState& cc, uint32_t flightSize, Time srtt);

    /**
     * \brief tcp_update_pacing_rate() itself (tcp_input.c).
     * \param cwnd cwnd in bytes \param ssthresh ssthresh in bytes
     * \param flightSize FlightSize in bytes \param srtt SRTT (zero: no division, as Linux)
     * \return the rate in bytes per second, before the cap
     */
    uint64_t LinuxRate(uint32_t cwnd, uint32_t ssthresh, uint32_t flightSize, Time srtt) const;

    /// \return the pacing rate in bytes per second; UNLIMITED before there is one
    uint64_t GetRate() const;

    /**
     * \brief tcp_pacing_check(): may a data segment leave now?
     * \param now the time
     * \return nothing when it may (or pacing is off), else its earliest departure time
     */
    std::optional<Time> HeldUntil(Time now) const;

    /**
     * \brief A data segment left: the departure time moves on (__tcp_transmit_skb() and
     * tcp_update_skb_after_send()). Retransmissions count as new data does.
     * \param dataBytes its text length (a bare FIN: 0)
     * \param now the time
     */
    void Sent(uint32_t dataBytes, Time now);

    /**
     * \brief When the PACING slot should expire, if at all: held, and something waits.
     * \param now the time \param waiting whether data, a FIN or go-back-N waits to go
     * \param armed the slot's deadline, if armed
     * \return the delay to arm it with, or nothing to leave it as it is
     */
    std::optional<Time> TimerDelay(Time now, bool waiting, std::optional<Time> armed) const;

    /// \return the departure time of the next data segment (tp->tcp_wstamp_ns)
    Time GetDepartureTime() const;

  private:
    /// The PACING slot expired: send what waited (tcp_pace_kick() -> tcp_tsq_handler()).
    /// \param expiry the connection
    static void Expired(const FullTcpTimerExpiry& expiry);

    bool m_configured {false};      //!< FullTcpConfig::pacing
    bool m_algorithmPaces {false};  //!< the congestion control sets the rate
    uint32_t m_ssRatio {200};       //!< FullTcpConfig::pacingSsRatio
    uint32_t m_caRatio {120};       //!< FullTcpConfig::pacingCaRatio
    uint64_t m_maxRate {UNLIMITED}; //!< FullTcpConfig::maxPacingRate (0 there: UNLIMITED)
    uint64_t m_rate {UNLIMITED};    //!< sk_pacing_rate, bytes per second
    Time m_departure;               //!< tp->tcp_wstamp_ns
    uint64_t m_dataSegsOut {0};     //!< tp->data_segs_out
};

} // namespace ns3

#endif /* FULLTCP_PACER_H */
