package org.jvs.core.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV4EchoPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IcmpV6EchoRequestPacket;
import org.pcap4j.packet.IpV4NoOperationOption;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc791Tos;
import org.pcap4j.packet.IpV6ExtDestinationOptionsPacket;
import org.pcap4j.packet.IpV6ExtFragmentPacket;
import org.pcap4j.packet.IpV6ExtHopByHopOptionsPacket;
import org.pcap4j.packet.IpV6ExtOptionsPacket;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.IpV6PadNOption;
import org.pcap4j.packet.IpV6SimpleFlowLabel;
import org.pcap4j.packet.IpV6SimpleTrafficClass;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpMaximumSegmentSizeOption;
import org.pcap4j.packet.TcpNoOperationOption;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IcmpV4Code;
import org.pcap4j.packet.namednumber.IcmpV4Type;
import org.pcap4j.packet.namednumber.IcmpV6Code;
import org.pcap4j.packet.namednumber.IcmpV6Type;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import org.pcap4j.packet.namednumber.TcpPort;
import org.pcap4j.packet.namednumber.UdpPort;
import org.pcap4j.util.MacAddress;

/**
 * Random frames built by pcap4j (its lengths, paddings and checksums): IPv4 with NOP options or IPv6 with
 * hop-by-hop, atomic fragment and destination options headers, TCP
 * with MSS/NOP options, UDP, ICMP echo, ICMPv6 echo; payloads 0-255 bytes; padded to 60 bytes.
 */
final class Pcap4jFrames
{
    private final Random random;

    Pcap4jFrames(final Random random)
    {
        this.random = random;
    }

    EthernetPacket next() throws UnknownHostException
    {
        final boolean isIpv6 = random.nextBoolean();
        final InetAddress source = address(isIpv6);
        final InetAddress destination = address(isIpv6);
        final int kind = random.nextInt(3);
        final Packet.Builder transport = kind == 0 ? tcp(source, destination) :
            kind == 1 ? udp(source, destination) : isIpv6 ? icmpv6(source, destination) : icmp();
        final IpNumber protocol = kind == 0 ? IpNumber.TCP : kind == 1 ? IpNumber.UDP :
            isIpv6 ? IpNumber.ICMPV6 : IpNumber.ICMPV4;
        final Packet.Builder ip = isIpv6 ? ipv6(source, destination, protocol, transport) :
            ipv4(source, destination, protocol, transport);
        return new EthernetPacket.Builder()
            .dstAddr(MacAddress.getByAddress(mac()))
            .srcAddr(MacAddress.getByAddress(mac()))
            .type(isIpv6 ? EtherType.IPV6 : EtherType.IPV4)
            .payloadBuilder(ip)
            .paddingAtBuild(true)
            .build();
    }

    private byte[] mac()
    {
        final byte[] mac = new byte[6];
        random.nextBytes(mac);
        mac[0] = 0x02;
        return mac;
    }

    private InetAddress address(final boolean isIpv6) throws UnknownHostException
    {
        final byte[] bytes = new byte[isIpv6 ? 16 : 4];
        random.nextBytes(bytes);
        if (isIpv6)
        {
            bytes[0] = 0x20;
            bytes[1] = 0x01;
            bytes[2] = 0x00;
            bytes[3] = 0x02;
            bytes[4] = 0x00;
            bytes[5] = 0x00;
        }
        else
        {
            bytes[0] = (byte)198;
            bytes[1] = (byte)(18 + (bytes[1] & 1));
        }
        return InetAddress.getByAddress(bytes);
    }

    private UnknownPacket.Builder payload()
    {
        final int length = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(255);
        final byte[] data = new byte[length];
        random.nextBytes(data);
        return length == 0 ? null : new UnknownPacket.Builder().rawData(data);
    }

    private Packet.Builder ipv4(
        final InetAddress source, final InetAddress destination, final IpNumber protocol, final Packet.Builder l4)
    {
        final List<IpV4Packet.IpV4Option> options = new ArrayList<>();
        final int count = random.nextInt(3) == 0 ? 1 + random.nextInt(40) : 0;
        for (int i = 0; i < count; i++)
        {
            options.add(IpV4NoOperationOption.getInstance());
        }
        return new IpV4Packet.Builder()
            .version(IpVersion.IPV4)
            .tos(IpV4Rfc791Tos.newInstance((byte)0))
            .identification((short)random.nextInt())
            .dontFragmentFlag(random.nextBoolean())
            .ttl((byte)(1 + random.nextInt(255)))
            .protocol(protocol)
            .srcAddr((Inet4Address)source)
            .dstAddr((Inet4Address)destination)
            .options(options)
            .paddingAtBuild(true)
            .correctChecksumAtBuild(true)
            .correctLengthAtBuild(true)
            .payloadBuilder(l4);
    }

