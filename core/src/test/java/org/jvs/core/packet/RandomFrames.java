package org.jvs.core.packet;

import java.util.Random;

import org.agrona.MutableDirectBuffer;

/**
 * Builds random, well-formed Ethernet/IPv4-or-IPv6/TCP-or-UDP frames with jvs's flyweights, checksums
 * computed in full. Seeded by the caller's Random, so every run builds the same frames.
 */
final class RandomFrames
{
    static final int MAX_FRAME = 14 + 60 + 60 + 256;

    private final EthernetFlyweight ethernet = new EthernetFlyweight();
    private final Ipv4Flyweight ipv4 = new Ipv4Flyweight();
    private final Ipv6Flyweight ipv6 = new Ipv6Flyweight();
    private final TcpFlyweight tcp = new TcpFlyweight();
    private final UdpFlyweight udp = new UdpFlyweight();

    /**
     * @param buffer   to write, at least {@link #MAX_FRAME} bytes.
     * @param random   seeded random.
     * @param isIpv6   IPv6 rather than IPv4.
     * @param protocol 6 or 17.
     * @return frame length.
     */
    int build(final MutableDirectBuffer buffer, final Random random, final boolean isIpv6, final int protocol)
    {
        ethernet.wrap(buffer, 0).destinationMac(0x0200_0000_0000L | random.nextInt(1 << 24))
            .sourceMac(0x0200_0000_0000L | random.nextInt(1 << 24))
            .etherType(isIpv6 ? EthernetFlyweight.ETHER_TYPE_IPV6 : EthernetFlyweight.ETHER_TYPE_IPV4);
        final int l3 = EthernetFlyweight.HEADER_LENGTH;
        final int l3HeaderLength = isIpv6 ? Ipv6Flyweight.HEADER_LENGTH : 20 + 4 * random.nextInt(11);
        final int l4 = l3 + l3HeaderLength;
        final int l4HeaderLength = protocol == Ipv4Flyweight.PROTOCOL_TCP ? 20 + 4 * random.nextInt(11) : 8;
        final int payloadLength = random.nextInt(4) == 0 ? 0 : random.nextInt(256);
        final int l4Length = l4HeaderLength + payloadLength;
        for (int i = l3; i < l4 + l4Length; i++)
        {
            buffer.putByte(i, (byte)random.nextInt());
        }
        if (isIpv6)
        {
            ipv6.wrap(buffer, l3).version6().trafficClass(random.nextInt(256)).flowLabel(random.nextInt())
                .payloadLength(l4Length).nextHeader(protocol).hopLimit(1 + random.nextInt(255));
            ipv6.sourceAddressWord(0, 0x20010002).destinationAddressWord(0, 0x20010002);
        }
        else
        {
            ipv4.wrap(buffer, l3);
            buffer.setMemory(l3 + 20, l3HeaderLength - 20, (byte)1);
            final int source = 0xC612_0000 | random.nextInt(1 << 17);
            final int destination = 0xC612_0000 | random.nextInt(1 << 17);
            final int flags = random.nextBoolean() ? Ipv4Flyweight.FLAG_DF : 0;
            ipv4.fill(l3HeaderLength + l4Length, random.nextInt(1 << 16), flags, 1 + random.nextInt(255), protocol,
                source, destination, random.nextInt(256));
            ipv4.versionAndIhl(l3HeaderLength >>> 2).updateChecksum();
        }
        if (protocol == Ipv4Flyweight.PROTOCOL_TCP)
        {
            tcp.wrap(buffer, l4).dataOffset(l4HeaderLength >>> 2).checksum(0);
            buffer.setMemory(l4 + 20, l4HeaderLength - 20, (byte)1);
        }
        else
        {
            udp.wrap(buffer, l4).length(l4Length).checksum(0);
        }
        final int checksum = isIpv6 ?
            Checksums.transportChecksumIpv6(buffer, ipv6.sourceAddressOffset(), ipv6.destinationAddressOffset(),
                l4, l4Length, protocol) :
            Checksums.transportChecksumIpv4(buffer, l4, l4Length, ipv4.sourceAddress(), ipv4.destinationAddress(),
                protocol);
        if (protocol == Ipv4Flyweight.PROTOCOL_TCP)
        {
            tcp.checksum(checksum);
        }
        else if (isIpv6 || random.nextInt(8) != 0)
        {
            udp.checksum(Checksums.udpChecksum(checksum));
        }
        return l4 + l4Length;
    }
}
