package org.jvs.core.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden packets (see {@code packet/golden-packets.txt} and the scapy script that made it): each input
 * parses to its expected verdict and fields, and jvs's rewrite of it equals scapy's expected output.
 */
class GoldenPacketsTest
{
    private final FrameParser parser = new FrameParser();
    private final ParsedFrame frame = new ParsedFrame();

    static List<GoldenPacket> rows()
    {
        return GoldenPacket.load();
    }

    @Test
    void tableCoversEveryVerdictItNames()
    {
        final List<GoldenPacket> rows = rows();
        assertTrue(rows.size() >= 50, "rows: " + rows.size());
        for (final DropReason reason : DropReason.values())
        {
            assertTrue(rows.stream().anyMatch((row) -> row.verdict == reason), "no golden row for " + reason);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void parsesToItsVerdictAndFields(final GoldenPacket row)
    {
        final DropReason reason = parser.parse(new UnsafeBuffer(row.input), 0, row.input.length, frame);
        assertEquals(row.verdict, reason, row.name + ": " + row.make);
        for (final Map.Entry<String, Integer> field : row.fields.entrySet())
        {
            assertEquals(field.getValue().intValue(), field(field.getKey()), row.name + " field " + field.getKey());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void parsesTheSameAtAnOffsetInsideALargerBuffer(final GoldenPacket row)
    {
        final int shift = 7;
        final byte[] bytes = new byte[shift + row.input.length + 64];
        java.util.Arrays.fill(bytes, (byte)0x45);
        System.arraycopy(row.input, 0, bytes, shift, row.input.length);
        final DropReason reason = parser.parse(new UnsafeBuffer(bytes), shift, row.input.length, frame);
        assertEquals(row.verdict, reason, row.name);
        for (final Map.Entry<String, Integer> field : row.fields.entrySet())
        {
            final boolean isOffset = field.getKey().equals("l3") || field.getKey().equals("l4") ||
                field.getKey().equals("inner");
            assertEquals(field.getValue() + (isOffset ? shift : 0), field(field.getKey()), row.name + " " + field);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rewriteGivesScapysOutput(final GoldenPacket row)
    {
        final byte[] out = new GoldenOperations().apply(row);
        final byte[] expected = row.output != null ? row.output : row.input;
        assertEquals(GoldenPacket.hex(expected, expected.length), GoldenPacket.hex(out, out.length),
            row.name + ": op " + row.operation + " expected " + row.outputMake);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyTruncationIsNamedNeverThrown(final GoldenPacket row)
    {
        final DropReason full = parser.parse(new UnsafeBuffer(row.input), 0, row.input.length, frame);
        final int wholeLength = full.isDrop() && full != DropReason.FRAGMENT ? row.input.length : wholeLength();
        for (int length = 0; length < row.input.length; length++)
        {
            final byte[] cut = java.util.Arrays.copyOf(row.input, length);
            final DropReason reason = parser.parse(new UnsafeBuffer(cut), 0, length, frame);
            assertNotNull(reason);
            if (length < wholeLength)
            {
                assertTrue(reason.isDrop(), row.name + " cut at " + length + " parsed as whole");
                assertFalse(reason == DropReason.FRAGMENT, row.name + " cut at " + length);
            }
            else
            {
                assertEquals(full, reason, row.name + " cut at " + length + " (only padding removed)");
            }
        }
    }

    private int wholeLength()
    {
        return frame.family() == ParsedFrame.FAMILY_NONE ?
            frame.l3Offset() + ArpFlyweight.LENGTH : frame.l3Offset() + frame.l3Length();
    }

    private int field(final String name)
    {
        switch (name)
        {
            case "vlan":
                return frame.vlanId();
            case "family":
                return frame.family();
            case "l3":
                return frame.l3Offset();
            case "ttl":
                return frame.ttl();
            case "l4proto":
                return frame.l4Protocol();
            case "l4":
                return frame.l4Offset();
            case "frag":
                return frame.isFragment() ? 1 : 0;
            case "fragoff":
                return frame.fragmentOffset();
            case "sport":
                return frame.sourcePort();
            case "dport":
                return frame.destinationPort();
            case "icmptype":
                return frame.icmpType();
            case "inner":
                return frame.innerL3Offset();
            default:
                throw new IllegalArgumentException("unknown golden field " + name);
        }
    }
}
