package org.jvs.core.packet;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * The Internet checksum (RFC 1071) and its incremental update (RFC 1624), as IP, ICMP, TCP and UDP use it.
 * <p>
 * A <em>sum</em> here is a partial one's-complement sum not yet folded: an int or long that callers add up
 * and hand to {@link #fold(long)}. A <em>checksum</em> is the 16-bit value written in a header: the
 * complement of the folded sum, computed with the checksum field itself taken as zero (or, when verifying,
 * over data that includes the field: a valid one gives 0).
 * <p>
 * UDP over IPv4 writes 0 for "no checksum" and so writes a computed 0 as 0xFFFF
 * ({@link #udpChecksum(int)}); a rewrite keeps a 0 as 0 ({@link #updateUdp16(int, int, int)}).
 * Nothing here allocates.
 */
public final class Checksums
{
    /** What a computed UDP checksum of 0 is written as. */
    public static final int UDP_ZERO_CHECKSUM = 0xFFFF;

    private Checksums()
    {
    }

    /**
     * One's-complement sum of a range, 16-bit words in network order; an odd last byte is padded with zero.
     *
     * @param buffer to read.
     * @param offset first byte.
     * @param length bytes to add.
     * @return the unfolded sum.
     */
    public static long sum(final DirectBuffer buffer, final int offset, final int length)
    {
        long sum = 0;
        int i = offset;
        final int end = offset + length;
        final int wordsEnd = end - 3;
        while (i < wordsEnd)
        {
            sum += buffer.getInt(i, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
            i += 4;
        }
        if (i + 1 < end)
        {
            sum += buffer.getShort(i, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            i += 2;
        }
        if (i < end)
        {
            sum += (buffer.getByte(i) & 0xFF) << 8;
        }
        return sum;
    }

    /**
     * Fold a sum into 16 bits with end-around carry. A sum of data that is not all zero never folds to 0.
     *
     * @param sum unfolded sum.
     * @return 16-bit one's-complement sum.
     */
    public static int fold(final long sum)
    {
        long folded = (sum & 0xFFFF_FFFFL) + (sum >>> 32);
        folded = (folded & 0xFFFF) + (folded >>> 16);
        folded = (folded & 0xFFFF) + (folded >>> 16);
        folded = (folded & 0xFFFF) + (folded >>> 16);
        return (int)folded;
    }

    /**
     * @param sum unfolded sum.
     * @return the checksum to write: complement of the folded sum.
     */
    public static int finish(final long sum)
    {
        return ~fold(sum) & 0xFFFF;
    }

    /**
     * Full Internet checksum over a range.
     *
     * @param buffer to read.
     * @param offset first byte.
     * @param length bytes.
     * @return the checksum (0 when verifying a range whose checksum is right).
     */
    public static int checksum(final DirectBuffer buffer, final int offset, final int length)
    {
        return finish(sum(buffer, offset, length));
    }

    /**
     * Sum of the IPv4 pseudo-header of TCP and UDP (RFC 793, RFC 768).
     *
     * @param sourceAddress      IPv4 source, host order value of the 4 bytes.
     * @param destinationAddress IPv4 destination.
     * @param protocol           IP protocol (6, 17).
     * @param length             TCP or UDP length (header and data).
     * @return unfolded sum.
     */
    public static long pseudoHeaderSumIpv4(
        final int sourceAddress, final int destinationAddress, final int protocol, final int length)
    {
        return (sourceAddress >>> 16) + (sourceAddress & 0xFFFF) +
            (destinationAddress >>> 16) + (destinationAddress & 0xFFFF) + protocol + length;
    }

    /**
     * Sum of the IPv6 pseudo-header (RFC 8200 section 8.1), addresses read in place.
     *
     * @param buffer             holding the addresses.
     * @param sourceOffset       of the 16-byte source address.
     * @param destinationOffset  of the 16-byte destination address (the final one if a routing header).
     * @param nextHeader         upper-layer protocol (6, 17, 58).
     * @param upperLayerLength   length of the upper-layer header and data.
     * @return unfolded sum.
     */
    public static long pseudoHeaderSumIpv6(
        final DirectBuffer buffer,
        final int sourceOffset,
        final int destinationOffset,
        final int nextHeader,
        final int upperLayerLength)
    {
        return sum(buffer, sourceOffset, 16) + sum(buffer, destinationOffset, 16) +
            (upperLayerLength >>> 16) + (upperLayerLength & 0xFFFF) + nextHeader;
    }

    /**
     * TCP, UDP or ICMPv6-style checksum over IPv4: pseudo-header plus the segment.
     *
     * @param buffer             holding the segment.
     * @param l4Offset           where the TCP/UDP header starts.
     * @param l4Length           header and data length.
     * @param sourceAddress      IPv4 source.
     * @param destinationAddress IPv4 destination.
     * @param protocol           IP protocol.
     * @return checksum (the field is summed as it is: zero it first to compute, leave it to verify).
     */
    public static int transportChecksumIpv4(
        final DirectBuffer buffer,
        final int l4Offset,
        final int l4Length,
        final int sourceAddress,
        final int destinationAddress,
        final int protocol)
    {
        return finish(pseudoHeaderSumIpv4(sourceAddress, destinationAddress, protocol, l4Length) +
            sum(buffer, l4Offset, l4Length));
    }

    /**
     * TCP, UDP or ICMPv6 checksum over IPv6: pseudo-header plus the segment.
     *
     * @param buffer            holding the addresses and the segment.
     * @param sourceOffset      of the source address.
     * @param destinationOffset of the destination address.
     * @param l4Offset          where the upper-layer header starts.
     * @param l4Length          header and data length.
     * @param nextHeader        upper-layer protocol.
     * @return checksum (the field is summed as it is).
     */
    public static int transportChecksumIpv6(
        final DirectBuffer buffer,
        final int sourceOffset,
        final int destinationOffset,
        final int l4Offset,
        final int l4Length,
        final int nextHeader)
    {
        return finish(pseudoHeaderSumIpv6(buffer, sourceOffset, destinationOffset, nextHeader, l4Length) +
            sum(buffer, l4Offset, l4Length));
    }

    /**
     * @param computed a computed UDP checksum.
     * @return what to write: 0xFFFF for 0, since 0 means "no checksum".
     */
    public static int udpChecksum(final int computed)
    {
        return computed == 0 ? UDP_ZERO_CHECKSUM : computed;
    }

    /**
     * RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m') for one 16-bit field that changed from m to m'.
     *
     * @param checksum the checksum in the header (HC).
     * @param oldValue the field's old 16-bit value (m).
     * @param newValue its new value (m').
     * @return the new checksum (HC').
     */
    public static int update16(final int checksum, final int oldValue, final int newValue)
    {
        final int sum = (~checksum & 0xFFFF) + (~oldValue & 0xFFFF) + (newValue & 0xFFFF);
        return ~fold(sum) & 0xFFFF;
    }

    /**
     * RFC 1624 update for a 32-bit field (an IPv4 address, a word of an IPv6 address), as two 16-bit fields.
     *
     * @param checksum the checksum in the header.
     * @param oldValue the field's old value.
     * @param newValue its new value.
     * @return the new checksum.
     */
    public static int update32(final int checksum, final int oldValue, final int newValue)
    {
        final long sum = (~checksum & 0xFFFF) +
            (~oldValue >>> 16) + (~oldValue & 0xFFFF) + (newValue >>> 16) + (newValue & 0xFFFF);
        return ~fold(sum) & 0xFFFF;
    }

    /**
     * {@link #update16} for a UDP checksum: 0 ("none", IPv4 only) stays 0; a result of 0 is written 0xFFFF.
     *
     * @param checksum the UDP checksum in the header.
     * @param oldValue old field value.
     * @param newValue new field value.
     * @return the new UDP checksum.
     */
    public static int updateUdp16(final int checksum, final int oldValue, final int newValue)
    {
        return checksum == 0 ? 0 : udpChecksum(update16(checksum, oldValue, newValue));
    }

    /**
     * {@link #update32} for a UDP checksum: 0 stays 0; a result of 0 is written 0xFFFF.
     *
     * @param checksum the UDP checksum in the header.
     * @param oldValue old field value.
     * @param newValue new field value.
     * @return the new UDP checksum.
     */
    public static int updateUdp32(final int checksum, final int oldValue, final int newValue)
    {
        return checksum == 0 ? 0 : udpChecksum(update32(checksum, oldValue, newValue));
    }
}
