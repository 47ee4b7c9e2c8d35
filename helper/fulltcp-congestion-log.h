/*
 * Helper: FullTcpCongestionLog, one CSV per connection of cwnd, ssthresh, RTT and loss events
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_CONGESTION_LOG_H
#define FULLTCP_CONGESTION_LOG_H

#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"
#include "ns3/tcp-socket-state.h"

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class FullTcpL4Protocol;
class FullTcpSocket;

/**
 * \ingroup fulltcp
 * \brief Writes, for every connection of the nodes it is attached to, one CSV file of the
 * sender's congestion variables and loss events (FullTcpHelper::EnableCongestionLog()).
 *
 * The file of a connection is `<prefix>-<node>-<local>-<remote>.csv`, the addresses written
 * as FullTcpStateLog::FormatAddress() writes them with every character other than a letter,
 * a digit or a dot replaced by `_` (`cc-0-10.1.1.1_49153-10.1.1.2_80.csv`). It is created
 * when the connection first has a peer and a congestion window (once it is established, or
 * a listener's child once forked): listeners have no file.
 *
 * The header is exactly HEADER. A row is written whenever one of the values changes or an
 * event happens, with every value as it stands after the change:
 *  - time: simulation seconds with 9 decimals;
 *  - cwnd, ssthresh, bytes_in_flight: bytes (the CongestionWindow, SlowStartThreshold and
 *    BytesInFlight traces);
 *  - srtt_ms, rttvar_ms, rto_ms, min_rtt_ms: milliseconds with 3 decimals (RTT, RttVar, RTO,
 *    MinRtt);
 *  - pacing_rate_bps: the pacing rate in bit/s (PacingRate; 0 while the socket does not
 *    pace);
 *  - reo_wnd_ms: RACK's reordering window (RackReorderWindow; 0 without RACK);
 *  - cong_state: Linux's name of the congestion state (Open, Disorder, CWR, Recovery,
 *    Loss);
 *  - event: empty for a change of value, else what happened: `retransmission`,
 *    `tlp_new_data` / `tlp_retransmit` (TailLossProbe), `rack_lost` (RackLost),
 *    `spurious_timeout` (SpuriousTimeout), `undo` (Undo), `ecn_echo` (EcnEcho), `cwr_sent`
 *    (CwrSent), `ce_received` (CeReceived);
 *  - detail: the event's sequence number (`start-end` for rack_lost; for spurious_timeout
 *    how it was detected, "F-RTO", "Eifel" or "DSACK"; for undo its kind, "full",
 *    "partial", "dsack", "loss" or "frto"), empty otherwise.
 *
 * Each row is flushed, so the file is complete whenever the simulation stops.
 */
class FullTcpCongestionLog : public SimpleRefCount<FullTcpCongestionLog>
{
  public:
    /// The CSV header line (without the newline).
    static constexpr const char* HEADER =
        "time,cwnd,ssthresh,bytes_in_flight,srtt_ms,rttvar_ms,rto_ms,min_rtt_ms,"
        "pacing_rate_bps,reo_wnd_ms,cong_state,event,detail";

    /// \param prefix path prefix of the files (its folder must exist)
    explicit FullTcpCongestionLog(std::string prefix);

    /**
     * \brief Log every connection of a node, present sockets excluded: call it before the
     * applications create theirs (FullTcpHelper::EnableCongestionLog() does, after Install()).
     * \param tcp the node's FullTcp protocol
     */
    void Attach(Ptr<FullTcpL4Protocol> tcp);

    /// \param s a congestion state \return Linux's name for it (tcp_ca_state: Open, ...)
    static const char* CongStateName(TcpSocketState::TcpCongState_t s);

    /// The values of one connection and its file (one per socket).
    struct Connection
    {
        FullTcpCongestionLog* log {nullptr}; //!< the log it belongs to
        FullTcpSocket* socket {nullptr};     //!< the socket (kept alive by its node)
        std::ofstream file;                  //!< the CSV, open once the peer is known
        bool noFile {false};                 //!< the file could not be created (warned once)
        uint32_t cwnd {0};                   //!< CongestionWindow
        uint32_t ssthresh {0};               //!< SlowStartThreshold
        uint32_t bytesInFlight {0};          //!< BytesInFlight
        Time srtt;                           //!< RTT
        Time rttVar;                         //!< RttVar
        Time rto;                            //!< RTO
        Time minRtt;                         //!< MinRtt
        uint64_t pacingRate {0};             //!< PacingRate, bit/s
        Time reoWnd;                         //!< RackReorderWindow
        TcpSocketState::TcpCongState_t state {TcpSocketState::CA_OPEN}; //!< CongState

        /// Write a row (opening the file first if the peer is now known).
        /// \param event what happened ("" for a change of value) \param detail its detail
        void Row(const std::string& event = "", const std::string& detail = "");
    };

  private:
    /// A socket was created: follow its traces. \param socket the new socket
    void Follow(Ptr<FullTcpSocket> socket);
    /// \param c a connection whose peer is now known \return whether its file is open
    bool Open(Connection& c) const;

    std::string m_prefix;                                   //!< file prefix
    std::vector<std::unique_ptr<Connection>> m_connections; //!< one per socket followed
};

} // namespace ns3

#endif /* FULLTCP_CONGESTION_LOG_H */
