/*
 * Script: FullTcpScriptRunner, runs a script on a zero-delay two-node ns-3 network
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SCRIPT_RUNNER_H
#define FULLTCP_SCRIPT_RUNNER_H

#include "fulltcp-script-matcher.h"
#include "fulltcp-script-syscalls.h"
#include "fulltcp-script-under-test.h"
#include "fulltcp-script.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <deque>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class FullTcpRawPeer;

/**
 * \ingroup fulltcp
 * \brief Runs a packetdrill-syntax script against FullTcp in an ns-3 simulation.
 *
 * The network is two nodes on a zero-delay, infinite-rate link (SimpleNetDevice in
 * point-to-point mode, MTU 1500), so a segment arrives at the time it is sent and script
 * times are exact: node 0 runs FullTcp (the stack under test), node 1 a FullTcpRawPeer that
 * injects the `<` segments and records what FullTcp sends. Events run in script order:
 * a `<` segment, a system call or a command at its time; a `>` segment is awaited and
 * compared field by field (FullTcpScriptMatcher), its time within the tolerance. The first
 * difference ends the run with a message that shows the expected and the actual segment
 * (or call result) and the time, as packetdrill's messages do.
 */
class FullTcpScriptRunner
{
  public:
    /// How to run.
    struct Options
    {
        std::string profile {"rfc"};         //!< "rfc" or "linux" (FullTcpProfile)
        Time tolerance {MilliSeconds(4)};    //!< timing tolerance (packetdrill's default)
        bool verbose {false};                //!< print every event as it runs
        Ipv4Address localIp {"192.168.0.1"}; //!< FullTcp's address (packetdrill's default)
        Ipv4Address remoteIp {"192.0.2.1"};  //!< the script side's (packetdrill's default)
        std::ostream* log {&std::cout};      //!< where verbose output goes
        /// Commands run before the script, as packetdrill's harness runs defaults.sh
        std::vector<std::string> commands;
    };

    /// \param script the parsed script \param options how to run it
    FullTcpScriptRunner(const FullTcpScript& script, const Options& options);
    ~FullTcpScriptRunner();

    /**
     * \brief Run the script in a fresh simulation (Simulator::Destroy() at the end).
     * \return true when every event matched
     */
    bool Run();

    /// \return after a failed Run(), the first mismatch
    const std::string& GetMessage() const;

  private:
    /// A segment FullTcp sent that no `>` line has taken yet.
    struct Sent
    {
        FullTcpHeader header; //!< its header
        uint32_t payload;     //!< its length
        Time at;              //!< when it was sent
        uint8_t ecn;          //!< its IP ECN codepoint
    };

    /// Build the two nodes and the link.
    void BuildNetwork();
    /// Run events from the cursor until one must wait.
    void Advance();
    /// Let the segments of the current instant reach their destination, then go on.
    /// \param hops zero-delay event generations still to let run \param then what next
    void Settle(uint32_t hops, void (FullTcpScriptRunner::*then)());
    /// \return the time of the event at the cursor (from the previous event's)
    Time EventTime() const;
    /// Run a `<`, a call or a command. \return false when the run failed
    bool Execute(const FullTcpScriptEvent& e);
    /// The cursor is at a `>` line: take a sent segment, or wait for one.
    void Expect();
    /// Compare the oldest sent segment with the `>` line at the cursor.
    void MatchSent();
    /// The segments of the instant a `>` line waited for have arrived: compare.
    void MatchAwaited();
    /// The `>` line's time window closed (after the segments of that instant settle).
    void ExpectTimedOut();
    /// Fail if the `>` line at the cursor is still waiting.
    void CheckExpected();
    /// The raw peer received a segment from FullTcp.
    void Received(const FullTcpHeader& header,
                  Ptr<const Packet> payload,
                  const Address& src,
                  const Address& dst);
    /**
     * \brief A call returned. \param index its event \param end when it should return
     * \param blocked whether it blocked \param o what it returned
     */
    void Returned(size_t index, Time end, bool blocked, const FullTcpScriptSyscalls::Outcome& o);
    /// All events ran: wait for blocking calls, then stop.
    void Finish();
    /// \param e the event \param what the mismatch (first line of the message)
    /// \param detail more lines
    void Fail(const FullTcpScriptEvent& e, const std::string& what, const std::string& detail = "");
    /// \param t a time \return it in seconds as a script writes it
    static std::string At(Time t);

    const FullTcpScript& m_script;                  //!< the script
    Options m_options;                              //!< how to run
    FullTcpScriptMatcher m_matcher;                 //!< segment translation
    std::unique_ptr<FullTcpScriptSyscalls> m_calls; //!< the socket side
    Ptr<FullTcpRawPeer> m_peer;                     //!< the script side
    FullTcpScriptUnderTest m_underTest;             //!< packetdrill's socket under test
    uint16_t m_localPort {8080};                    //!< FullTcp's port (learned when it sends)
    uint16_t m_remotePort {48000};                  //!< the script side's
    size_t m_cursor {0};                            //!< next event
    Time m_previous;                                //!< time of the previous event
    bool m_awaiting {false};                        //!< a `>` line waits for a segment
    bool m_matchPending {false};                    //!< MatchAwaited() is scheduled
    size_t m_sentSettled {0};      //!< segments arrived when MatchAwaited() was scheduled
    Time m_windowLow;              //!< its earliest time
    Time m_windowHigh;             //!< its latest (Time::Max() for `*`)
    EventId m_timeout;             //!< its deadline
    std::deque<Sent> m_sent;       //!< segments not yet taken
    uint32_t m_blocked {0};        //!< blocking calls not yet returned
    Time m_latestReturn;           //!< when the last of them should return
    bool m_returnedAtOnce {false}; //!< the call being started returned
    bool m_finishing {false};      //!< waiting for blocking calls at the end
    bool m_done {false};           //!< passed or failed
    bool m_passed {false};         //!< passed
    std::string m_message;         //!< the first mismatch
};

} // namespace ns3

#endif /* FULLTCP_SCRIPT_RUNNER_H */
