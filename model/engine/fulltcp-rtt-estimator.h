/*
 * Engine: RTT estimator, SRTT, RTTVAR and un-backed-off RTO from samples (RFC 6298 §2)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_RTT_ESTIMATOR_H
#define FULLTCP_RTT_ESTIMATOR_H

#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The retransmission timeout of RFC 6298 §2: SRTT, RTTVAR and RTO from RTT samples.
 *
 * Only the computation: which segments give samples (Karn's algorithm, timestamps) and the
 * backoff of §5.5 are the connection's business. The value returned by GetRto() is the
 * un-backed-off RTO.
 */
class FullTcpRttEstimator
{
  public:
    /// RFC 6298's constants with RFC values (1 s initial and minimum, 60 s cap, 1 ms clock).
    FullTcpRttEstimator();
    /**
     * \param initialRto RTO before the first sample (§2.1)
     * \param minRto lower bound of a computed RTO (§2.4)
     * \param maxRto upper bound (§2.5)
     * \param granularity clock granularity G (§2.3)
     */
    FullTcpRttEstimator(Time initialRto, Time minRto, Time maxRto, Time granularity);

    /**
     * \brief One RTT measurement R (§2.2 for the first, §2.3 for the later ones).
     * \param rtt the measured round-trip time (a negative value is ignored)
     */
    void Sample(Time rtt);

    /**
     * \brief One RTT measurement, with the sequence numbers Linux's estimator needs to know
     * a window of data from the next (its mdev_max restarts once SND.UNA passes the SND.NXT
     * of the window's first sample).
     * \param rtt the measured round-trip time (a negative value is ignored)
     * \param sndUna SND.UNA after the ACK \param sndNxt SND.NXT
     */
    void Sample(Time rtt, int64_t sndUna, int64_t sndNxt);

    /**
     * \brief Compute the RTO as Linux 6.18 does (tcp_rtt_estimator(), tcp_set_rto()) instead of
     * RFC 6298 §2: SRTT + max(mdev over the last window, minRto), which never falls below
     * SRTT + minRto; a sample below SRTT moves the variance with gain 1/32 rather than 1/4.
     * The RTO is rounded up to the clock granularity (Linux's jiffies).
     * \param on Linux's estimator
     */
    void SetLinux(bool on);

    /**
     * \brief RFC 6298 §5.7: the RTO to use until the first sample when the SYN had to be
     * retransmitted (3 s). Ignored once a sample exists.
     * \param rto the new initial RTO
     */
    void SetInitialRto(Time rto);

    /// \return RTO = max(minRto, SRTT + max(G, 4·RTTVAR)), at most maxRto (Linux: SRTT +
    ///         rttvar, rounded up to G); the initial RTO before any sample
    Time GetRto() const;
    /// \return whether a sample has been taken
    bool HasSample() const;
    /// \return SRTT (zero before the first sample)
    Time GetSrtt() const;
    /// \return RTTVAR (zero before the first sample)
    Time GetRttVar() const;
    /// \return the smallest sample seen (zero before the first sample)
    Time GetMinRtt() const;
    /// \return the latest sample (zero before the first sample)
    Time GetLatestRtt() const;

  private:
    /// Linux tcp_rtt_estimator() \param m the sample in nanoseconds \param sndUna SND.UNA
    /// \param sndNxt SND.NXT
    void LinuxSample(int64_t m, int64_t sndUna, int64_t sndNxt);

    Time m_initialRto;        //!< RTO before the first sample
    Time m_minRto;            //!< lower bound
    Time m_maxRto;            //!< upper bound
    Time m_granularity;       //!< G
    bool m_hasSample {false}; //!< a sample has been taken
    int64_t m_srtt {0};       //!< SRTT in nanoseconds
    int64_t m_rttvar {0};     //!< RTTVAR in nanoseconds
    int64_t m_minRtt {0};     //!< smallest sample in nanoseconds
    int64_t m_latest {0};     //!< latest sample in nanoseconds
    bool m_linux {false};     //!< Linux's estimator (SetLinux())
    int64_t m_mdev {0};       //!< Linux mdev_us: 4 x the mean deviation, in nanoseconds
    int64_t m_mdevMax {0};    //!< Linux mdev_max_us: largest mdev of this window of data
    int64_t m_linuxVar {0};   //!< Linux rttvar_us: the RTO's variance term
    int64_t m_rttSeq {0};     //!< Linux rtt_seq: SND.NXT when this window's first sample came
};

} // namespace ns3

#endif /* FULLTCP_RTT_ESTIMATOR_H */
