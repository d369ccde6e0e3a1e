package org.jvs.director.realserver;

import java.lang.management.ManagementFactory;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden IPIP frames through {@link TunDecapsulator}: {input hex, what it is, expected verdict (null = the inner
 * packet is delivered), expected inner packet hex}. Inputs were made with scapy 2.5 (/usr/bin/python3), with
 * {@code E = Ether(dst="02:6a:76:12:09:02", src="02:6a:76:12:09:01")},
 * {@code outer(**kw) = IP(src="198.18.9.1", dst="198.18.9.2", proto=4, ttl=63, id=7, **kw)},
 * {@code inner = IP(src="198.18.9.50", dst="198.18.9.100", ttl=63, id=1)/UDP(sport=40000, dport=5353)/b"ping"},
 * {@code syn = IP(src="198.18.9.50", dst="198.18.9.100", ttl=64, id=2, flags="DF")/TCP(sport=40001, dport=80,
 * flags="S", seq=1000)}; the expression is above each row, and each expected inner packet is scapy's
 * {@code raw()} of the inner layer. This host is 198.18.9.2, the VIP 198.18.9.100.
 */
class TunDecapsulatorTest
{
    private static final int RIP = TunDecapOptions.parseIpv4("198.18.9.2", "test");
    private static final int VIP = TunDecapOptions.parseIpv4("198.18.9.100", "test");

