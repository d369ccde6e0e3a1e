package org.jvs.core.packet;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of every golden frame (flipped bytes, random lengths), each in a buffer of exactly its
 * length so any read past the end throws: the parser always returns a reason, never throws, and what it
 * reports for a whole frame lies inside the frame.
 */
class ParserFuzzTest
{
    private static final int MUTATIONS_PER_FRAME = 400;

    private final FrameParser parser = new FrameParser();
    private final ParsedFrame frame = new ParsedFrame();

    @Test
    void mutatedFramesNeverThrowAndStayInBounds()
    {
        final Random random = new Random(7);
        final List<GoldenPacket> rows = GoldenPacket.load();
        int whole = 0;
        for (final GoldenPacket row : rows)
        {
            for (int i = 0; i < MUTATIONS_PER_FRAME; i++)
            {
                final byte[] bytes = mutate(row.input, random);
                final DropReason reason = parser.parse(new UnsafeBuffer(bytes), 0, bytes.length, frame);
                assertNotNull(reason, row.name);
                if (reason == DropReason.NONE)
                {
                    whole++;
                    checkInside(bytes.length, row.name + " mutation " + i);
                }
            }
        }
        assertTrue(whole > rows.size() * MUTATIONS_PER_FRAME / 20, "too few mutations parse whole: " + whole);
    }

    private void checkInside(final int length, final String where)
    {
        if (frame.family() == ParsedFrame.FAMILY_NONE)
        {
            assertTrue(frame.l3Offset() + ArpFlyweight.LENGTH <= length, where);
            return;
        }
        final int end = frame.l3Offset() + frame.l3Length();
        assertTrue(end <= length, where);
        assertTrue(frame.l4Offset() >= frame.l3Offset() + 20 && frame.l4Offset() + frame.l4Length() == end, where);
        assertTrue(frame.payloadOffset() >= frame.l4Offset(), where);
        assertTrue(frame.payloadOffset() + frame.payloadLength() <= end, where);
        assertTrue(frame.innerL3Offset() < 0 || frame.innerL3Offset() + 28 <= end, where);
    }

    private static byte[] mutate(final byte[] input, final Random random)
    {
        final int length = random.nextInt(4) == 0 ? random.nextInt(input.length + 1) : input.length;
        final byte[] bytes = Arrays.copyOf(input, length);
        final int flips = 1 + random.nextInt(3);
        for (int f = 0; f < flips && length > 0; f++)
        {
            final int at = random.nextInt(Math.min(length, 80));
            bytes[at] = random.nextBoolean() ? (byte)random.nextInt() : (byte)(bytes[at] ^ (1 << random.nextInt(8)));
        }
        return bytes;
    }
}
