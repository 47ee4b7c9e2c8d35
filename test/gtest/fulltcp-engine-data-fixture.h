/*
 * Test: data-transfer test helpers: segments by stream offset, established connection
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Helpers shared by the data-transfer engine tests (fulltcp-engine-data-*-test.cc): the
 * peer's data segments by stream offset, our data segments by stream offset, and a
 * connection established with a chosen configuration.
 */
#ifndef FULLTCP_ENGINE_DATA_FIXTURE_H
#define FULLTCP_ENGINE_DATA_FIXTURE_H

#include "fulltcp-engine-fixture.h"

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace fulltcp_test
{

/// \return n bytes that differ from offset to offset (so misplaced bytes show)
inline std::string
Text(size_t n, size_t from = 0)
{
    std::string s(n, '\0');
    for (size_t i = 0; i < n; ++i)
    {
        s[i] = static_cast<char>('a' + (from + i) % 26);
    }
    return s;
}

/**
 * The engine under test is established (active open, no options, peer MSS 1000, peer window
 * 20000, our buffers 8000); the helpers address both streams by data offset (0 = the first
 * data byte).
 */
class DataTest : public EngineTest
{
  protected:
    /// \param offset the peer's data offset \param n length
    /// \return the peer's data segment [offset, offset + n), acknowledging ackOffset of ours
    Seg
    PeerData(uint32_t offset, uint32_t n, uint32_t ackOffset = 0) const
    {
        return Flags(H::ACK).Seq(kIrs + 1 + offset).Ack(kIss + 1 + ackOffset).Data(Text(n, offset));
    }

    /// The first 3000 bytes of data go and are acknowledged with a zero window; the rest
    /// waits, nothing in flight (the persist timer runs). \param data more than 3000 bytes
    void
    CloseWindowWithDataWaiting(const std::string& data)
    {
        Write(data.substr(0, 3000));
        Inject(PeerAck(3000).Win(0));
        Write(data.substr(3000));
        out.ClearHistory();
    }

    /// \param ackOffset our data offset the peer acknowledges \return the peer's pure ACK
    Seg
    PeerAck(uint32_t ackOffset, uint32_t peerOffset = 0) const
    {
        return Flags(H::ACK).Seq(kIrs + 1 + peerOffset).Ack(kIss + 1 + ackOffset);
    }

    /// \return our ACK of the peer's data up to offset (our data offset at sndOffset)
    Seg
    OurAck(uint32_t peerOffset, uint32_t sndOffset = 0) const
    {
        return Flags(H::ACK).Seq(kIss + 1 + sndOffset).Ack(kIrs + 1 + peerOffset);
    }

    /// \return our data segment [offset, offset + n) of `written`, ACK of peer offset 0
    Seg
    OurData(const std::string& written, uint32_t offset, uint32_t n, uint8_t extraFlags = 0) const
    {
        return Flags(H::ACK | extraFlags)
            .Seq(kIss + 1 + offset)
            .Ack(kIrs + 1)
            .Data(written.substr(offset, n));
    }

    /// Active open with timestamps: the peer's SYN-ACK carries TSval peerTs.
    void
    DriveToEstablishedWithTimestamps(uint32_t peerTs)
    {
        cfg.timestamps = true;
        DriveToSynSent();
        Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss).Ts(peerTs, OurTsVal()));
        ASSERT_EQ(State(), S::ESTABLISHED);
        ASSERT_TRUE(Tcb().tsOk);
        out.ClearHistory();
    }

    /// Active open with SACK-permitted on both SYNs (no timestamps).
    void
    DriveToEstablishedWithSack()
    {
        cfg.sack = true;
        DriveToSynSent();
        Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss).SackOk());
        ASSERT_EQ(State(), S::ESTABLISHED);
        ASSERT_TRUE(Tcb().sackOk);
        out.ClearHistory();
    }

    /// \return the peer's ACK of our ackOffset with SACK blocks given as our data offsets
    Seg
    PeerSack(uint32_t ackOffset, std::vector<std::pair<uint32_t, uint32_t>> blocks) const
    {
        Seg s = PeerAck(ackOffset);
        std::vector<FullTcpSackBlock> wire;
        for (const auto& [left, right] : blocks)
        {
            wire.push_back(FullTcpSackBlock {kIss + 1 + left, kIss + 1 + right});
        }
        s.Opts().SetSackBlocks(wire);
        return s;
    }

    /// \return our ACK of peer offset ackOffset with SACK blocks given as peer data offsets
    Seg
    OurSack(uint32_t ackOffset, std::vector<std::pair<uint32_t, uint32_t>> blocks) const
    {
        Seg s = OurAck(ackOffset);
        std::vector<FullTcpSackBlock> wire;
        for (const auto& [left, right] : blocks)
        {
            wire.push_back(FullTcpSackBlock {kIrs + 1 + left, kIrs + 1 + right});
        }
        s.Opts().SetSackBlocks(wire);
        return s;
    }

    /// Write n bytes of Text() and expect them to leave as full segments of 1000 bytes
    /// (PSH on the last), then forget them.
    void
    WriteAndSendSegments(uint32_t n)
    {
        const std::string data = Text(n);
        Write(data);
        for (uint32_t o = 0; o < n; o += 1000)
        {
            EXPECT_SENT(OurData(data, o, 1000, o + 1000 >= n ? H::PSH : 0)) << "offset " << o;
        }
        EXPECT_NOTHING_SENT();
    }

    /// \return the TSval the engine sends now (a millisecond clock, offset 0)
    uint32_t
    OurTsVal() const
    {
        return static_cast<uint32_t>(now.GetMilliSeconds());
    }

    /// Write bytes and check that the engine took them.
    void
    Write(const std::string& bytes)
    {
        ASSERT_EQ(Conn().Send(Payload(bytes), now), FullTcpError::OK);
    }

    /// \return the TCB of the connection under test
    const FullTcpTcb&
    Tcb()
    {
        return Conn().GetTcb();
    }
};

} // namespace fulltcp_test

#endif /* FULLTCP_ENGINE_DATA_FIXTURE_H */
