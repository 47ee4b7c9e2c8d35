/*
 * Test: suite fulltcp-script-parser, packetdrill grammar the script parser accepts
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-script-parser": forms of packetdrill's grammar (gtests/net/packetdrill/parser.y)
 * that Google's public TCP scripts (gtests/net/tcp) use, parsed into the events the runner
 * executes; and the sysctl commands a backtick command runs (the suite's defaults.sh).
 */
#include "fulltcp-test-compat.h"

#include "ns3/fulltcp-script-matcher.h"
#include "ns3/fulltcp-script-parser.h"
#include "ns3/fulltcp-script-shell.h"

#include <cstdio>
#include <fstream>
#include <iostream>

using namespace ns3;

namespace
{

/// \param text one script line \return its only event (a default one if it does not parse)
FullTcpScriptEvent
OneEvent(const std::string& text)
{
    try
    {
        const FullTcpScript s = FullTcpScriptParse(text, "test.pkt");
        return s.events.size() == 1 ? s.events[0] : FullTcpScriptEvent();
    }
    catch (const FullTcpScriptSyntaxError& e)
    {
        std::cerr << "parse error: " << e.what() << "\n";
        return FullTcpScriptEvent();
    }
}

/// msghdr (`msg_iov(N)=[...]`) and iovec (`{..., LEN}`), as sendmsg/recvmsg scripts write them.
class MsghdrTestCase : public TestCase
{
  public:
    MsghdrTestCase() : TestCase("msghdr fields name(N)=value and iovec items without names") {}

  private:
    void
    DoRun() override
    {
        const FullTcpScriptEvent e =
            OneEvent("+0 sendmsg(4, {msg_name(...)=..., msg_iov(2)=[{..., 40}, {..., 20}], "
                     "msg_flags=0}, 0) = 60\n");
        NS_TEST_ASSERT_MSG_EQ(e.call.name, "sendmsg", "a call");
        NS_TEST_ASSERT_MSG_EQ(e.call.args.size(), 3u, "three arguments");
        if (e.call.args.size() != 3u)
        {
            return; // (the runner may be told to go on after a failed assertion)
        }
        const FullTcpScriptExpr& m = e.call.args[1];
        NS_TEST_ASSERT_MSG_EQ(m.kind, FullTcpScriptExpr::STRUCT, "a struct");
        const std::vector<std::string> names = {
            "msg_namelen", "msg_name", "msg_iovlen", "msg_iov", "msg_flags"};
        NS_TEST_ASSERT_MSG_EQ((m.fields == names), true, "name(N)=v gives nameLEN and name");
        if (m.fields != names)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(m.items[0].kind, FullTcpScriptExpr::ELLIPSIS, "msg_name(...)");
        NS_TEST_EXPECT_MSG_EQ(m.items[2].number, 2, "msg_iov(2)");
        const FullTcpScriptExpr& iov = m.items[3];
        NS_TEST_ASSERT_MSG_EQ(iov.kind, FullTcpScriptExpr::LIST, "msg_iov is a list");
        NS_TEST_ASSERT_MSG_EQ(iov.items.size(), 2u, "of two iovecs");
        if (iov.items.size() != 2u || iov.items[1].items.size() != 1u)
        {
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(iov.items[1].kind, FullTcpScriptExpr::STRUCT, "an iovec");
        NS_TEST_ASSERT_MSG_EQ(iov.items[1].fields.size(), 1u, "its base (...) is skipped");
        NS_TEST_EXPECT_MSG_EQ(iov.items[1].fields[0], "", "its length has no name");
        NS_TEST_EXPECT_MSG_EQ(iov.items[1].items[0].number, 20, "iov_len");
        NS_TEST_EXPECT_MSG_EQ(e.call.result.number, 60, "the result");
    }
};

/// An ECN codepoint before the flags of a `>` line: the runner checks it.
class OutboundEcnTestCase : public TestCase
{
  public:
    OutboundEcnTestCase() : TestCase("an ECN codepoint on a '>' line is kept for the check") {}

  private:
    void
    DoRun() override
    {
        const FullTcpScriptEvent e = OneEvent("+0 > [ect0] P. 1:1001(1000) ack 1\n");
        NS_TEST_ASSERT_MSG_EQ(e.kind, FullTcpScriptEvent::SEGMENT, "a segment");
        NS_TEST_EXPECT_MSG_EQ(e.segment.inbound, false, "outbound");
        NS_TEST_EXPECT_MSG_EQ(e.segment.ecnGiven, true, "a codepoint to check");
        NS_TEST_EXPECT_MSG_EQ(+e.segment.ecn, 2, "ECT(0)");
        const FullTcpScriptEvent plain = OneEvent("+0 > P. 1:1001(1000) ack 1\n");
        NS_TEST_EXPECT_MSG_EQ(plain.segment.ecnGiven, false, "none: not checked");
    }
};

/// A backtick command: its sysctl lines, a shell file's sysctl lines, set_sysctls.py.
class ShellTestCase : public TestCase
{
  public:
    ShellTestCase() : TestCase("a backtick command's sysctls, from defaults.sh files too") {}

