package org.jvs.bench.packet;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.packet.DropReason;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.packet.FrameParser;
import org.jvs.core.packet.IpipTunnel;
import org.jvs.core.packet.NatRewriter;
import org.jvs.core.packet.ParsedFrame;
import org.jvs.core.packet.TcpFlyweight;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The three LVS forwarding rewrites on an already parsed IPv4 TCP SYN frame:
 * DR (set both MACs), NAT (destination address and port, IPv4 and TCP checksums updated incrementally;
 * alternating between two real servers so every call changes the checksums), and TUN (IPIP encapsulation
 * into a preallocated transmit buffer: Ethernet header, outer IPv4 header with its checksum, copy of the
 * inner packet). Run with {@code -prof gc}: allocation must be about 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RewriteBenchmark
{
    private static final long DIRECTOR_MAC = 0x02_00_00_00_00_10L;
    private static final long REAL_SERVER_MAC = 0x02_00_00_00_00_21L;
    private static final int DIP = 0xC612_000A;
    private static final int[] RIPS = {0xC612_0101, 0xC612_0102};
    private static final int[] PORTS = {8080, 8081};

    private final FrameParser parser = new FrameParser();
    private final ParsedFrame frame = new ParsedFrame();
    private final EthernetFlyweight ethernet = new EthernetFlyweight();
    private final EthernetFlyweight outEthernet = new EthernetFlyweight();
    private final NatRewriter nat = new NatRewriter();
    private final IpipTunnel ipip = new IpipTunnel();
    private final UnsafeBuffer transmit = new UnsafeBuffer(new byte[2048]);
    private UnsafeBuffer syn;
    private int next;

    /**
     * Load and parse the frame.
     */
    @Setup
    public void setUp()
    {
        syn = Frames.buffer(Frames.IPV4_TCP_SYN, 0);
        if (parser.parse(syn, 0, syn.capacity(), frame) != DropReason.NONE)
        {
            throw new IllegalStateException("benchmark frame does not parse");
        }
    }

    /**
     * @return the new destination MAC.
     */
    @Benchmark
    public long drSetMacs()
    {
        ethernet.wrap(syn, 0).destinationMac(REAL_SERVER_MAC).sourceMac(DIRECTOR_MAC);
        return ethernet.destinationMac();
    }

    /**
     * @return the TCP checksum after the rewrite.
     */
    @Benchmark
    public int natIpv4DestinationAndPort()
    {
        final int i = next++ & 1;
        nat.ipv4Destination(syn, frame, RIPS[i], PORTS[i]);
        return syn.getShort(frame.l4Offset() + TcpFlyweight.CHECKSUM_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * @return the encapsulated length.
     */
    @Benchmark
    public int ipipEncapsulate()
    {
        outEthernet.wrap(transmit, 0).destinationMac(REAL_SERVER_MAC).sourceMac(DIRECTOR_MAC)
            .etherType(EthernetFlyweight.ETHER_TYPE_IPV4);
        return ipip.encapsulate(syn, frame.l3Offset(), frame.l3Length(), transmit, EthernetFlyweight.HEADER_LENGTH,
            DIP, RIPS[0], next++);
    }
}