    private static final Object[][] GOLDEN =
    {
        // scapy: E/outer()/inner
        {"026a76120902026a76120901080045000034000700003f04dd97c6120901c612090245000020000100003f11dd11c612" +
            "0932c61209649c4014e9000cd12070696e67",
            "UDP to VIP:5353 in IPIP", null,
            "45000020000100003f11dd11c6120932c61209649c4014e9000cd12070696e67"},
        // scapy: E/outer(flags="DF")/syn
        {"026a76120902026a7612090108004500003c000740003f049d8fc6120901c6120902450000280002400040069c13c612" +
            "0932c61209649c410050000003e8000000005002200050ae0000",
            "TCP SYN to VIP:80 in IPIP, DF", null,
            "450000280002400040069c13c6120932c61209649c410050000003e8000000005002200050ae0000"},
        // scapy: E/outer(options=NOP x4)/inner
        {"026a76120902026a76120901080046000038000700003f04da91c6120901c61209020101010145000020000100003f11" +
            "dd11c6120932c61209649c4014e9000cd12070696e67",
            "outer header with 4 bytes of options (IHL 6)", null,
            "45000020000100003f11dd11c6120932c61209649c4014e9000cd12070696e67"},
        // scapy: E/outer()/IP(proto=253) padded to 60
        {"026a76120902026a76120901080045000028000700003f04dda3c6120901c6120902450000140003000040fddb2fc612" +
            "0932c6120964000000000000",
            "54-byte frame padded to 60: only the inner total length goes on", null,
            "450000140003000040fddb2fc6120932c6120964"},
        // scapy: E/outer()/inner, outer checksum ^0xFF
        {"026a76120902026a76120901080045000034000700003f042297c6120901c612090245000020000100003f11dd11c612" +
            "0932c61209649c4014e9000cd12070696e67",
            "outer checksum wrong", DecapDrop.OUTER_CHECKSUM,
            ""},
        // scapy: E/outer(flags="MF")/inner
        {"026a76120902026a76120901080045000034000720003f04bd97c6120901c612090245000020000100003f11dd11c612" +
            "0932c61209649c4014e9000cd12070696e67",
            "outer is a first fragment", DecapDrop.OUTER_FRAGMENT,
            ""},
        // scapy: E/outer(frag=100)/inner
        {"026a76120902026a76120901080045000034000700643f04dd33c6120901c612090245000020000100003f11dd11c612" +
            "0932c61209649c4014e9000cd12070696e67",
            "outer is a later fragment", DecapDrop.OUTER_FRAGMENT,
            ""},
        // scapy: E/outer(dst="198.18.9.3")/inner
        {"026a76120902026a76120901080045000034000700003f04dd96c6120901c612090345000020000100003f11dd11c612" +
            "0932c61209649c4014e9000cd12070696e67",
            "outer destination not local", DecapDrop.NOT_LOCAL,
            ""},
        // scapy: E/outer()/IPv6()/UDP()
        {"026a76120902026a76120901080045000044000700003f04dd87c6120901c6120902600000000008114020010db80000" +
            "0000000000000000005020010db8000000000000000000000100000100020008a319",
            "inner is IPv6", DecapDrop.INNER_NOT_IPV4,
            ""},
        // scapy: E/outer()/IP(len=200)/UDP
        {"026a76120902026a76120901080045000034000700003f04dd97c6120901c6120902450000c8000100003f11dd11c612" +
            "0932c61209649c4014e9000cd12070696e67",
            "inner total length past the outer payload", DecapDrop.INNER_TRUNCATED,
            ""},
        // scapy: E/outer()/IP(ihl=4)/UDP
        {"026a76120902026a76120901080045000034000700003f04dd97c6120901c612090244000020000100003f11dd11c612" +
            "0932c61209649c4014e9000cd12070696e67",
            "inner IHL 4", DecapDrop.INNER_TRUNCATED,
            ""},
        // scapy: E/outer()/IP(dst=198.18.9.77)/UDP
        {"026a76120902026a76120901080045000034000700003f04dd97c6120901c612090245000020000100004011dc28c612" +
            "0932c612094d9c4014e9000cd13770696e67",
            "inner destination not a VIP", DecapDrop.NOT_VIP,
            ""},
        // scapy: E/outer(len=100)/inner (outer total length > frame)
        {"026a76120902026a76120901080045000064000700003f04dd67c6120901c612090245000020000100003f11dd11c612" +
            "0932c61209649c4014e9000cd12070696e67",
            "outer total length past the frame", DecapDrop.OUTER_MALFORMED,
            ""},
        // scapy: E/outer(proto=41)/inner
        {"026a76120902026a76120901080045000034000700003f29dd72c6120901c612090245000020000100003f11dd11c612" +
            "0932c61209649c4014e9000cd12070696e67",
            "outer protocol 41, not 4", DecapDrop.OUTER_MALFORMED,
            ""},
        // scapy: (E/outer()/inner)[:50]
        {"026a76120902026a76120901080045000034000700003f04dd97c6120901c612090245000020000100003f11dd11c612" +
            "0932",
            "frame cut to 50 bytes", DecapDrop.NOT_IPV4_FRAME,
            ""},
        // scapy: E/ARP()/padding
        {"ffffffffffff026a761209010806000108000604000102fc00000001c6120901000000000000c6120902000000000000" +
            "000000000000000000000000",
            "ARP frame (type 0x0806)", DecapDrop.NOT_IPV4_FRAME,
            ""},
    };

