/*
 * Test: SVG ladder well-formed, one arrow per segment, lost one short, states, cap
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The SVG ladder: a well-formed standalone document (our strict checker and python3's
 * parser), one arrow per segment with the lost one stopping short, states beside the right
 * lines in order, relative vs absolute numbers, and the cap on drawn segments.
 */
#include "fulltcp-ladder-script.h"
#include "fulltcp-xml-check.h"

#include "ns3/boolean.h"
#include "ns3/fulltcp-svg.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// \return a file path for a generated picture (FULLTCP_LADDER_OUTPUT, else /tmp)
std::string
OutputPath(const std::string& name)
{
    const char* dir = std::getenv("FULLTCP_LADDER_OUTPUT");
    return std::string(dir ? dir : "/tmp") + "/" + name;
}

/// \return the texts of the state labels anchored at "end" (client) or "start" (server)
std::vector<std::string>
StateLabels(const std::string& svg, const std::string& anchor)
{
    std::vector<std::string> out;
    const std::regex re("class=\"state\" text-anchor=\"" + anchor + "\">([A-Z_0-9]+)</text>");
    for (std::sregex_iterator it(svg.begin(), svg.end(), re), end; it != end; ++it)
    {
        out.push_back((*it)[1]);
    }
    return out;
}

} // namespace

TEST(LadderSvg, LifecycleIsWellFormedWithOneArrowPerSegment)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript(*rec).HandshakeDataLostFinClose();
    const std::string svg = rec->GetSvgLadder(0);
    EXPECT_EQ(XmlProblem(svg), "");
    EXPECT_TRUE(PythonParsesSvg(svg, OutputPath("fulltcp-ladder-lifecycle.svg")));

    EXPECT_EQ(Count(svg, "<g class=\"segment "), 10u);
    EXPECT_EQ(Count(svg, "<g class=\"segment fin lost\">"), 1u);
    EXPECT_EQ(Count(svg, "<g class=\"segment fin rtx\">"), 1u);
    EXPECT_EQ(Count(svg, "class=\"cross\""), 2u); // the lost arrow's X
    EXPECT_EQ(Count(svg, "<g class=\"segment syn\">"), 2u);
    EXPECT_NE(svg.find("client 10.0.0.1:49153 (node 0)"), std::string::npos);
    EXPECT_NE(svg.find("server 10.0.0.2:80 (node 1)"), std::string::npos);
    // Options text is escaped, never raw markup.
    EXPECT_NE(svg.find("&lt;mss 1460 wscale 7 sackOK TS 100/0&gt;"), std::string::npos);
}

TEST(LadderSvg, StatesAreBesideTheirLinesInOrder)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript(*rec).HandshakeDataLostFinClose();
    const std::string svg = rec->GetSvgLadder(0);
    EXPECT_EQ(StateLabels(svg, "end"), CLIENT_STATES);
    EXPECT_EQ(StateLabels(svg, "start"), SERVER_STATES);
    EXPECT_NE(svg.find(">TIMEOUT_2MSL</text>"), std::string::npos);
}

TEST(LadderSvg, RelativeOrAbsoluteNumbers)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript(*rec).HandshakeDataLostFinClose();
    const std::string relative = rec->GetSvgLadder(0);
    EXPECT_NE(relative.find(">SYN+ACK seq=0 ack=1 len=0 win=65535</text>"), std::string::npos);
    EXPECT_EQ(relative.find("seq=5000"), std::string::npos);

    rec->SetAttribute("RelativeSequenceNumbers", BooleanValue(false));
    const std::string absolute = rec->GetSvgLadder(0);
    EXPECT_NE(absolute.find(">SYN+ACK seq=5000 ack=1001 len=0 win=65535</text>"),
              std::string::npos);
    EXPECT_NE(absolute.find("sequence numbers absolute"), std::string::npos);
    EXPECT_EQ(XmlProblem(absolute), "");
}

TEST(LadderSvg, CapLimitsArrowsAndSaysSo)
{
    auto rec = CreateObject<FullTcpTraceRecorder>();
    LadderScript(*rec).Bulk(1000, 10); // ~2000 segments: a 1 MB transfer
    const uint32_t total = rec->GetConnection(0).GetSegments().size();
    ASSERT_GT(total, 1900u);

    const std::string capped = rec->GetSvgLadder(0);
    EXPECT_EQ(Count(capped, "<g class=\"segment "), 200u);
    EXPECT_NE(capped.find("first 200 of " + std::to_string(total) + " segments drawn"),
              std::string::npos);
    EXPECT_NE(capped.find(std::to_string(total - 200) + " more segments not drawn (cap 200)"),
              std::string::npos);
    EXPECT_LT(capped.size(), 200u * 1024);
    EXPECT_EQ(XmlProblem(capped), "");

    rec->SetAttribute("MaxSegments", UintegerValue(0));
    const std::string all = rec->GetSvgLadder(0);
    EXPECT_EQ(Count(all, "<g class=\"segment "), total);
    EXPECT_EQ(all.find("more segments not drawn"), std::string::npos);
}

TEST(LadderSvg, TextIsEscaped)
{
    EXPECT_EQ(FullTcpSvg::Escape("a<b & \"c\" 'd'>"),
              "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
    EXPECT_NE(XmlProblem("<?xml version=\"1.0\"?><svg><text>a<b</text></svg>"), "");
    EXPECT_NE(XmlProblem("<?xml version=\"1.0\"?><svg><g></svg>"), "");
    EXPECT_NE(XmlProblem("<?xml version=\"1.0\"?><svg x=1/>"), "");
    EXPECT_NE(XmlProblem("<?xml version=\"1.0\"?><svg>&nbsp;</svg>"), "");
    EXPECT_EQ(XmlProblem("<?xml version=\"1.0\"?><svg a=\"&lt;\"><g/>t&amp;</svg>"), "");
}
