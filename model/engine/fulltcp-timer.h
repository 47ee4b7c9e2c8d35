/*
 * Engine: the connection's timer slots, a table of named slots that mechanisms register
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_TIMER_H
#define FULLTCP_TIMER_H

#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>

namespace ns3
{

class FullTcpConnection;
class FullTcpLossRecovery;
class FullTcpRecoverySender;
struct FullTcpTimerExpiry;

/// Runs when a slot expires (after stale and cancelled expiries have been filtered out).
using FullTcpTimerHandler = void (*)(const FullTcpTimerExpiry& expiry);

/**
 * \ingroup fulltcp
 * \brief One timer slot of a connection: an index into a small table, with a name and a
 * handler registered once per program.
 *
 * The engine's own four slots are constants (RETRANSMIT, DELAYED_ACK, KEEPALIVE, LINGER,
 * DESIGN.md "Timers"); a mechanism that needs another one (a loss recovery's reordering
 * timer, say) registers it in its own file, at load time:
 * \code
 *   const FullTcpTimer MyRecovery::PROBE = FullTcpTimer::Register("PROBE", &MyProbeExpired);
 * \endcode
 * and arms it through FullTcpRecoverySender::ArmTimer(). Each connection keeps one
 * deadline per slot (FullTcpTimerDeadlines), the glue one event per slot; both are fixed
 * arrays of CAPACITY entries, so no slot costs an allocation.
 */
class FullTcpTimer
{
  public:
    /// Most slots a program may have (the engine's four and those registered).
    static constexpr uint32_t CAPACITY = 8;

    /// SYN, SYN-ACK, data and FIN retransmission; zero-window probes (persist).
    static const FullTcpTimer RETRANSMIT;
    /// Delayed acknowledgment (RFC 9293 §3.8.6.3).
    static const FullTcpTimer DELAYED_ACK;
    /// Keepalive probes (RFC 9293 §3.8.4).
    static const FullTcpTimer KEEPALIVE;
    /// TIME_WAIT 2·MSL, or the orphaned FIN_WAIT_2 timeout.
    static const FullTcpTimer LINGER;

    /**
     * \brief Add a slot (during static initialization, from the mechanism's .cc file).
     *
     * A name registered twice, or more than CAPACITY slots, is a programming error that
     * stops the program at load time with a message.
     * \param name the slot's name, as logs and traces print it (a string literal)
     * \param handler what runs when the slot expires
     * \return the new slot
     */
    static FullTcpTimer Register(const char* name, FullTcpTimerHandler handler);
    /// \return how many slots exist (the engine's and the registered ones)
    static uint32_t Count();
    /// \param index a slot index below Count() \return that slot
    static FullTcpTimer At(uint32_t index);

    /// \return the slot's index in the per-connection tables
    constexpr uint32_t
    Index() const
    {
        return m_index;
    }

    /// \return the slot's name, e.g. "LINGER"
    const char* Name() const;
    /// \return what runs when the slot expires
    FullTcpTimerHandler Handler() const;

    /// \param o another slot \return whether both are the same slot
    constexpr bool
    operator==(const FullTcpTimer& o) const
    {
        return m_index == o.m_index;
    }

    /// \param o another slot \return whether they are different slots
    constexpr bool
    operator!=(const FullTcpTimer& o) const
    {
        return m_index != o.m_index;
    }

  private:
    struct Table;
    /// \return every slot of the program, created on first use with the engine's own slots
    static Table& TheTable();

    /// \param index the slot's index
    constexpr explicit FullTcpTimer(uint8_t index) : m_index(index) {}

    uint8_t m_index; //!< index in the registry and the per-connection tables
};

inline constexpr FullTcpTimer FullTcpTimer::RETRANSMIT {0};
inline constexpr FullTcpTimer FullTcpTimer::DELAYED_ACK {1};
inline constexpr FullTcpTimer FullTcpTimer::KEEPALIVE {2};
inline constexpr FullTcpTimer FullTcpTimer::LINGER {3};

/**
 * \ingroup fulltcp
 * \brief What a slot's handler is given when its slot expires. The handler runs inside the
 * connection's input (the time is set, application events wait until it returns).
 */
struct FullTcpTimerExpiry
{
    FullTcpConnection& connection; //!< the connection whose slot expired
    /// The sending side as the loss recovery sees it (what a plug's handler acts on).
    FullTcpRecoverySender& sender;
    FullTcpLossRecovery& recovery; //!< the loss recovery in use
    FullTcpTimer slot;             //!< the slot that expired
};

/**
 * \ingroup fulltcp
 * \brief A slot with its name and handler, as the engine lists its own (FullTcpConnection).
 */
struct FullTcpTimerSlot
{
    FullTcpTimer slot;           //!< the slot
    const char* name;            //!< its name
    FullTcpTimerHandler handler; //!< what runs when it expires
};

/**
 * \ingroup fulltcp
 * \brief The expiry time of each armed slot of one connection: 8 bytes per slot.
 */
class FullTcpTimerDeadlines
{
  public:
    /// \param slot a slot \return its expiry time, or nothing when it is not armed
    std::optional<Time> Get(FullTcpTimer slot) const;
    /// \param slot a slot \param deadline when it expires
    void Set(FullTcpTimer slot, Time deadline);
    /// \param slot a slot to disarm \return whether it was armed
    bool Reset(FullTcpTimer slot);

  private:
    /// Marks a slot that is not armed.
    static constexpr int64_t IDLE = std::numeric_limits<int64_t>::min();
    /// Expiry of each slot in time steps (Time::GetTimeStep()), IDLE when not armed.
    std::array<int64_t, FullTcpTimer::CAPACITY> m_steps = AllIdle();

    /// \return every slot IDLE
    static constexpr std::array<int64_t, FullTcpTimer::CAPACITY>
    AllIdle()
    {
        std::array<int64_t, FullTcpTimer::CAPACITY> steps {};
        for (auto& s : steps)
        {
            s = IDLE;
        }
        return steps;
    }
};

/// \param t a timer slot \return its name, e.g. "LINGER"
const char* FullTcpTimerName(FullTcpTimer t);
/// Print the timer's name.
std::ostream& operator<<(std::ostream& os, FullTcpTimer t);

} // namespace ns3

#endif /* FULLTCP_TIMER_H */
