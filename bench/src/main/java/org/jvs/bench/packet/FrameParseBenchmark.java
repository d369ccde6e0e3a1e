package org.jvs.bench.packet;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.packet.DropReason;
import org.jvs.core.packet.FrameParser;
import org.jvs.core.packet.ParsedFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link FrameParser#parse} of a TCP SYN frame, IPv4 (with the IPv4 header checksum check) and IPv6: what a
 * worker does first with every frame. Run with {@code -prof gc}: allocation must be about 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameParseBenchmark
{
    private final FrameParser parser = new FrameParser();
    private final ParsedFrame frame = new ParsedFrame();
    private UnsafeBuffer ipv4Syn;
    private UnsafeBuffer ipv6Syn;

    /**
     * Load the frames.
     */
    @Setup
    public void setUp()
    {
        ipv4Syn = Frames.buffer(Frames.IPV4_TCP_SYN, 0);
        ipv6Syn = Frames.buffer(Frames.IPV6_TCP_SYN, 0);
        if (parser.parse(ipv4Syn, 0, ipv4Syn.capacity(), frame) != DropReason.NONE ||
            parser.parse(ipv6Syn, 0, ipv6Syn.capacity(), frame) != DropReason.NONE)
        {
            throw new IllegalStateException("benchmark frames do not parse");
        }
    }

    /**
     * @return the verdict and a port, so the work is not dead code.
     */
    @Benchmark
    public int parseIpv4TcpSyn()
    {
        return parser.parse(ipv4Syn, 0, ipv4Syn.capacity(), frame).ordinal() + frame.destinationPort();
    }

    /**
     * @return the verdict and a port.
     */
    @Benchmark
    public int parseIpv6TcpSyn()
    {
        return parser.parse(ipv6Syn, 0, ipv6Syn.capacity(), frame).ordinal() + frame.destinationPort();
    }
}
