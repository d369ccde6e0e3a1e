package org.jvs.forwarders.afpacket;

import java.io.File;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.jvs.core.port.FrameHandler;
import org.jvs.core.port.PacketPort;
import org.jvs.forwarders.port.Pcap4jPort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * First look at receive throughput, AF_PACKET ring against pcap4j, same veth, same run, one after another.
 * Drain mode: trafgen in the peer namespace fills the port's kernel buffer (64 MiB either way) with 60-byte
 * UDP frames while nobody reads, then the port alone is timed emptying it, so the generator's speed does not
 * cap the figure. Both block timeouts are long (a TPACKET_V3 block retires half empty when its timeout
 * expires, so with 1 ms an unread ring holds only some 64 ms of traffic).
 * Not a unit test (the name does not end in Test): run it on purpose, as root, with
 * {@code ./mvnw -B -pl forwarders -am test -Djvs.systemTests=true -Dtest=AfPacketReceiveBench
 * -Dsurefire.failIfNoSpecifiedTests=false}; figures are printed.
 */
class AfPacketReceiveBench
{
    private static final int FRAMES = Integer.getInteger("jvs.bench.frames", 400_000);
    private static final int ROUNDS = Integer.getInteger("jvs.bench.rounds", 5);
    private static final int BUFFER_BYTES = 64 << 20;
    /** Long, so that blocks fill up while nobody reads (a block retires when its timeout expires). */
    private static final int BLOCK_TIMEOUT_MS = 2000;

    @Test
    void drainAfPacketAgainstPcap4j()
    {
        Assumptions.assumeTrue("true".equals(System.getProperty("jvs.systemTests")), "root only");
        VethLab.build();
        final File config = VethLab.trafgenConfig();
        try
        {
            final double[] afPacket = new double[ROUNDS];
            final double[] afPacketV2 = new double[ROUNDS];
            final double[] pcap4j = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++)
            {
                afPacket[round] = drainAfPacket(config, new AfPacketPort.Context().blockSizeBytes(1 << 20)
                    .blockCount(BUFFER_BYTES >> 20).blockTimeoutMs(BLOCK_TIMEOUT_MS));
                afPacketV2[round] = drainAfPacket(config, new AfPacketPort.Context().tpacketVersion(2)
                    .blockSizeBytes(1 << 20).blockCount(BUFFER_BYTES >> 20).frameSizeBytes(128));
                pcap4j[round] = drainPcap4j(config);
                System.out.printf("round %d: %d frames of 60 B; drain af_packet V3 %.0f frames/s, V2 %.0f " +
                    "frames/s, pcap4j %.0f frames/s%n", round + 1, FRAMES, afPacket[round], afPacketV2[round],
                    pcap4j[round]);
            }
            Arrays.sort(afPacket);
            Arrays.sort(afPacketV2);
            Arrays.sort(pcap4j);
            System.out.printf("median of %d rounds: af_packet V3 %.0f frames/s, V2 %.0f frames/s, pcap4j %.0f " +
                "frames/s%n", ROUNDS, afPacket[ROUNDS / 2], afPacketV2[ROUNDS / 2], pcap4j[ROUNDS / 2]);
        }
        finally
        {
            config.delete();
            VethLab.remove();
        }
    }

    private static double drainAfPacket(final File config, final AfPacketPort.Context context)
    {
        try (AfPacketPort port = AfPacketPort.open(VethLab.PORT_IF, context))
        {
            fill(config);
            final double rate = drain(port);
            System.out.printf("  af_packet: kernel drops %d%n", port.kernelDrops());
            return rate;
        }
    }

    private static double drainPcap4j(final File config)
    {
        try (Pcap4jPort port = Pcap4jPort.open(VethLab.PORT_IF, "",
            new Pcap4jPort.Context().bufferSizeBytes(BUFFER_BYTES).snaplenBytes(2048)
                .readTimeoutMs(BLOCK_TIMEOUT_MS).immediateMode(false)))
        {
            fill(config);
            return drain(port);
        }
    }

    private static void fill(final File config)
    {
        final String[] result = VethLab.run("ip", "netns", "exec", VethLab.NS, "trafgen", "--dev", "eth0",
            "--conf", config.getPath(), "-n", Integer.toString(FRAMES), "-P", "1", "-C", "-Q");
        assertTrue("0".equals(result[0]), "trafgen: " + result[1] + result[2]);
    }

    private static double drain(final PacketPort port)
    {
        final Counter counter = new Counter();
        final long start = System.nanoTime();
        long lastFrameNs = start;
        final long deadline = start + TimeUnit.SECONDS.toNanos(30);
        while (counter.frames < FRAMES)
        {
            final long now = System.nanoTime();
            if (port.receive(counter, 256) > 0)
            {
                lastFrameNs = System.nanoTime();
            }
            else if (now - lastFrameNs > TimeUnit.MILLISECONDS.toNanos(200) || now > deadline)
            {
                break;
            }
        }
        assertEquals(counter.frames * 9999, counter.portSum, "every frame read is the generator's, to port 9999");
        assertTrue(counter.frames > FRAMES / 2, "most frames were held for the drain: " + counter.frames);
        final double seconds = (lastFrameNs - start) / 1e9;
        System.out.printf("  %s: %d of %d frames in %.3f s%n", port.getClass().getSimpleName(), counter.frames,
            FRAMES, seconds);
        return counter.frames / seconds;
    }

    private static final class Counter implements FrameHandler
    {
        private long frames;
        private long portSum;

        @Override
        public void onFrame(final MutableDirectBuffer buffer, final int offset, final int length)
        {
            frames++;
            portSum += buffer.getShort(offset + 36, ByteOrder.BIG_ENDIAN) & 0xffff;
        }
    }
}
