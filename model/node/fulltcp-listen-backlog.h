/*
 * Node: listener SYN queue and accept queue, Linux's listen(2) backlog (RFC 4987 §2.1)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_LISTEN_BACKLOG_H
#define FULLTCP_LISTEN_BACKLOG_H

#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <set>

namespace ns3
{

class FullTcpSocket;

/**
 * \ingroup fulltcp
 * \brief A listener's two queues (Linux's model of listen(2)'s backlog; RFC 4987 §2.1).
 *
 *  - the **SYN queue**: children in SYN_RCVD (half-open), at most SynQueueLimit. A SYN that
 *    finds it full is dropped, or answered with a SYN cookie when SynCookies is on (RFC 4987
 *    §3.6), as Linux does with tcp_syncookies = 1.
 *  - the **accept queue**: established children the application has not taken yet, at most
 *    AcceptQueueLimit. ns-3 has no accept() call: the application takes a child in its
 *    NewConnectionCreated callback, at once, so the queue only fills while the listener is
 *    paused (FullTcpSocket::SetAcceptPaused). A SYN that finds it full is dropped, and so is
 *    the ACK that would complete a handshake (the child stays SYN_RCVD and retransmits its
 *    SYN-ACK), as Linux does (tcp_abort_on_overflow = 0).
 *
 * Children are held by the demux while they live; the SYN queue keeps plain pointers, which
 * the child removes before it goes.
 */
class FullTcpListenBacklog
{
  public:
    FullTcpListenBacklog();
    ~FullTcpListenBacklog();
    FullTcpListenBacklog(const FullTcpListenBacklog&) = delete;
    FullTcpListenBacklog& operator=(const FullTcpListenBacklog&) = delete;

    /// \param limit SYN queue limit \param acceptLimit accept queue limit
    /// \param cookies answer SYN queue overflow with SYN cookies
    void Configure(uint32_t limit, uint32_t acceptLimit, bool cookies);
    /// \return SynQueueLimit
    uint32_t GetSynQueueLimit() const;
    /// \return AcceptQueueLimit
    uint32_t GetAcceptQueueLimit() const;
    /// \return SynCookies
    bool GetSynCookies() const;

    /// \return whether a SYN finds the SYN queue full
    bool SynQueueFull() const;
    /// \return whether the accept queue is full
    bool AcceptQueueFull() const;
    /// \return children in SYN_RCVD
    uint32_t SynQueueLength() const;
    /// \return established children waiting for the application
    uint32_t AcceptQueueLength() const;

    /// \param child a new child in SYN_RCVD
    void AddHalfOpen(FullTcpSocket* child);
    /// \param child a child that left SYN_RCVD or died \return whether it was there
    bool RemoveHalfOpen(FullTcpSocket* child);
    /// \param child an established child for the application
    void PushAccepted(Ptr<FullTcpSocket> child);
    /// \return the next established child, or null
    Ptr<FullTcpSocket> PopAccepted();
    /// \return every half-open child, and empties the SYN queue
    std::set<FullTcpSocket*> TakeHalfOpen();

    /// \param now when a SYN cookie was sent
    void CookieSent(Time now);
    /// \param now the current time \param window how long cookies stay valid
    /// \return whether cookies were sent within the window (so an ACK may carry one)
    bool CookiesRecentlySent(Time now, Time window) const;

  private:
    uint32_t m_synLimit;                       //!< SynQueueLimit
    uint32_t m_acceptLimit;                    //!< AcceptQueueLimit
    bool m_cookies;                            //!< SynCookies
    std::set<FullTcpSocket*> m_halfOpen;       //!< the SYN queue
    std::deque<Ptr<FullTcpSocket>> m_accepted; //!< the accept queue
    std::optional<Time> m_lastCookie;          //!< last SYN cookie sent
};

} // namespace ns3

#endif /* FULLTCP_LISTEN_BACKLOG_H */
