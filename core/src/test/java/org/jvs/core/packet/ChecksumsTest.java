package org.jvs.core.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.service.InetAddr;
import org.junit.jupiter.api.Test;

class ChecksumsTest
{
    private static final int CASES = 5000;

    private final FrameParser parser = new FrameParser();
    private final ParsedFrame frame = new ParsedFrame();
    private final RandomFrames frames = new RandomFrames();
    private final NatRewriter nat = new NatRewriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RandomFrames.MAX_FRAME]);

    @Test
    void rfc1071Example()
    {
        final UnsafeBuffer data = new UnsafeBuffer(new byte[] {0x00, 0x01, (byte)0xf2, 0x03, (byte)0xf4, (byte)0xf5,
            (byte)0xf6, (byte)0xf7});
        assertEquals(0xddf2, Checksums.fold(Checksums.sum(data, 0, 8)));
        assertEquals(0x220d, Checksums.checksum(data, 0, 8));
    }

    @Test
    void oddLengthPadsTheLastByteWithZero()
    {
        final UnsafeBuffer odd = new UnsafeBuffer(new byte[] {0x12, 0x34, 0x56});
        final UnsafeBuffer even = new UnsafeBuffer(new byte[] {0x12, 0x34, 0x56, 0x00});
        assertEquals(Checksums.checksum(even, 0, 4), Checksums.checksum(odd, 0, 3));
        assertEquals(0xFFFF - 0x1234 - 0x5600, Checksums.checksum(odd, 0, 3));
    }

    @Test
    void incremental16MatchesRecomputationForEveryChangeOfOneWord()
    {
        final Random random = new Random(42);
        final UnsafeBuffer data = new UnsafeBuffer(new byte[32]);
        for (int i = 0; i < 20_000; i++)
        {
            data.putLong(0, random.nextLong());
            data.putLong(8, random.nextLong());
            final int word = random.nextInt(8) * 2;
            final int before = Checksums.checksum(data, 0, 16);
            final int old = data.getShort(word, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
            final int next = random.nextInt(4) == 0 ? random.nextInt(2) * 0xFFFF : random.nextInt(0x10000);
            data.putShort(word, (short)next, java.nio.ByteOrder.BIG_ENDIAN);
            assertEquals(Checksums.checksum(data, 0, 16), Checksums.update16(before, old, next), "case " + i);
        }
    }

    @Test
    void udpZeroMeansNoneAndComputedZeroIsWrittenAsFfff()
    {
        assertEquals(0xFFFF, Checksums.udpChecksum(0));
        assertEquals(0x1234, Checksums.udpChecksum(0x1234));
        assertEquals(0, Checksums.updateUdp16(0, 80, 8080));
        assertEquals(0, Checksums.updateUdp32(0, 0xC6120064, 0xC6120101));
        // ~(~0x1234 + ~0x0000 + 0x1234) = ~(0xEDCB + 0xFFFF + 0x1234) = ~0xFFFF = 0: UDP writes 0xFFFF.
        assertEquals(0, Checksums.update16(0x1234, 0x0000, 0x1234));
        assertEquals(0xFFFF, Checksums.updateUdp16(0x1234, 0x0000, 0x1234));
    }

    @Test
    void natRewriteOfIpv4MatchesFullRecomputation()
    {
        rewriteMatchesFullRecomputation(false, Ipv4Flyweight.PROTOCOL_TCP, 1);
        rewriteMatchesFullRecomputation(false, Ipv4Flyweight.PROTOCOL_UDP, 2);
    }

    @Test
    void natRewriteOfIpv6MatchesFullRecomputation()
    {
        rewriteMatchesFullRecomputation(true, Ipv4Flyweight.PROTOCOL_TCP, 3);
        rewriteMatchesFullRecomputation(true, Ipv4Flyweight.PROTOCOL_UDP, 4);
    }

    private void rewriteMatchesFullRecomputation(final boolean isIpv6, final int protocol, final long seed)
    {
        final Random random = new Random(seed);
        int zeroUdp = 0;
        for (int i = 0; i < CASES; i++)
        {
            final int length = frames.build(buffer, random, isIpv6, protocol);
            assertEquals(DropReason.NONE, parser.parse(buffer, 0, length, frame), "case " + i);
            final int checksumOffset = frame.l4Offset() + (protocol == Ipv4Flyweight.PROTOCOL_TCP ? 16 : 6);
            final int before = buffer.getShort(checksumOffset, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
            rewrite(random, isIpv6);
            final int incremental = buffer.getShort(checksumOffset, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
            if (protocol == Ipv4Flyweight.PROTOCOL_UDP && before == 0)
            {
                zeroUdp++;
                assertEquals(0, incremental, "UDP checksum 0 (none) must stay 0, case " + i);
                continue;
            }
            buffer.putShort(checksumOffset, (short)0);
            final int full = fullChecksum(isIpv6, protocol);
            final int expected = protocol == Ipv4Flyweight.PROTOCOL_UDP ? Checksums.udpChecksum(full) : full;
            assertEquals(expected, incremental, "case " + i + (isIpv6 ? " IPv6 " : " IPv4 ") + protocol);
            if (!isIpv6)
            {
                assertTrue(Checksums.checksum(buffer, frame.l3Offset(), frame.l3HeaderLength()) == 0,
                    "IPv4 header checksum after rewrite, case " + i);
            }
        }
        assertTrue(isIpv6 || protocol != Ipv4Flyweight.PROTOCOL_UDP || zeroUdp > 0, "no UDP checksum-0 case met");
    }

    private void rewrite(final Random random, final boolean isIpv6)
    {
        final boolean destination = random.nextBoolean();
        final int port = random.nextInt(0x10000);
        if (isIpv6)
        {
            final InetAddr address = InetAddr.of(randomBytes(random, 16));
            if (destination)
            {
                nat.ipv6Destination(buffer, frame, address, port);
            }
            else
            {
                nat.ipv6Source(buffer, frame, address, port);
            }
        }
        else if (destination)
        {
            nat.ipv4Destination(buffer, frame, 0xC612_0000 | random.nextInt(1 << 17), port);
        }
        else
        {
            nat.ipv4Source(buffer, frame, random.nextInt(), port);
        }
    }

    private int fullChecksum(final boolean isIpv6, final int protocol)
    {
        if (isIpv6)
        {
            return Checksums.transportChecksumIpv6(buffer, frame.l3Offset() + Ipv6Flyweight.SOURCE_ADDRESS_OFFSET,
                frame.l3Offset() + Ipv6Flyweight.DESTINATION_ADDRESS_OFFSET, frame.l4Offset(), frame.l4Length(),
                protocol);
        }
        final Ipv4Flyweight ipv4 = new Ipv4Flyweight().wrap(buffer, frame.l3Offset());
        return Checksums.transportChecksumIpv4(buffer, frame.l4Offset(), frame.l4Length(), ipv4.sourceAddress(),
            ipv4.destinationAddress(), protocol);
    }

    private static byte[] randomBytes(final Random random, final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
