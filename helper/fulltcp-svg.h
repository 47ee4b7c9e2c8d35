/*
 * Helper: FullTcpSvg, minimal SVG 1.1 writer (lines, polylines, rects, text, CSS classes)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SVG_H
#define FULLTCP_SVG_H

#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The few SVG elements the ladder diagrams and time-sequence graphs draw.
 *
 * Writes a standalone SVG 1.1 document (XML declaration, one root, every text XML-escaped),
 * styled by CSS classes so a picture's look is in one place and its elements can be counted
 * by class (the tests do).
 */
class FullTcpSvg
{
  public:
    /// A point (x, y) in SVG user units.
    using Point = std::pair<double, double>;

    /**
     * \brief Start a document.
     * \param os where to write \param width picture width \param height picture height
     * \param title the document's <title> \param css style sheet for the classes used
     */
    FullTcpSvg(std::ostream& os,
               double width,
               double height,
               const std::string& title,
               const std::string& css);
    /// Close the root element.
    ~FullTcpSvg();

    FullTcpSvg(const FullTcpSvg&) = delete;
    FullTcpSvg& operator=(const FullTcpSvg&) = delete;

    /// \param cls CSS class(es) of the group \param title tooltip text (empty: none)
    void BeginGroup(const std::string& cls, const std::string& title = "");
    /// Close the innermost group.
    void EndGroup();
    /// A straight line. \param a from \param b to \param cls CSS class(es)
    /// \param extra further attributes, written as given (e.g. marker-end="url(#arrow)")
    void Line(Point a, Point b, const std::string& cls, const std::string& extra = "");
    /// Connected line segments. \param points the corners \param cls CSS class(es)
    void Polyline(const std::vector<Point>& points, const std::string& cls);
    /// A rectangle. \param corner top-left \param w width \param h height \param cls class
    void Rect(Point corner, double w, double h, const std::string& cls);
    /**
     * \brief A line of text (escaped here).
     * \param at anchor point (baseline) \param text plain text \param cls CSS class(es)
     * \param anchor "start", "middle" or "end" \param rotate degrees about \p at (0: none)
     */
    void Text(Point at,
              const std::string& text,
              const std::string& cls,
              const std::string& anchor = "start",
              double rotate = 0);
    /// Write raw markup (definitions such as <marker>); the caller keeps it well-formed.
    /// \param markup the markup
    void Raw(const std::string& markup);

    /// \param text plain text \return it with & < > " ' replaced by XML entities
    static std::string Escape(const std::string& text);

  private:
    /// \param v a coordinate \return it with one decimal, as SVG numbers
    static std::string Num(double v);

    std::ostream& m_os;
    int m_openGroups {0};
};

} // namespace ns3

#endif /* FULLTCP_SVG_H */
