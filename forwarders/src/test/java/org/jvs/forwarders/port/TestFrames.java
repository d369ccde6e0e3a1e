package org.jvs.forwarders.port;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds whole Ethernet + IPv4 + UDP frames with correct checksums for port tests (written here, apart
 * from core's packet code, so the tests do not depend on what they might help check).
 */
public final class TestFrames
{
    static final int ETHERNET_LENGTH = 14;
    static final int IPV4_LENGTH = 20;
    static final int UDP_LENGTH = 8;
    static final int HEADERS_LENGTH = ETHERNET_LENGTH + IPV4_LENGTH + UDP_LENGTH;

    private TestFrames()
    {
    }

    /**
     * @param sourceMac      48 bits.
     * @param destinationMac 48 bits.
     * @param sourceIp       dotted quad.
     * @param destinationIp  dotted quad.
     * @param sourcePort     UDP source port.
     * @param destinationPort UDP destination port.
     * @param payload        text carried.
     * @return the frame.
     */
    public static byte[] udp(
        final long sourceMac,
        final long destinationMac,
        final String sourceIp,
        final String destinationIp,
        final int sourcePort,
        final int destinationPort,
        final String payload)
    {
        final byte[] data = payload.getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer frame = ByteBuffer.allocate(HEADERS_LENGTH + data.length).order(ByteOrder.BIG_ENDIAN);
        putMac(frame, destinationMac);
        putMac(frame, sourceMac);
        frame.putShort((short)0x0800);
        final int ipStart = frame.position();
        frame.put((byte)0x45).put((byte)0).putShort((short)(IPV4_LENGTH + UDP_LENGTH + data.length));
        frame.putShort((short)0x1234).putShort((short)0x4000).put((byte)64).put((byte)17).putShort((short)0);
        final int source = ipv4(sourceIp);
        final int destination = ipv4(destinationIp);
        frame.putInt(source).putInt(destination);
        frame.putShort(ipStart + 10, (short)fold(sum(frame.array(), ipStart, IPV4_LENGTH, 0)));
        final int udpStart = frame.position();
        final int udpLength = UDP_LENGTH + data.length;
        frame.putShort((short)sourcePort).putShort((short)destinationPort).putShort((short)udpLength);
        frame.putShort((short)0).put(data);
        long pseudo = (source >>> 16) + (source & 0xffff) + (destination >>> 16) + (destination & 0xffff);
        pseudo += 17 + udpLength;
        int checksum = fold(sum(frame.array(), udpStart, udpLength, pseudo));
        frame.putShort(udpStart + 6, (short)(checksum == 0 ? 0xffff : checksum));
        return frame.array();
    }

    /**
     * @param frame Ethernet + IPv4 (20-byte header) frame.
     * @return true when the IPv4 header checksum verifies.
     */
    static boolean ipv4ChecksumValid(final byte[] frame)
    {
        return fold(sum(frame, ETHERNET_LENGTH, IPV4_LENGTH, 0)) == 0;
    }

    /**
     * @param frame Ethernet + IPv4 (20-byte header) + UDP frame.
     * @return true when the UDP checksum verifies over the pseudo-header and datagram.
     */
    static boolean udpChecksumValid(final byte[] frame)
    {
        final int udpStart = ETHERNET_LENGTH + IPV4_LENGTH;
        final int udpLength = ((frame[udpStart + 4] & 0xff) << 8) | (frame[udpStart + 5] & 0xff);
        final long pseudo = sum(frame, ETHERNET_LENGTH + 12, 8, 0) + 17 + udpLength;
        return fold(sum(frame, udpStart, udpLength, pseudo)) == 0;
    }

    public static int ipv4(final String dotted)
    {
        final String[] parts = dotted.split("\\.");
        int address = 0;
        for (final String part : parts)
        {
            address = (address << 8) | Integer.parseInt(part);
        }
        return address;
    }

    private static void putMac(final ByteBuffer frame, final long mac)
    {
        for (int shift = 40; shift >= 0; shift -= 8)
        {
            frame.put((byte)(mac >>> shift));
        }
    }

    private static long sum(final byte[] bytes, final int offset, final int length, final long initial)
    {
        long sum = initial;
        for (int i = 0; i < length; i += 2)
        {
            final int high = bytes[offset + i] & 0xff;
            final int low = i + 1 < length ? bytes[offset + i + 1] & 0xff : 0;
            sum += (high << 8) | low;
        }
        return sum;
    }

    private static int fold(final long sum)
    {
        long folded = sum;
        while ((folded >>> 16) != 0)
        {
            folded = (folded & 0xffff) + (folded >>> 16);
        }
        return (int)(~folded & 0xffff);
    }
}
