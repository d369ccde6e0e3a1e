package org.jvs.core.packet;

import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.service.InetAddr;

/**
 * The operations a golden row names ("op:"), done with jvs's flyweights and helpers on a copy of the input.
 */
final class GoldenOperations
{
    private final FrameParser parser = new FrameParser();
    private final ParsedFrame frame = new ParsedFrame();
    private final NatRewriter nat = new NatRewriter();
    private final IpipTunnel ipip = new IpipTunnel();
    private final EthernetFlyweight ethernet = new EthernetFlyweight();
    private final Ipv4Flyweight ipv4 = new Ipv4Flyweight();
    private final ArpFlyweight arp = new ArpFlyweight();
    private final VrrpFlyweight vrrp = new VrrpFlyweight();

    /**
     * @param row a golden row.
     * @return the frame after the row's operation.
     */
    byte[] apply(final GoldenPacket row)
    {
        final byte[] bytes = row.input.clone();
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        parser.parse(buffer, 0, bytes.length, frame);
        final String[] op = row.operation.split(" ");
        switch (op[0])
        {
            case "none":
                return bytes;
            case "dr":
                ethernet.wrap(buffer, 0).destinationMac(mac(op[1])).sourceMac(mac(op[2]));
                return bytes;
            case "nat-dst":
            case "nat-src":
                return nat(buffer, bytes, op);
            case "ttl-dec":
                ipv4.wrap(buffer, frame.l3Offset()).decrementTtl();
                return bytes;
            case "ipip-encap":
                return encapsulate(buffer, op);
            case "ipip-decap":
                return decapsulate(buffer, bytes);
            case "arp-reply":
                final long ownMac = mac(op[1]);
                arp.wrap(buffer, frame.l3Offset()).turnIntoReply(ownMac);
                ethernet.wrap(buffer, 0).destinationMac(arp.targetMac()).sourceMac(ownMac);
                return bytes;
            case "vrrp-priority":
                return vrrpPriority(buffer, bytes, Integer.parseInt(op[1]));
            default:
                throw new IllegalArgumentException(row.name + ": unknown op '" + row.operation + "'");
        }
    }

    private byte[] nat(final UnsafeBuffer buffer, final byte[] bytes, final String[] op)
    {
        final InetAddr address = InetAddr.parse(op[1]);
        final int port = Integer.parseInt(op[2]);
        final boolean destination = op[0].equals("nat-dst");
        if (address.isIpv6())
        {
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
            nat.ipv4Destination(buffer, frame, address.word(0), port);
        }
        else
        {
            nat.ipv4Source(buffer, frame, address.word(0), port);
        }
        return bytes;
    }

    private byte[] encapsulate(final UnsafeBuffer buffer, final String[] op)
    {
        final int innerLength = frame.l3Length();
        final byte[] out = new byte[EthernetFlyweight.HEADER_LENGTH + IpipTunnel.OUTER_HEADER_LENGTH + innerLength];
        final UnsafeBuffer outBuffer = new UnsafeBuffer(out);
        ethernet.wrap(outBuffer, 0).destinationMac(mac(op[4])).sourceMac(mac(op[5]))
            .etherType(EthernetFlyweight.ETHER_TYPE_IPV4);
        ipip.encapsulate(buffer, frame.l3Offset(), innerLength, outBuffer, EthernetFlyweight.HEADER_LENGTH,
            InetAddr.parse(op[1]).word(0), InetAddr.parse(op[2]).word(0), Integer.parseInt(op[3]));
        return out;
    }

    private byte[] decapsulate(final UnsafeBuffer buffer, final byte[] bytes)
    {
        final int inner = ipip.decapsulate(buffer, frame.l3Offset(), bytes.length - frame.l3Offset());
        if (inner < 0)
        {
            throw new IllegalStateException("not an IPIP packet");
        }
        final byte[] out = new byte[bytes.length - (inner - frame.l3Offset())];
        System.arraycopy(bytes, 0, out, 0, frame.l3Offset());
        System.arraycopy(bytes, inner, out, frame.l3Offset(), bytes.length - inner);
        return out;
    }

    private byte[] vrrpPriority(final UnsafeBuffer buffer, final byte[] bytes, final int priority)
    {
        vrrp.wrap(buffer, frame.l4Offset()).priority(priority);
        if (vrrp.version() == VrrpFlyweight.VERSION_2)
        {
            vrrp.updateChecksumV2(vrrp.lengthV2());
        }
        else
        {
            vrrp.updateChecksumV3(frame.sourceAddress(), frame.destinationAddress(), vrrp.lengthV3(false));
        }
        return Arrays.copyOf(bytes, bytes.length);
    }

    static long mac(final String text)
    {
        return Long.parseLong(text.replace(":", ""), 16);
    }
}
