package org.jvs.forwarders.afpacket;

import java.util.concurrent.TimeUnit;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * First look at transmit: {@link AfPacketPort}'s copy into its send area + {@code sendmmsg}, against a
 * PACKET_TX_RING (TPACKET_V2, frames copied into the ring, one {@code sendto(fd, NULL, 0)} a batch), both with
 * qdisc bypass, same veth, same run, 60-byte UDP frames in batches of 256, counted at the peer's eth0.
 * Run on purpose, as root: {@code ./mvnw -B -pl forwarders -am test -Djvs.systemTests=true -Dtest=TxRingBench
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class TxRingBench
{
    private static final int BATCH = 256;
    private static final int FRAMES = Integer.getInteger("jvs.bench.frames", 1 << 20) / BATCH * BATCH;
    private static final int ROUNDS = Integer.getInteger("jvs.bench.rounds", 3);
    private static final int TX_FRAME_BYTES = 2048;
    private static final int TX_FRAMES = 2048;
    private static final int TPACKET_V2 = 1;
    private static final int PACKET_TX_RING = 13;
    private static final int TP_STATUS_AVAILABLE = 0;
    private static final int TP_STATUS_SEND_REQUEST = 1;
    private static final int TP_STATUS_WRONG_FORMAT = 4;
    private static final int TPACKET2_TX_DATA_OFFSET = 32;

    @Test
    void sendmmsgAgainstTxRing()
    {
        Assumptions.assumeTrue("true".equals(System.getProperty("jvs.systemTests")), "root only");
        VethLab.build();
        try
        {
            final byte[] frame = VethLab.udp(0x02_00_00_00_00_01L, VethLab.PEER_MAC, VethLab.PORT_IP,
                "198.19.7.99", 4000, 9, "______________________________".substring(0, 18));
            assertEquals(60, frame.length);
            for (int round = 1; round <= ROUNDS; round++)
            {
                final double mmsg = measure("sendmmsg", () -> sendmmsg(frame));
                final double ring = measure("tx ring", () -> txRing(frame));
                System.out.printf("round %d: %d frames of 60 B, batches of %d: sendmmsg %.0f frames/s, " +
                    "tx ring %.0f frames/s, sendmmsg/ring %.2f%n", round, FRAMES, BATCH, mmsg, ring, mmsg / ring);
            }
        }
        finally
        {
            VethLab.remove();
        }
    }

    private static double measure(final String what, final Runnable sender)
    {
        final long before = VethLab.peerRxPackets();
        final long start = System.nanoTime();
        sender.run();
        final long elapsedNs = System.nanoTime() - start;
        VethLab.await(what + ": the peer counted " + FRAMES, 10_000, () -> VethLab.peerRxPackets() - before >= FRAMES);
        System.out.printf("  %s: %d frames in %.3f s, peer counted %d%n", what, FRAMES, elapsedNs / 1e9,
            VethLab.peerRxPackets() - before);
        return FRAMES / (elapsedNs / 1e9);
    }

    private static void sendmmsg(final byte[] bytes)
    {
        try (AfPacketPort port = AfPacketPort.open(VethLab.PORT_IF, new AfPacketPort.Context().sendQueueFrames(BATCH)))
        {
            final UnsafeBuffer frame = new UnsafeBuffer(bytes);
            for (int sent = 0; sent < FRAMES; sent += BATCH)
            {
                for (int i = 0; i < BATCH; i++)
                {
                    port.send(frame, 0, bytes.length);
                }
                port.flush();
            }
            assertEquals(0, port.sendErrors(), "errno " + port.lastSendErrno());
            assertEquals(FRAMES, port.sentFrames());
        }
    }

    private static void txRing(final byte[] bytes)
    {
        final PacketLibC libc = LibraryLoader.create(PacketLibC.class).load("c");
        final Runtime runtime = Runtime.getRuntime(libc);
        final UnsafeBuffer scratch = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
        final int fd = libc.socket(TpacketV3.AF_PACKET, TpacketV3.SOCK_RAW, 0);
        assertTrue(fd >= 0, "socket errno " + runtime.getLastError());
        final long ringBytes = (long)TX_FRAME_BYTES * TX_FRAMES;
        Pointer mapping = null;
        try
        {
            setInt(libc, fd, scratch, TpacketV3.PACKET_VERSION, TPACKET_V2);
            setInt(libc, fd, scratch, TpacketV3.PACKET_QDISC_BYPASS, 1);
            scratch.putInt(0, 1 << 16);
            scratch.putInt(4, (int)(ringBytes >> 16));
            scratch.putInt(8, TX_FRAME_BYTES);
            scratch.putInt(12, TX_FRAMES);
            assertEquals(0, libc.setsockopt(fd, TpacketV3.SOL_PACKET, PACKET_TX_RING, scratch.addressOffset(), 16),
                "PACKET_TX_RING errno " + runtime.getLastError());
            mapping = libc.mmap(null, ringBytes, TpacketV3.PROT_READ | TpacketV3.PROT_WRITE, TpacketV3.MAP_SHARED,
                fd, 0);
            assertTrue(mapping != null && mapping.address() != -1L, "mmap errno " + runtime.getLastError());
            scratch.setMemory(0, 64, (byte)0);
            scratch.putShort(0, (short)TpacketV3.AF_PACKET);
            scratch.putInt(4, AfPacketPort.ifindex(VethLab.PORT_IF));
            assertEquals(0, libc.bind(fd, scratch.addressOffset(), TpacketV3.SOCKADDR_LL_LENGTH));
            sendThroughRing(libc, runtime, fd, new UnsafeBuffer(mapping.address(), (int)ringBytes), bytes);
        }
        finally
        {
            if (mapping != null)
            {
                libc.munmap(mapping, ringBytes);
            }
            libc.close(fd);
        }
    }

    private static void sendThroughRing(
        final PacketLibC libc, final Runtime runtime, final int fd, final UnsafeBuffer ring, final byte[] bytes)
    {
        int slot = 0;
        for (int sent = 0; sent < FRAMES; sent += BATCH)
        {
            for (int i = 0; i < BATCH; i++)
            {
                final int offset = slot * TX_FRAME_BYTES;
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                int status;
                while ((status = ring.getIntVolatile(offset)) != TP_STATUS_AVAILABLE)
                {
                    assertTrue(status != TP_STATUS_WRONG_FORMAT, "the kernel refused a frame's format");
                    assertTrue(System.nanoTime() < deadline, "tx ring slot " + slot + " not free, status " + status);
                    libc.sendto(fd, 0, 0, TpacketV3.MSG_DONTWAIT, 0, 0);
                }
                ring.putBytes(offset + TPACKET2_TX_DATA_OFFSET, bytes);
                ring.putInt(offset + 4, bytes.length);
                ring.putIntOrdered(offset, TP_STATUS_SEND_REQUEST);
                slot = slot + 1 == TX_FRAMES ? 0 : slot + 1;
            }
            assertTrue(libc.sendto(fd, 0, 0, 0, 0, 0) >= 0, "sendto errno " + runtime.getLastError());
        }
    }

    private static void setInt(
        final PacketLibC libc, final int fd, final UnsafeBuffer scratch, final int option, final int value)
    {
        scratch.putInt(0, value);
        assertEquals(0, libc.setsockopt(fd, TpacketV3.SOL_PACKET, option, scratch.addressOffset(), 4),
            "setsockopt " + option + " errno " + Runtime.getRuntime(libc).getLastError());
    }
}