    private Packet.Builder ipv6(
        final InetAddress source, final InetAddress destination, final IpNumber protocol, final Packet.Builder l4)
    {
        Packet.Builder payload = l4;
        IpNumber next = protocol;
        if (random.nextInt(3) == 0)
        {
            final int words = random.nextInt(3);
            payload = new IpV6ExtDestinationOptionsPacket.Builder().nextHeader(next).hdrExtLen((byte)words)
                .options(padN(words)).payloadBuilder(payload);
            next = IpNumber.IPV6_DST_OPTS;
        }
        if (random.nextInt(4) == 0)
        {
            payload = new IpV6ExtFragmentPacket.Builder().nextHeader(next).fragmentOffset((short)0).m(false)
                .identification(random.nextInt()).payloadBuilder(payload);
            next = IpNumber.IPV6_FRAG;
        }
        if (random.nextInt(3) == 0)
        {
            final int words = random.nextInt(2);
            payload = new IpV6ExtHopByHopOptionsPacket.Builder().nextHeader(next).hdrExtLen((byte)words)
                .options(padN(words)).payloadBuilder(payload);
            next = IpNumber.IPV6_HOPOPT;
        }
        return ipv6Header(source, destination, next, payload);
    }

    private static List<IpV6ExtOptionsPacket.IpV6Option> padN(final int words)
    {
        final List<IpV6ExtOptionsPacket.IpV6Option> options = new ArrayList<>();
        options.add(new IpV6PadNOption.Builder().data(new byte[4 + 8 * words]).correctLengthAtBuild(true).build());
        return options;
    }

    private Packet.Builder ipv6Header(
        final InetAddress source, final InetAddress destination, final IpNumber protocol, final Packet.Builder l4)
    {
        return new IpV6Packet.Builder()
            .version(IpVersion.IPV6)
            .trafficClass(IpV6SimpleTrafficClass.newInstance((byte)random.nextInt()))
            .flowLabel(IpV6SimpleFlowLabel.newInstance(random.nextInt(1 << 20)))
            .nextHeader(protocol)
            .hopLimit((byte)(1 + random.nextInt(255)))
            .srcAddr((Inet6Address)source)
            .dstAddr((Inet6Address)destination)
            .correctLengthAtBuild(true)
            .payloadBuilder(l4);
    }

    private Packet.Builder tcp(final InetAddress source, final InetAddress destination)
    {
        final List<TcpPacket.TcpOption> options = new ArrayList<>();
        if (random.nextBoolean())
        {
            options.add(new TcpMaximumSegmentSizeOption.Builder().maxSegSize((short)(536 + random.nextInt(1000)))
                .correctLengthAtBuild(true).build());
        }
        final int nops = random.nextInt(3) == 0 ? random.nextInt(30) : 0;
        for (int i = 0; i < nops; i++)
        {
            options.add(TcpNoOperationOption.getInstance());
        }
        final int flags = random.nextInt(64);
        return new TcpPacket.Builder()
            .srcPort(TcpPort.getInstance((short)(1024 + random.nextInt(60000))))
            .dstPort(TcpPort.getInstance((short)(1024 + random.nextInt(60000))))
            .sequenceNumber(random.nextInt())
            .acknowledgmentNumber(random.nextInt())
            .fin((flags & 1) != 0).syn((flags & 2) != 0).rst((flags & 4) != 0)
            .psh((flags & 8) != 0).ack((flags & 16) != 0).urg((flags & 32) != 0)
            .window((short)random.nextInt())
            .options(options)
            .paddingAtBuild(true)
            .srcAddr(source)
            .dstAddr(destination)
            .correctChecksumAtBuild(true)
            .correctLengthAtBuild(true)
            .payloadBuilder(payload());
    }

    private Packet.Builder udp(final InetAddress source, final InetAddress destination)
    {
        return new UdpPacket.Builder()
            .srcPort(UdpPort.getInstance((short)(10000 + random.nextInt(50000))))
            .dstPort(UdpPort.getInstance((short)(10000 + random.nextInt(50000))))
            .srcAddr(source)
            .dstAddr(destination)
            .correctChecksumAtBuild(true)
            .correctLengthAtBuild(true)
            .payloadBuilder(payload());
    }

    private Packet.Builder icmp()
    {
        return new IcmpV4CommonPacket.Builder()
            .type(IcmpV4Type.ECHO)
            .code(IcmpV4Code.NO_CODE)
            .payloadBuilder(new IcmpV4EchoPacket.Builder()
                .identifier((short)random.nextInt())
                .sequenceNumber((short)random.nextInt())
                .payloadBuilder(payload()))
            .correctChecksumAtBuild(true);
    }

    private Packet.Builder icmpv6(final InetAddress source, final InetAddress destination)
    {
        return new IcmpV6CommonPacket.Builder()
            .type(IcmpV6Type.ECHO_REQUEST)
            .code(IcmpV6Code.NO_CODE)
            .srcAddr((Inet6Address)source)
            .dstAddr((Inet6Address)destination)
            .payloadBuilder(new IcmpV6EchoRequestPacket.Builder()
                .identifier((short)random.nextInt())
                .sequenceNumber((short)random.nextInt())
                .payloadBuilder(payload()))
            .correctChecksumAtBuild(true);
    }
}
