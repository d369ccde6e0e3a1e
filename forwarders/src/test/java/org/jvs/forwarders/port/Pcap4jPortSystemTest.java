package org.jvs.forwarders.port;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Pcap4jPort} on a live veth pair: one end, VETH, in this JVM's network namespace (libpcap opens
 * interfaces of the caller's namespace), the other end, eth0 198.18.2.2/24, in a namespace the test makes,
 * where the kernel's own UDP sockets send and receive. Root only (-Djvs.systemTests=true).
 */
class Pcap4jPortSystemTest
{
    private static final String NS = "jvsp" + ProcessHandle.current().pid();
    private static final String VETH = NS + "a";
    private static final String PEER_IP = "198.18.2.2";
    private static final String PORT_IP = "198.18.2.1";
    private static final long PEER_MAC = 0x02_6a_76_12_02_02L;
    private static final long WAIT_MS = 5_000;

    private static boolean built;

    @BeforeAll
    static void buildVethPair()
    {
        Assumptions.assumeTrue("true".equals(System.getProperty("jvs.systemTests")),
            "system test: needs root and network namespaces; run with -Djvs.systemTests=true (scripts/test)");
        built = true;
        VethPair.build(NS, VETH, PEER_IP, PORT_IP, PEER_MAC);
    }

    @AfterAll
    static void removeVethPair()
    {
        if (built)
        {
            VethPair.remove(NS, VETH);
        }
    }

    @Test
    void receivesWhatTheKernelSendsThroughTheKernelFilter()
    {
        try (Pcap4jPort port = Pcap4jPort.open(VETH, "udp and dst port 9999"))
        {
            assertEquals(NetInterfaces.macAddress(VETH), port.macAddress());
            assertEquals(1500, port.mtu());
            final List<byte[]> frames = new ArrayList<>();
            VethPair.inNs(NS, "python3 -c \"import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n" +
                "for i in range(3):\n    s.sendto(b'ignored %d' % i, ('" + PORT_IP + "', 9998))\n" +
                "    s.sendto(b'hello %d' % i, ('" + PORT_IP + "', 9999))\"");
            await("3 frames received", () ->
            {
                port.receive((buffer, offset, length) -> frames.add(copy(buffer, offset, length)), 10);
                return frames.size() >= 3;
            });
            assertEquals(3, frames.size(), "the filter let only port 9999 through");
            for (int i = 0; i < 3; i++)
            {
                final byte[] frame = frames.get(i);
                assertEquals(TestFrames.HEADERS_LENGTH + ("hello " + i).length(), frame.length);
                assertEquals(NetInterfaces.formatMac(port.macAddress()), macAt(frame, 0), "to the port's MAC");
                assertEquals(NetInterfaces.formatMac(PEER_MAC), macAt(frame, 6), "from the peer");
                assertEquals("hello " + i, new String(frame, TestFrames.HEADERS_LENGTH,
                    frame.length - TestFrames.HEADERS_LENGTH, StandardCharsets.US_ASCII));
                assertTrue(TestFrames.ipv4ChecksumValid(frame), "IPv4 checksum complete");
                assertTrue(TestFrames.udpChecksumValid(frame), "UDP checksum complete (TX offload off)");
            }
            assertEquals(0, port.receiveErrors());
        }
    }

    @Test
    void sendsFramesTheKernelOnTheOtherSideAccepts() throws Exception
    {
        final File received = File.createTempFile("jvs-pcap4j-rx", ".txt");
        final Process receiver = new ProcessBuilder("ip", "netns", "exec", NS, "python3", "-c",
            "import socket, sys\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n" +
            "s.bind(('" + PEER_IP + "', 7777))\ns.settimeout(5)\n" +
            "for i in range(2):\n    sys.stdout.write(s.recv(100).decode() + '\\n')\n    sys.stdout.flush()\n")
            .redirectOutput(received).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (Pcap4jPort port = Pcap4jPort.open(VETH, "udp"))
        {
            await("receiver listening", () -> !Processes.run("ip", "netns", "exec", NS, "sh", "-c",
                "ss -Hlun 'sport = :7777' | grep -q .")[0].equals("1"));
            for (int i = 0; i < 2; i++)
            {
                final byte[] frame = TestFrames.udp(port.macAddress(), PEER_MAC, PORT_IP, PEER_IP, 4444, 7777,
                    "from jvs " + i);
                assertTrue(port.send(new UnsafeBuffer(frame), 0, frame.length));
            }
            assertEquals(2, port.flush());
            assertEquals(0, port.sendErrors());
            assertTrue(receiver.waitFor(WAIT_MS, TimeUnit.MILLISECONDS), "receiver got both datagrams");
            assertEquals("from jvs 0\nfrom jvs 1\n", Files.readString(received.toPath()));
            assertTrue(port.directionIn(), "libpcap on Linux supports direction IN");
            assertEquals(0, port.receive((buffer, offset, length) -> { }, 10), "own frames not captured");
        }
        finally
        {
            receiver.destroyForcibly();
            received.delete();
        }
    }

    @Test
    void receiveNeverBlocksAndCloseIsPromptWithoutTraffic() throws Exception
    {
        final Pcap4jPort port = Pcap4jPort.open(VETH, "udp and dst port 9");
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong polls = new AtomicLong();
        final Thread poller = new Thread(() ->
        {
            while (running.get())
            {
                port.receive((buffer, offset, length) -> { }, 16);
                polls.incrementAndGet();
            }
        }, "pcap4j-poller");
        poller.start();
        try
        {
            await("the poller to go round idle", () -> polls.get() > 100);
        }
        finally
        {
            running.set(false);
            poller.join(WAIT_MS);
        }
        assertFalse(poller.isAlive(), "receive returned after traffic stopped (it never started)");
        final long startNs = System.nanoTime();
        port.close();
        port.close();
        final long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertTrue(closeMs < 1000, "close took " + closeMs + " ms");
        assertEquals(0, port.receive((buffer, offset, length) -> { }, 16), "closed: nothing");
        assertFalse(port.send(new UnsafeBuffer(new byte[60]), 0, 60), "closed: refuses");
    }

    @Test
    void aBadFilterIsRefusedNamingIt()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Pcap4jPort.open(VETH, "udp and bogus port 9"));
        assertTrue(ex.getMessage().contains(VETH) && ex.getMessage().contains("'udp and bogus port 9'"),
            ex.getMessage());
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("not within " + WAIT_MS + " ms: " + what);
            }
            Thread.onSpinWait();
            try
            {
                Thread.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, ex);
            }
        }
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    private static String macAt(final byte[] frame, final int offset)
    {
        long mac = 0;
        for (int i = 0; i < 6; i++)
        {
            mac = (mac << 8) | (frame[offset + i] & 0xff);
        }
        return NetInterfaces.formatMac(mac);
    }
}
