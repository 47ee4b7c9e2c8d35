/*
 * Engine: half-open range of 64-bit stream offsets and its Boost ICL interval set
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_RANGE_H
#define FULLTCP_RANGE_H

#include <boost/icl/interval_set.hpp>
#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief A half-open range [start, end) of 64-bit stream offsets (see FullTcpSeqSpace).
 *
 * The reassembly queue, the SACK blocks we report and the SACK scoreboard all speak in
 * these; they become 32-bit sequence numbers only in a header.
 */
struct FullTcpRange
{
    int64_t start {0}; //!< first offset in the range
    int64_t end {0};   //!< offset just past the range

    /// \return how many offsets the range holds (0 when empty)
    int64_t
    Length() const
    {
        return end > start ? end - start : 0;
    }

    /// \param o another range \return whether both hold the same offsets
    bool
    operator==(const FullTcpRange& o) const
    {
        return start == o.start && end == o.end;
    }

    /// \param o another range \return whether they differ
    bool
    operator!=(const FullTcpRange& o) const
    {
        return !(*this == o);
    }
};

/// Print as [start,end).
inline std::ostream&
operator<<(std::ostream& os, const FullTcpRange& r)
{
    return os << "[" << r.start << "," << r.end << ")";
}

/// A set of stream offsets kept as disjoint, joined intervals (Boost ICL).
using FullTcpRangeSet = boost::icl::interval_set<int64_t>;

/// \param start first offset \param end offset past the last \return the ICL interval
inline FullTcpRangeSet::interval_type
FullTcpInterval(int64_t start, int64_t end)
{
    return boost::icl::interval<int64_t>::right_open(start, end);
}

/// \param i an ICL interval of a FullTcpRangeSet \return it as a FullTcpRange
inline FullTcpRange
FullTcpRangeOf(const FullTcpRangeSet::interval_type& i)
{
    return FullTcpRange {boost::icl::first(i), boost::icl::last(i) + 1};
}

} // namespace ns3

#endif /* FULLTCP_RANGE_H */
