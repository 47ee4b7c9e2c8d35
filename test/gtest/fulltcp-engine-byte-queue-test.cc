/*
 * Test: byte queue copies and pops real bytes across Packet fragments
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The byte queue behind the send and receive buffers: real bytes, across fragments.
 */
#include "fulltcp-engine-fixture.h"

#include <random>
#include <string>

namespace fulltcp_test
{
namespace
{

TEST(ByteQueue, CopyAndPopAcrossFragmentsKeepTheBytes)
{
    FullTcpByteQueue q;
    q.Append(Payload("hello "));
    q.Append(Payload(""));
    q.Append(Payload("wide "));
    q.Append(Payload("world"));
    EXPECT_EQ(q.Size(), 16u);
    EXPECT_EQ(Bytes(q.Copy(0, 16)), "hello wide world");
    EXPECT_EQ(Bytes(q.Copy(4, 8)), "o wide w");
    EXPECT_EQ(Bytes(q.Copy(16, 0)), "");
    q.PopFront(3);
    EXPECT_EQ(q.Size(), 13u);
    EXPECT_EQ(Bytes(q.Copy(0, 13)), "lo wide world");
    q.PopFront(8);
    EXPECT_EQ(Bytes(q.Copy(0, q.Size())), "world");
    q.PopFront(5);
    EXPECT_EQ(q.Size(), 0u);
}

TEST(ByteQueue, AppendingNullIsHarmless)
{
    FullTcpByteQueue q;
    q.Append(nullptr);
    EXPECT_EQ(q.Size(), 0u);
}

/// Copy() starts where the previous copy did (a sender's SND.NXT moves forward): random
/// appends, copies (mostly forward, sometimes back) and pops must give exactly the bytes a
/// plain string model gives.
TEST(ByteQueue, CopiesFromAnyOffsetMatchAStringModel)
{
    FullTcpByteQueue q;
    std::string model;
    std::mt19937 rng(42);
    char next = 'a';
    uint32_t cursor = 0;
    for (int step = 0; step < 5000; ++step)
    {
        const uint32_t op = rng() % 10;
        if (op < 3 || model.empty())
        {
            std::string chunk(1 + rng() % 40, ' ');
            for (char& c : chunk)
            {
                c = next;
                next = next == 'z' ? 'a' : next + 1;
            }
            q.Append(Payload(chunk));
            model += chunk;
        }
        else if (op < 8)
        {
            // Forward from the cursor most of the time, anywhere now and then.
            uint32_t offset =
                op == 7 ? rng() % model.size() : std::min<uint32_t>(cursor, model.size());
            const uint32_t length = rng() % (model.size() - offset + 1);
            ASSERT_EQ(Bytes(q.Copy(offset, length)), model.substr(offset, length))
                << "step " << step << " offset " << offset << " length " << length;
            cursor = offset + length;
        }
        else
        {
            const uint32_t length = rng() % (model.size() + 1);
            q.PopFront(length);
            model.erase(0, length);
            cursor = cursor > length ? cursor - length : 0;
        }
        ASSERT_EQ(q.Size(), model.size());
    }
}

} // namespace
} // namespace fulltcp_test
