/*
 * Test: suite fulltcp-drawings, EnableLadder/EnableTimeSequence files in a real simulation
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-drawings": FullTcpHelper::EnableLadder and EnableTimeSequence in a real
 * simulation (two nodes, a point-to-point link, a client that sends 20 kB and closes):
 *  - one recorder per helper, whichever is enabled first; its attributes pass through;
 *  - at Simulator::Destroy the text ladder, the SVG ladder and the client's time-sequence
 *    graph are written under the prefixes;
 *  - the ladder has one arrow per segment on the wire: as many as the pcap of the client's
 *    device holds (it sees every segment, sent or received);
 *  - when the link loses one data segment, the ladder draws exactly that one as lost.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/fulltcp-helper.h"
#include "ns3/fulltcp-trace-recorder.h"
#include "ns3/pcap-file.h"

#include <cstdio>
#include <fstream>
#include <vector>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// \param path a pcap file \return its number of frames
uint32_t
PcapFrames(const std::string& path)
{
    PcapFile pcap;
    pcap.Open(path, std::ios::in);
    uint32_t frames = 0;
    uint8_t buf[65536];
    uint32_t tsSec;
    uint32_t tsUsec;
    uint32_t inclLen;
    uint32_t origLen;
    uint32_t readLen;
    while (true)
    {
        pcap.Read(buf, sizeof(buf), tsSec, tsUsec, inclLen, origLen, readLen);
        if (pcap.Fail() || pcap.Eof())
        {
            break;
        }
        ++frames;
    }
    return frames;
}

/// \param path a file \return whether it exists and is not empty
bool
NonEmpty(const std::string& path)
{
    std::ifstream f(path);
    return f.good() && f.peek() != std::ifstream::traits_type::eof();
}

/// The server reads everything and closes at end of file.
void
ServerRead(Ptr<Socket> s)
{
    while (Ptr<Packet> p = s->Recv())
    {
        if (p->GetSize() == 0)
        {
            s->Close();
            return;
        }
    }
}

void
ServerAccept(Ptr<Socket> s, const Address&)
{
    s->SetRecvCallback(MakeCallback(&ServerRead));
}

/// The client sends 20 kB and closes.
void
ClientConnected(Ptr<Socket> s)
{
    s->Send(Create<Packet>(20000));
    s->Close();
}

/// A 20 kB transfer drawn by EnableLadder and EnableTimeSequence.
class DrawingsTestCase : public TestCase
{
  public:
    /// \param loseOne the server's device loses the 5th packet it receives (a data segment)
    explicit DrawingsTestCase(bool loseOne) :
        TestCase(loseOne ? "a lost data segment is drawn as lost"
                         : "files written at Destroy, one arrow per segment on the wire"),
        m_loseOne(loseOne)
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        NodeContainer nodes(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("5ms"));
        NetDeviceContainer devices = p2p.Install(nodes);
        InternetStackHelper internet;
        internet.Install(nodes);
        FullTcpHelper fulltcp;
        fulltcp.SetSocketAttribute("Msl", TimeValue(MilliSeconds(100)));
        fulltcp.Install(nodes);
        FullTcpHelper::AssignStreams(nodes, 1);
        Ipv4AddressHelper v4("10.1.1.0", "255.255.255.0");
        Ipv4InterfaceContainer ifs = v4.Assign(devices);
        if (m_loseOne)
        {
            // Server receives: SYN (0), ACK (1), then data: packet 4 is a data segment.
            Ptr<ReceiveListErrorModel> em = CreateObject<ReceiveListErrorModel>();
            em->SetList({4});
            devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        }
        const std::string prefix = CreateTempDirFilename(m_loseOne ? "lossy" : "clean");
        p2p.EnablePcap(prefix + ".pcap", devices.Get(0), false, true);

        fulltcp.SetTraceRecorderAttribute("RelativeSequenceNumbers", BooleanValue(false));
        Ptr<FullTcpTraceRecorder> ladder = fulltcp.EnableLadder(prefix);
        Ptr<FullTcpTraceRecorder> tseq = fulltcp.EnableTimeSequence(prefix);
        NS_TEST_ASSERT_MSG_EQ(ladder, tseq, "one recorder per helper");
        NS_TEST_EXPECT_MSG_EQ(
            ladder->GetLadderOptions().relative, false, "RelativeSequenceNumbers passed through");

        Ptr<Socket> listener =
            Socket::CreateSocket(nodes.Get(1), FullTcpSocketFactory::GetTypeId());
        listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
        listener->Listen();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&ServerAccept));
        Ptr<Socket> client = Socket::CreateSocket(nodes.Get(0), FullTcpSocketFactory::GetTypeId());
        client->SetConnectCallback(MakeCallback(&ClientConnected),
                                   MakeNullCallback<void, Ptr<Socket>>());
        // Not before the simulation starts: the nodes' stacks initialise then.
        Simulator::Schedule(
            Seconds(1), &Socket::Connect, client, InetSocketAddress(ifs.GetAddress(1), 80));
        Simulator::Stop(Seconds(20));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(ladder->GetConnectionCount(), 1, "one connection recorded");
        const FullTcpConnectionRecord& record = ladder->GetConnection(0);
        uint32_t lost = 0;
        for (const FullTcpSegmentEvent& s : record.GetSegments())
        {
            lost += s.IsLost() ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(lost, m_loseOne ? 1 : 0, "segments drawn as lost");
        const std::string stem = prefix + "-" + ladder->GetFileStem(0);
        const uint32_t segments = record.GetSegments().size();
        const std::vector<std::string> files = {
            stem + ".txt", stem + ".svg", stem + "-tseq-client.svg"};
        for (const std::string& f : files)
        {
            std::remove(f.c_str()); // a previous run's: Destroy() must write them again
        }
        client = nullptr;
        listener = nullptr;
        Simulator::Destroy();
        // The devices' pcap sinks close (and flush) the file when the devices go.
        devices = NetDeviceContainer();
        nodes = NodeContainer();

        NS_TEST_EXPECT_MSG_EQ(segments, PcapFrames(prefix + ".pcap"), "arrows = frames");
        NS_TEST_EXPECT_MSG_GT(segments, 20, "a handshake, 14 data segments, ACKs and FINs");
        for (const std::string& f : files)
        {
            NS_TEST_EXPECT_MSG_EQ(NonEmpty(f), true, f + " written at Destroy");
        }
    }

    bool m_loseOne; //!< drop one data segment
};

/// The suite.
class FullTcpDrawingsTestSuite : public TestSuite
{
  public:
    FullTcpDrawingsTestSuite() : TestSuite("fulltcp-drawings", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new DrawingsTestCase(false), FullTcpTestDuration::QUICK);
        AddTestCase(new DrawingsTestCase(true), FullTcpTestDuration::QUICK);
    }
};

FullTcpDrawingsTestSuite g_fullTcpDrawingsTestSuite; //!< registers the suite

} // namespace
