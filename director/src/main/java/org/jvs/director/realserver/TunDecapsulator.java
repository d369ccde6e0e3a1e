package org.jvs.director.realserver;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.packet.IpipTunnel;
import org.jvs.core.packet.Ipv4Flyweight;
import org.jvs.core.port.FrameHandler;

/**
 * What a kernel's {@code ipip} module does on an LVS-TUN real server, in user space: takes each captured
 * Ethernet frame carrying IP-in-IP (protocol 4) to this host, checks it, and hands the inner IPv4 packet
 * (CIP -&gt; VIP) to a sink, a TUN device, so the kernel receives it as if it had arrived normally.
 * <pre>
 *  +-----------+---------------------------+----------------------------------+---------+
 *  | Ethernet  | outer IPv4: DIP -&gt; RIP,   | inner IPv4: CIP -&gt; VIP, TCP/UDP  | padding |
 *  | 14 B      | proto 4, 20..60 B         | (inner total length bytes)       |         |
 *  +-----------+---------------------------+----------------------------------+---------+
 *                                          ^ delivered to the sink
 * </pre>
 * Checks, each counted by {@link DecapDrop} when it fails: Ethernet type IPv4; outer header whole, version 4,
 * protocol 4 and total length within the frame ({@link IpipTunnel#decapsulate}); outer checksum; not a
 * fragment; outer destination an address of this host; inner version 4, inner header and total length within
 * the outer payload; inner destination one of the VIPs, when VIPs are given. Single-threaded; nothing
 * allocates per frame.
 */
public final class TunDecapsulator implements FrameHandler
{
    private static final int MIN_FRAME_LENGTH =
        EthernetFlyweight.HEADER_LENGTH + IpipTunnel.OUTER_HEADER_LENGTH + Ipv4Flyweight.MIN_HEADER_LENGTH;

    private final IpipTunnel tunnel = new IpipTunnel();
    private final Ipv4Flyweight outer = new Ipv4Flyweight();
    private final Ipv4Flyweight inner = new Ipv4Flyweight();
    private final int[] localAddresses;
    private final int[] vips;
    private final InnerPacketSink sink;
    private final long[] drops = new long[DecapDrop.all().length];
    private long decapsulated;
    private long decapsulatedBytes;

    /**
     * @param localAddresses this host's IPv4 addresses (outer destinations accepted), host byte order ints.
     * @param vips           inner destinations accepted; empty accepts any.
     * @param sink           where inner packets go.
     */
    public TunDecapsulator(final int[] localAddresses, final int[] vips, final InnerPacketSink sink)
    {
        this.localAddresses = localAddresses.clone();
        this.vips = vips.clone();
        this.sink = sink;
    }

    @Override
    public void onFrame(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        final DecapDrop drop = decapsulate(buffer, offset, length);
        if (drop != null)
        {
            drops[drop.ordinal()]++;
        }
    }

    private DecapDrop decapsulate(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (length < MIN_FRAME_LENGTH ||
            (buffer.getShort(offset + EthernetFlyweight.ETHER_TYPE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF) !=
            EthernetFlyweight.ETHER_TYPE_IPV4)
        {
            return DecapDrop.NOT_IPV4_FRAME;
        }
        final int outerOffset = offset + EthernetFlyweight.HEADER_LENGTH;
        final int innerOffset = tunnel.decapsulate(buffer, outerOffset, length - EthernetFlyweight.HEADER_LENGTH);
        if (innerOffset < 0)
        {
            return DecapDrop.OUTER_MALFORMED;
        }
        outer.wrap(buffer, outerOffset);
        if (!outer.isChecksumValid())
        {
            return DecapDrop.OUTER_CHECKSUM;
        }
        if (outer.isFragment())
        {
            return DecapDrop.OUTER_FRAGMENT;
        }
        if (!contains(localAddresses, outer.destinationAddress()))
        {
            return DecapDrop.NOT_LOCAL;
        }
        final int available = outerOffset + outer.totalLength() - innerOffset;
        inner.wrap(buffer, innerOffset);
        if (inner.version() != Ipv4Flyweight.VERSION)
        {
            return DecapDrop.INNER_NOT_IPV4;
        }
        final int innerLength = inner.totalLength();
        if (inner.ihl() < Ipv4Flyweight.MIN_IHL || inner.headerLength() > available ||
            innerLength < inner.headerLength() || innerLength > available)
        {
            return DecapDrop.INNER_TRUNCATED;
        }
        if (vips.length > 0 && !contains(vips, inner.destinationAddress()))
        {
            return DecapDrop.NOT_VIP;
        }
        if (!sink.deliver(buffer, innerOffset, innerLength))
        {
            return DecapDrop.TUN_WRITE;
        }
        decapsulated++;
        decapsulatedBytes += innerLength;
        return null;
    }

    private static boolean contains(final int[] addresses, final int address)
    {
        for (final int a : addresses)
        {
            if (a == address)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return inner packets delivered to the sink.
     */
    public long decapsulated()
    {
        return decapsulated;
    }

    /**
     * @return bytes of inner packets delivered.
     */
    public long decapsulatedBytes()
    {
        return decapsulatedBytes;
    }

    /**
     * @param reason a reason.
     * @return frames skipped for it.
     */
    public long drops(final DecapDrop reason)
    {
        return drops[reason.ordinal()];
    }

    /**
     * @return frames skipped for any reason.
     */
    public long totalDrops()
    {
        long total = 0;
        for (final long count : drops)
        {
            total += count;
        }
        return total;
    }

    /**
     * @return e.g. "decapsulated 12 (840 bytes), skipped 1: outer-checksum 1"; every non-zero reason listed.
     */
    public String summary()
    {
        final StringBuilder text = new StringBuilder()
            .append("decapsulated ").append(decapsulated).append(" (").append(decapsulatedBytes).append(" bytes)")
            .append(", skipped ").append(totalDrops());
        String separator = ": ";
        for (final DecapDrop reason : DecapDrop.all())
        {
            if (drops[reason.ordinal()] != 0)
            {
                text.append(separator).append(reason.label()).append(' ').append(drops[reason.ordinal()]);
                separator = ", ";
            }
        }
        return text.toString();
    }
}