    static Object[][] golden()
    {
        return GOLDEN;
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("golden")
    void goldenFrame(final String frameHex, final String what, final DecapDrop verdict, final String innerHex)
    {
        for (final int offset : new int[] {0, 37})
        {
            final MemorySink sink = new MemorySink();
            final TunDecapsulator decapsulator = new TunDecapsulator(new int[] {RIP}, new int[] {VIP}, sink);
            final byte[] frame = hex(frameHex);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + frame.length + 64]);
            buffer.putBytes(offset, frame);
            decapsulator.onFrame(buffer, offset, frame.length);
            if (verdict == null)
            {
                assertEquals(1, decapsulator.decapsulated(), what);
                assertEquals(0, decapsulator.totalDrops(), what + ": " + decapsulator.summary());
                assertEquals(innerHex, sink.lastHex(), what);
                assertEquals(innerHex.length() / 2, decapsulator.decapsulatedBytes(), what);
            }
            else
            {
                assertEquals(1, decapsulator.drops(verdict), what + ": " + decapsulator.summary());
                assertEquals(1, decapsulator.totalDrops(), what);
                assertEquals(0, decapsulator.decapsulated(), what);
                assertEquals(0, sink.count, what + ": nothing delivered");
            }
        }
    }

    @Test
    void withoutVipsAnyInnerDestinationIsDelivered()
    {
        final MemorySink sink = new MemorySink();
        final TunDecapsulator decapsulator = new TunDecapsulator(new int[] {RIP}, new int[0], sink);
        final byte[] frame = hex(notVipRow());
        decapsulator.onFrame(new UnsafeBuffer(frame), 0, frame.length);
        assertEquals(1, decapsulator.decapsulated());
        assertEquals(1, sink.count);
    }

    @Test
    void refusedWriteIsCountedAsTunWrite()
    {
        final TunDecapsulator decapsulator =
            new TunDecapsulator(new int[] {RIP}, new int[] {VIP}, (buffer, offset, length) -> false);
        final byte[] frame = hex((String)golden()[0][0]);
        decapsulator.onFrame(new UnsafeBuffer(frame), 0, frame.length);
        decapsulator.onFrame(new UnsafeBuffer(frame), 0, frame.length);
        assertEquals(2, decapsulator.drops(DecapDrop.TUN_WRITE));
        assertEquals(0, decapsulator.decapsulated());
        assertEquals("decapsulated 0 (0 bytes), skipped 2: tun-write 2", decapsulator.summary());
    }

    @Test
    void summaryListsEveryNonZeroReasonInOrder()
    {
        final TunDecapsulator decapsulator =
            new TunDecapsulator(new int[] {RIP}, new int[] {VIP}, new MemorySink());
        for (final Object[] row : golden())
        {
            final byte[] frame = hex((String)row[0]);
            decapsulator.onFrame(new UnsafeBuffer(frame), 0, frame.length);
        }
        assertEquals("decapsulated 4 (124 bytes), skipped 12: not-ipv4-frame 2, outer-malformed 2, " +
            "outer-checksum 1, outer-fragment 2, not-local 1, inner-not-ipv4 1, inner-truncated 2, not-vip 1",
            decapsulator.summary());
    }

    @Test
    void decapsulateAndWriteAllocateNothing() throws Exception
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's counter");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        try (TunDevice devNull = TunDevice.openFile("/dev/null"))
        {
            final TunDecapsulator decapsulator = new TunDecapsulator(new int[] {RIP}, new int[] {VIP}, devNull);
            final byte[][] frames = new byte[3][];
            for (int i = 0; i < frames.length; i++)
            {
                frames[i] = hex((String)golden()[i][0]);
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
            run(decapsulator, buffer, frames, 50_000);
            final long before = threads.getCurrentThreadAllocatedBytes();
            run(decapsulator, buffer, frames, 200_000);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(250_000, decapsulator.decapsulated(), decapsulator.summary());
            assertEquals(0, devNull.writeErrors());
            // one 16-byte object per frame would be 3.2 MB
            assertTrue(allocated < 16 * 1024, "allocated " + allocated + " bytes in 200 000 frames");
        }
    }

    private static void run(
        final TunDecapsulator decapsulator, final UnsafeBuffer buffer, final byte[][] frames, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final byte[] frame = frames[i % frames.length];
            buffer.putBytes(0, frame);
            decapsulator.onFrame(buffer, 0, frame.length);
        }
    }

    private static String notVipRow()
    {
        for (final Object[] row : golden())
        {
            if (row[2] == DecapDrop.NOT_VIP)
            {
                return (String)row[0];
            }
        }
        throw new AssertionError("no NOT_VIP row");
    }

    static byte[] hex(final String text)
    {
        final byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    private static final class MemorySink implements InnerPacketSink
    {
        private final StringBuilder last = new StringBuilder();
        private int count;

        @Override
        public boolean deliver(final DirectBuffer buffer, final int offset, final int length)
        {
            last.setLength(0);
            for (int i = 0; i < length; i++)
            {
                last.append(String.format("%02x", buffer.getByte(offset + i) & 0xFF));
            }
            count++;
            return true;
        }

        String lastHex()
        {
            return last.toString();
        }
    }
}
