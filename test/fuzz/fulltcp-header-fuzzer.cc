/*
 * Test: libFuzzer target, header parse bounds and parse/serialize round trip
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * libFuzzer target for the TCP header parser. Properties checked on every input:
 *  - parsing plain bytes and parsing through ns-3's Buffer never read out of bounds (ASan)
 *    and agree on the verdict;
 *  - a header that parses re-serializes to exactly the bytes it came from, and parses again
 *    to an equal header.
 */
#include "ns3/buffer.h"
#include "ns3/fulltcp-header.h"

#include <cstring>

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const uint32_t len = static_cast<uint32_t>(std::min<size_t>(size, 1500));
    FullTcpHeader fromBytes;
    const FullTcpParseError verdict = fromBytes.Parse(data, len);

    Buffer buffer;
    buffer.AddAtStart(len);
    buffer.Begin().Write(data, len);
    FullTcpHeader fromBuffer;
    const uint32_t consumed = fromBuffer.Deserialize(buffer.Begin());
    if (fromBuffer.GetParseError() != verdict)
    {
        __builtin_trap();
    }
    if (verdict != FullTcpParseError::NONE)
    {
        return 0;
    }
    if (consumed != fromBytes.GetSerializedSize() || consumed > len)
    {
        __builtin_trap();
    }
    Buffer out;
    out.AddAtStart(fromBytes.GetSerializedSize());
    fromBytes.Serialize(out.Begin());
    uint8_t bytes[FullTcpHeader::MAX_SIZE];
    out.CopyData(bytes, sizeof(bytes));
    if (std::memcmp(bytes, data, consumed) != 0)
    {
        __builtin_trap();
    }
    FullTcpHeader again;
    if (again.Parse(bytes, consumed) != FullTcpParseError::NONE
        || !(again.GetOptions() == fromBytes.GetOptions()))
    {
        __builtin_trap();
    }
    return 0;
}
