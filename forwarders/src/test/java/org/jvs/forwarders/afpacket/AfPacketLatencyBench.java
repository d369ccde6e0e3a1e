package org.jvs.forwarders.afpacket;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.jvs.core.port.FrameHandler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * First look at the latency a lone frame sees through the receive ring at low load: the port sends an ICMP
 * echo request to the peer namespace's kernel and times until the reply is handed over by {@code receive}
 * (busy polling), one at a time, for several TPACKET_V3 block timeouts. Run on purpose, as root:
 * {@code ./mvnw -B -pl forwarders -am test -Djvs.systemTests=true -Dtest=AfPacketLatencyBench
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class AfPacketLatencyBench
{
    private static final int PINGS = 300;

    @Test
    void echoRoundTripThroughTheRing()
    {
        Assumptions.assumeTrue("true".equals(System.getProperty("jvs.systemTests")), "root only");
        VethLab.build();
        try
        {
            measure(new AfPacketPort.Context().tpacketVersion(2), "TPACKET_V2");
            for (final int timeoutMs : new int[] {1, 4})
            {
                measure(new AfPacketPort.Context().blockTimeoutMs(timeoutMs), "TPACKET_V3, block timeout " +
                    timeoutMs + " ms");
            }
        }
        finally
        {
            VethLab.remove();
        }
    }

    private static void measure(final AfPacketPort.Context context, final String what)
    {
        try (AfPacketPort port = AfPacketPort.open(VethLab.PORT_IF, context))
        {
            final Reply reply = new Reply();
            final long[] roundTripNs = new long[PINGS];
            for (int seq = 0; seq < PINGS; seq++)
            {
                final byte[] request = echoRequest(port.macAddress(), seq);
                reply.expected = seq;
                reply.seen = false;
                final long start = System.nanoTime();
                port.send(new UnsafeBuffer(request), 0, request.length);
                assertEquals(1, port.flush());
                final long deadline = start + TimeUnit.SECONDS.toNanos(2);
                while (!reply.seen && System.nanoTime() < deadline)
                {
                    port.receive(reply, 16);
                }
                assertTrue(reply.seen, "echo reply " + seq);
                roundTripNs[seq] = System.nanoTime() - start;
            }
            Arrays.sort(roundTripNs);
            System.out.printf("%s: echo round trip through the ring, %d pings: p50 %.1f us, " +
                "p90 %.1f us, p99 %.1f us, max %.1f us%n", what, PINGS, roundTripNs[PINGS / 2] / 1e3,
                roundTripNs[PINGS * 9 / 10] / 1e3, roundTripNs[PINGS * 99 / 100] / 1e3, roundTripNs[PINGS - 1] / 1e3);
        }
    }

    private static byte[] echoRequest(final long sourceMac, final int seq)
    {
        final byte[] frame = VethLab.udp(sourceMac, VethLab.PEER_MAC, VethLab.PORT_IP, VethLab.PEER_IP, 0, 0,
            "jvs-echo-payload");
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        buffer.putByte(23, (byte)1);
        buffer.putShort(24, (short)0);
        buffer.putShort(24, (short)checksum(frame, 14, 20), ByteOrder.BIG_ENDIAN);
        buffer.putShort(34, (short)0x0800, ByteOrder.BIG_ENDIAN);
        buffer.putShort(36, (short)0);
        buffer.putShort(38, (short)0x6a76, ByteOrder.BIG_ENDIAN);
        buffer.putShort(40, (short)seq, ByteOrder.BIG_ENDIAN);
        buffer.putShort(36, (short)checksum(frame, 34, frame.length - 34), ByteOrder.BIG_ENDIAN);
        return frame;
    }

    private static int checksum(final byte[] bytes, final int offset, final int length)
    {
        long sum = 0;
        for (int i = 0; i < length; i += 2)
        {
            sum += ((bytes[offset + i] & 0xff) << 8) | (i + 1 < length ? bytes[offset + i + 1] & 0xff : 0);
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int)(~sum & 0xffff);
    }

    private static final class Reply implements FrameHandler
    {
        private int expected;
        private boolean seen;

        @Override
        public void onFrame(final MutableDirectBuffer buffer, final int offset, final int length)
        {
            if (length >= 42 && buffer.getShort(offset + 12, ByteOrder.BIG_ENDIAN) == 0x0800 &&
                buffer.getByte(offset + 23) == 1 && buffer.getByte(offset + 34) == 0 &&
                (buffer.getShort(offset + 40, ByteOrder.BIG_ENDIAN) & 0xffff) == expected)
            {
                seen = true;
            }
        }
    }
}