  private:
    void
    DoRun() override
    {
        const std::string file = CreateTempDirFilename("defaults.sh");
        {
            std::ofstream out(file);
            out << "#!/bin/bash\n# a comment\nip tcp_metrics flush all > /dev/null 2>&1\n"
                << "sysctl -q net.ipv4.tcp_sack=1\n  sysctl -q net.ipv4.tcp_ecn=0\n"
                << "tc qdisc add dev tun0 root pfifo\n";
        }
        const std::vector<std::string> got = FullTcpScriptShellCommands(
            file
            + "\n ../common/set_sysctls.py /proc/sys/net/ipv4/tcp_min_tso_segs=10\n"
              "sysctl -q net.ipv4.tcp_dsack=0  # off\n\n");
        const std::vector<std::string> want = {"sysctl -q net.ipv4.tcp_sack=1",
                                               "sysctl -q net.ipv4.tcp_ecn=0",
                                               "sysctl -q net.ipv4.tcp_min_tso_segs=10",
                                               "sysctl -q net.ipv4.tcp_dsack=0  "};
        NS_TEST_ASSERT_MSG_EQ(got.size(), want.size(), "four sysctl commands");
        for (size_t i = 0; i < want.size() && i < got.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(got[i], want[i], "command " << i);
        }
        std::remove(file.c_str());
    }
};

/// `FO`, `FO <hex>`, `FOEXP`, `FOEXP <hex>` and -D defines (parser.y, lexer.l word()).
class FastOpenOptionTestCase : public TestCase
{
  public:
    FastOpenOptionTestCase() : TestCase("FO and FOEXP options, a -D symbol as the cookie") {}

  private:
    void
    DoRun() override
    {
        const std::string line = "+0 < S 0:10(10) win 32792 <mss 1460,sackOK,nop,nop,FO TFO_COOKIE,"
                                 "nop,nop>\n";
        const FullTcpScript s =
            FullTcpScriptParse(line, "test.pkt", {{"TFO_COOKIE", "3021b9d889017eeb"}});
        NS_TEST_ASSERT_MSG_EQ(s.events.size(), 1u, "one segment");
        const FullTcpScriptSegment& seg = s.events[0].segment;
        NS_TEST_ASSERT_MSG_EQ(seg.options.size(), 7u, "seven options");
        NS_TEST_EXPECT_MSG_EQ(+seg.options[4].kind, 34, "FO is kind 34");
        const std::vector<uint32_t> cookie = {0x30, 0x21, 0xb9, 0xd8, 0x89, 0x01, 0x7e, 0xeb};
        NS_TEST_EXPECT_MSG_EQ((seg.options[4].values == cookie), true, "the define's bytes");
        // The segment on the wire: packetdrill's bytes, kind 34 length 10 and the cookie.
        FullTcpScriptMatcher matcher(0);
        FullTcpHeader h;
        NS_TEST_ASSERT_MSG_EQ(matcher.BuildInbound(seg, 1, 2, h), "", "built");
        const std::vector<uint8_t> wire = {2,    4,    0x05, 0xb4, 4,    2,    1,    1,    34, 10,
                                           0x30, 0x21, 0xb9, 0xd8, 0x89, 0x01, 0x7e, 0xeb, 1,  1};
        const uint8_t* b = h.GetOptions().GetBytes();
        NS_TEST_EXPECT_MSG_EQ(
            (std::vector<uint8_t>(b, b + h.GetOptions().GetLength()) == wire), true, "byte-exact");
        NS_TEST_EXPECT_MSG_EQ(h.GetOptions().GetFastOpen().has_value(), true, "read back");

        const FullTcpScriptEvent req = OneEvent("+0 > S. 0:0(0) ack 1 <mss 1460,FOEXP,FO>\n");
        NS_TEST_ASSERT_MSG_EQ(req.segment.options.size(), 3u, "three options");
        NS_TEST_EXPECT_MSG_EQ(+req.segment.options[1].kind, 254, "FOEXP is kind 254");
        NS_TEST_EXPECT_MSG_EQ(req.segment.options[1].values.size(), 0u, "a cookie request");
        NS_TEST_EXPECT_MSG_EQ(req.segment.options[2].values.size(), 0u, "a cookie request");
        const FullTcpScriptEvent exp = OneEvent("+0 < S 0:0(0) win 1 <FOEXP 1234abcd>\n");
        FullTcpHeader he;
        NS_TEST_ASSERT_MSG_EQ(matcher.BuildInbound(exp.segment, 1, 2, he), "", "built");
        const uint8_t* e = he.GetOptions().GetBytes();
        const std::vector<uint8_t> expWire = {254, 8, 0xf9, 0x89, 0x12, 0x34, 0xab, 0xcd};
        NS_TEST_EXPECT_MSG_EQ((std::vector<uint8_t>(e, e + he.GetOptions().GetLength()) == expWire),
                              true,
                              "kind 254, magic, cookie");
        bool odd = false;
        try
        {
            FullTcpScriptParse("+0 < S 0:0(0) win 1 <FO 123>\n", "test.pkt");
        }
        catch (const FullTcpScriptSyntaxError&)
        {
            odd = true;
        }
        NS_TEST_EXPECT_MSG_EQ(odd, true, "an odd number of hex digits is a parse error");
    }
};

/// The suite.
class FullTcpScriptParserTestSuite : public TestSuite
{
  public:
    FullTcpScriptParserTestSuite() : TestSuite("fulltcp-script-parser", TestSuite::Type::UNIT)
    {
        AddTestCase(new MsghdrTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new OutboundEcnTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new ShellTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new FastOpenOptionTestCase(), FullTcpTestDuration::QUICK);
    }
};

FullTcpScriptParserTestSuite g_fullTcpScriptParserTestSuite; //!< registers the suite

} // namespace
