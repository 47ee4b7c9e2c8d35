/*
 * Helper: SVG element output, number formatting and XML escaping
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-svg.h"

#include <cmath>
#include <cstdio>

namespace ns3
{

FullTcpSvg::FullTcpSvg(std::ostream& os,
                       double width,
                       double height,
                       const std::string& title,
                       const std::string& css) :
    m_os(os)
{
    m_os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << Num(width)
         << "\" height=\"" << Num(height) << "\" viewBox=\"0 0 " << Num(width) << " " << Num(height)
         << "\">\n"
         << "<title>" << Escape(title) << "</title>\n"
         << "<style>" << Escape(css) << "</style>\n"
         << "<rect x=\"0\" y=\"0\" width=\"" << Num(width) << "\" height=\"" << Num(height)
         << "\" fill=\"white\"/>\n";
}

FullTcpSvg::~FullTcpSvg()
{
    while (m_openGroups > 0)
    {
        EndGroup();
    }
    m_os << "</svg>\n";
}

std::string
FullTcpSvg::Num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.1f", std::isfinite(v) ? v : 0.0);
    return buf;
}

std::string
FullTcpSvg::Escape(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text)
    {
        switch (c)
        {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

void
FullTcpSvg::BeginGroup(const std::string& cls, const std::string& title)
{
    m_os << "<g class=\"" << Escape(cls) << "\">";
    if (!title.empty())
    {
        m_os << "<title>" << Escape(title) << "</title>";
    }
    m_os << "\n";
    ++m_openGroups;
}

void
FullTcpSvg::EndGroup()
{
    if (m_openGroups > 0)
    {
        m_os << "</g>\n";
        --m_openGroups;
    }
}

void
FullTcpSvg::Line(Point a, Point b, const std::string& cls, const std::string& extra)
{
    m_os << "<line x1=\"" << Num(a.first) << "\" y1=\"" << Num(a.second) << "\" x2=\""
         << Num(b.first) << "\" y2=\"" << Num(b.second) << "\" class=\"" << Escape(cls) << "\"";
    if (!extra.empty())
    {
        m_os << " " << extra;
    }
    m_os << "/>\n";
}

void
FullTcpSvg::Polyline(const std::vector<Point>& points, const std::string& cls)
{
    m_os << "<polyline class=\"" << Escape(cls) << "\" points=\"";
    for (std::size_t i = 0; i < points.size(); ++i)
    {
        m_os << (i ? " " : "") << Num(points[i].first) << "," << Num(points[i].second);
    }
    m_os << "\"/>\n";
}

void
FullTcpSvg::Rect(Point corner, double w, double h, const std::string& cls)
{
    m_os << "<rect x=\"" << Num(corner.first) << "\" y=\"" << Num(corner.second) << "\" width=\""
         << Num(w) << "\" height=\"" << Num(h) << "\" class=\"" << Escape(cls) << "\"/>\n";
}

void
FullTcpSvg::Text(Point at,
                 const std::string& text,
                 const std::string& cls,
                 const std::string& anchor,
                 double rotate)
{
    m_os << "<text x=\"" << Num(at.first) << "\" y=\"" << Num(at.second) << "\" class=\""
         << Escape(cls) << "\" text-anchor=\"" << Escape(anchor) << "\"";
    if (rotate != 0)
    {
        m_os << " transform=\"rotate(" << Num(rotate) << " " << Num(at.first) << " "
             << Num(at.second) << ")\"";
    }
    m_os << ">" << Escape(text) << "</text>\n";
}

void
FullTcpSvg::Raw(const std::string& markup)
{
    m_os << markup << "\n";
}

} // namespace ns3
