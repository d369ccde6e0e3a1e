package org.jvs.forwarders.afpacket;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvs.core.conn.FlowShard;
import org.jvs.core.port.FrameHandler;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.VipSet;
import org.jvs.forwarders.port.NetInterfaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvs.forwarders.afpacket.VethLab.HEADERS_LENGTH;
import static org.jvs.forwarders.afpacket.VethLab.NS;
import static org.jvs.forwarders.afpacket.VethLab.PEER_IP;
import static org.jvs.forwarders.afpacket.VethLab.PEER_MAC;
import static org.jvs.forwarders.afpacket.VethLab.PORT_IF;
import static org.jvs.forwarders.afpacket.VethLab.PORT_IP;

/**
 * {@link AfPacketPort} on a live veth pair (see {@link VethLab}): the peer namespace's kernel sends and
 * receives real UDP. Root only (-Djvs.systemTests=true).
 */
class AfPacketPortSystemTest
{
    private static final long WAIT_MS = 10_000;
    private static boolean built;

    @BeforeAll
    static void buildVethPair()
    {
        Assumptions.assumeTrue("true".equals(System.getProperty("jvs.systemTests")),
            "system test: needs root and network namespaces; run with -Djvs.systemTests=true (scripts/test)");
        built = true;
        VethLab.build();
    }

    @AfterAll
    static void removeVethPair()
    {
        if (built)
        {
            VethLab.remove();
        }
    }

    @Test
    void receivesWhatThePeerKernelSendsInPlace()
    {
        try (AfPacketPort port = AfPacketPort.open(PORT_IF))
        {
            assertEquals(NetInterfaces.macAddress(PORT_IF), port.macAddress());
            assertEquals(1500, port.mtu());
            final List<String> payloads = new ArrayList<>();
            final FrameHandler handler = (buffer, offset, length) ->
            {
                if (udpDestinationPort(buffer, offset, length) == 9999)
                {
                    assertEquals(port.macAddress(), mac(buffer, offset), "to the port's MAC");
                    assertEquals(PEER_MAC, mac(buffer, offset + 6), "from the peer");
                    payloads.add(payload(buffer, offset, length));
                    buffer.putByte(offset + HEADERS_LENGTH, (byte)'H');
                    assertEquals('H', buffer.getByte(offset + HEADERS_LENGTH), "the ring is writable in place");
                }
            };
            VethLab.pythonInNs("import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n" +
                "for i in range(5):\n    s.sendto(b'hello %d' % i, ('" + PORT_IP + "', 9999))\n");
            VethLab.await("5 frames received", WAIT_MS, () ->
            {
                port.receive(handler, 16);
                return payloads.size() >= 5;
            });
            assertEquals(List.of("hello 0", "hello 1", "hello 2", "hello 3", "hello 4"), payloads);
            assertTrue(port.receivedFrames() >= 5);
            assertEquals(0, port.truncatedSkipped());
        }
    }

    @Test
    void sendsFramesThePeerKernelAccepts() throws Exception
    {
        final File received = File.createTempFile("afp-rx", ".txt");
        final Process receiver = new ProcessBuilder("ip", "netns", "exec", NS, "python3", "-c",
            "import socket, sys\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n" +
            "s.bind(('" + PEER_IP + "', 7777))\ns.settimeout(10)\n" +
            "for i in range(3):\n    sys.stdout.write(s.recv(100).decode() + '\\n')\n    sys.stdout.flush()\n")
            .redirectOutput(received).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (AfPacketPort port = AfPacketPort.open(PORT_IF))
        {
            VethLab.await("receiver listening", WAIT_MS, () -> VethLab.run("ip", "netns", "exec", NS, "sh", "-c",
                "ss -Hlun 'sport = :7777' | grep -q .")[0].equals("0"));
            for (int i = 0; i < 3; i++)
            {
                final byte[] frame = VethLab.udp(port.macAddress(), PEER_MAC, PORT_IP, PEER_IP, 4444, 7777,
                    "from jvs " + i);
                assertTrue(port.send(new UnsafeBuffer(frame), 0, frame.length));
            }
            assertEquals(3, port.flush());
            assertEquals(0, port.flush(), "the queue is empty after a flush");
            assertEquals(0, port.sendErrors());
            assertTrue(receiver.waitFor(WAIT_MS, TimeUnit.MILLISECONDS), "receiver got the 3 datagrams");
            assertEquals("from jvs 0\nfrom jvs 1\nfrom jvs 2\n", Files.readString(received.toPath()));
        }
        finally
        {
            receiver.destroyForcibly();
            received.delete();
        }
    }

    @Test
    void batchLargerThanOneSendmmsgCallGoesOutWhole()
    {
        final int frames = 2500;
        try (AfPacketPort port = AfPacketPort.open(PORT_IF, new AfPacketPort.Context().sendQueueFrames(frames)))
        {
            final UnsafeBuffer frame = new UnsafeBuffer(VethLab.udp(port.macAddress(), PEER_MAC, PORT_IP,
                "198.19.7.99", 4444, 9, "batch"));
            final long before = VethLab.peerRxPackets();
            for (int i = 0; i < frames; i++)
            {
                assertTrue(port.send(frame, 0, frame.capacity()), "queued " + i);
            }
            assertFalse(port.send(frame, 0, frame.capacity()), "the queue holds " + frames);
            assertEquals(1, port.sendDrops());
            assertEquals(frames, port.flush(), "errno " + port.lastSendErrno());
            assertEquals(frames, port.sentFrames());
            assertEquals(0, port.sendErrors());
            VethLab.await("the peer counted " + frames + " frames", WAIT_MS,
                () -> VethLab.peerRxPackets() - before >= frames);
        }
    }

    @Test
    void framesSentFromThisHostAreNotReceivedBack()
    {
        try (AfPacketPort port = AfPacketPort.open(PORT_IF);
            AfPacketPort kernelPath = AfPacketPort.open(PORT_IF, new AfPacketPort.Context().qdiscBypass(false)))
        {
            final List<String> payloads = new ArrayList<>();
            final FrameHandler handler = (buffer, offset, length) ->
            {
                if (udpDestinationPort(buffer, offset, length) > 0)
                {
                    payloads.add(payload(buffer, offset, length));
                }
            };
            for (int i = 0; i < 10; i++)
            {
                final byte[] own = VethLab.udp(port.macAddress(), PEER_MAC, PORT_IP, "198.19.7.99", 4444, 9, "own");
                assertTrue(port.send(new UnsafeBuffer(own), 0, own.length));
                final byte[] other = VethLab.udp(port.macAddress(), PEER_MAC, PORT_IP, "198.19.7.99", 4444, 9,
                    "other socket");
                assertTrue(kernelPath.send(new UnsafeBuffer(other), 0, other.length));
            }
            assertEquals(10, port.flush());
            assertEquals(10, kernelPath.flush());
            VethLab.pythonInNs("import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n" +
                "s.sendto(b'sentinel', ('" + PORT_IP + "', 9999))\n");
            VethLab.await("the sentinel after the sent frames", WAIT_MS, () ->
            {
                port.receive(handler, 16);
                return payloads.contains("sentinel");
            });
            assertEquals(List.of("sentinel"), payloads, "neither its own frames nor another socket's");
            assertEquals(10, port.outgoingSkipped(), "the other socket's frames seen as PACKET_OUTGOING");
        }
    }

    @Test
    void tpacketV2ReceivesAtOnceAndSkipsOutgoingFrames()
    {
        try (AfPacketPort port = AfPacketPort.open(PORT_IF, new AfPacketPort.Context().tpacketVersion(2)
                .blockSizeBytes(1 << 16).blockCount(4));
            AfPacketPort kernelPath = AfPacketPort.open(PORT_IF, new AfPacketPort.Context().qdiscBypass(false)))
        {
            final List<String> payloads = new ArrayList<>();
            final FrameHandler handler = (buffer, offset, length) ->
            {
                if (udpDestinationPort(buffer, offset, length) > 0)
                {
                    payloads.add(payload(buffer, offset, length));
                }
            };
            for (int i = 0; i < 10; i++)
            {
                final byte[] other = VethLab.udp(port.macAddress(), PEER_MAC, PORT_IP, "198.19.7.99", 4444, 9,
                    "other socket");
                assertTrue(kernelPath.send(new UnsafeBuffer(other), 0, other.length));
            }
            assertEquals(10, kernelPath.flush());
            // Twice 100 datagrams (the sender runs to the end before the port reads): 210 frames through the
            // 128 slots of this small ring, so the walk wraps around.
            for (int round = 0; round < 2; round++)
            {
                VethLab.pythonInNs("import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n" +
                    "for i in range(" + round * 100 + ", " + (round + 1) * 100 + "):\n" +
                    "    s.sendto(b'v2 %d' % i, ('" + PORT_IP + "', 9999))\n");
                final int expected = (round + 1) * 100;
                VethLab.await(expected + " frames received", WAIT_MS, () ->
                {
                    port.receive(handler, 16);
                    return payloads.size() >= expected;
                });
            }
            assertEquals(0, port.kernelDrops(), "the ring kept up");
            assertEquals(200, payloads.size());
            for (int i = 0; i < 200; i++)
            {
                assertEquals("v2 " + i, payloads.get(i));
            }
            assertEquals(10, port.outgoingSkipped(), "the other socket's frames seen as PACKET_OUTGOING");
        }
    }

    @Test
    void pollIdleSleepsUntilAFrameArrives() throws Exception
    {
        try (AfPacketPort port = AfPacketPort.open(PORT_IF, new AfPacketPort.Context().tpacketVersion(2)
                .blockSizeBytes(1 << 16).blockCount(4)))
        {
            final PollIdleStrategy idle = new PollIdleStrategy(new int[] {port.fileDescriptor()}, 0, 20_000);
            final List<String> payloads = new ArrayList<>();
            final FrameHandler collect = (buffer, offset, length) ->
            {
                if (udpDestinationPort(buffer, offset, length) == 9999)
                {
                    payloads.add(payload(buffer, offset, length));
                }
            };
            while (port.receive(collect, 64) > 0)
            {
                Thread.onSpinWait(); // an empty ring: poll(2) has nothing to report yet
            }
            final CompletableFuture<Long> woken = CompletableFuture.supplyAsync(() ->
            {
                final long start = System.nanoTime();
                idle.idle(0);
                return System.nanoTime() - start;
            });
            VethLab.pythonInNs("import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n" +
                "s.sendto(b'wake', ('" + PORT_IP + "', 9999))\n");
            final long sleptNs = woken.get(10, TimeUnit.SECONDS);
            assertTrue(sleptNs < TimeUnit.SECONDS.toNanos(10), "woken by the frame, not the 20 s timeout");
            port.receive(collect, 64);
            assertTrue(payloads.contains("wake"), payloads.toString());

            final long start = System.nanoTime();
            final PollIdleStrategy shortSleep = new PollIdleStrategy(new int[] {port.fileDescriptor()}, 0, 50);
            shortSleep.idle(0);
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(40),
                "with nothing to read it sleeps until its timeout");
        }
    }

    @Test
    void closeIsPromptReleasesTheSocketAndStopsTheApi() throws Exception
    {
        final int fdsBefore = openFds();
        final AfPacketPort port = AfPacketPort.open(PORT_IF);
        assertEquals(fdsBefore + 1, openFds());
        final FrameHandler ignore = (buffer, offset, length) -> { };
        for (int i = 0; i < 1000; i++)
        {
            port.receive(ignore, 64);
        }
        final long start = System.nanoTime();
        port.close();
        final long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(closeMs < 500, "close took " + closeMs + " ms");
        assertEquals(fdsBefore, openFds(), "socket closed");
        assertEquals(0, port.receive(ignore, 64));
        final DirectBuffer frame = new UnsafeBuffer(new byte[64]);
        assertFalse(port.send(frame, 0, 64));
        assertEquals(0, port.flush());
        port.close();
    }

    @Test
    void kernelRefusalOfRingSettingsIsNamed()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> AfPacketPort.open(PORT_IF, new AfPacketPort.Context().blockSizeBytes(1000)));
        assertTrue(ex.getMessage().contains(PORT_IF) && ex.getMessage().contains("PACKET_RX_RING") &&
            ex.getMessage().contains("block 1000 B"), ex.getMessage());
    }

    @Test
    void fanoutSharesFlowsBetweenTwoPorts()
    {
        final int group = (int)(ProcessHandle.current().pid() & 0xffff);
        final AfPacketPort.Context context = new AfPacketPort.Context().fanoutGroup(group);
        try (AfPacketPort first = AfPacketPort.open(PORT_IF, context);
            AfPacketPort second = AfPacketPort.open(PORT_IF, context))
        {
            final Map<Integer, Set<Integer>> portsBySourcePort = new HashMap<>();
            final int[] counts = new int[2];
            final FrameHandler[] handlers = new FrameHandler[2];
            for (int p = 0; p < 2; p++)
            {
                final int which = p;
                handlers[p] = (buffer, offset, length) ->
                {
                    if (udpDestinationPort(buffer, offset, length) == 9999)
                    {
                        counts[which]++;
                        portsBySourcePort.computeIfAbsent(buffer.getShort(offset + 34, ByteOrder.BIG_ENDIAN) &
                            0xffff, k -> new HashSet<>()).add(which);
                    }
                };
            }
            VethLab.pythonInNs("import socket\nsocks = []\nfor p in range(20000, 20064):\n" +
                "    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n    s.bind(('" + PEER_IP + "', p))\n" +
                "    socks.append(s)\nfor i in range(8):\n    for s in socks:\n" +
                "        s.sendto(b'flow', ('" + PORT_IP + "', 9999))\n");
            VethLab.await("512 frames between the two ports", WAIT_MS, () ->
            {
                first.receive(handlers[0], 64);
                second.receive(handlers[1], 64);
                return counts[0] + counts[1] >= 512;
            });
            assertEquals(512, counts[0] + counts[1], "each frame to one socket only");
            assertTrue(counts[0] > 0 && counts[1] > 0, "both got a share: " + counts[0] + " / " + counts[1]);
            assertEquals(64, portsBySourcePort.size());
            portsBySourcePort.forEach((sourcePort, ports) ->
                assertEquals(1, ports.size(), "flow from port " + sourcePort + " went to one socket"));
        }
    }

    /**
     * A steered fanout group (PACKET_FANOUT_CBPF with {@link FanoutProgram}) puts every frame in the socket of
     * the worker {@link FlowShard} names: requests to the VIP by their source, other frames (NAT replies) by
     * their destination; checked frame by frame against the Java function, so the kernel's program and FlowShard
     * agree bit for bit.
     */
    @Test
    void steeredFanoutPutsEachFrameInTheSocketOfItsOwner()
    {
        final String other = "198.19.7.3";
        VethLab.inNs("ip neigh replace " + other + " lladdr " +
            NetInterfaces.formatMac(NetInterfaces.macAddress(PORT_IF)) + " dev eth0 nud permanent");
        final int group = (int)((ProcessHandle.current().pid() ^ 0x5a5a) & 0xffff);
        final FlowShard shard = new FlowShard(2, 0x1234_5678_9abc_def0L);
        final AfPacketPort.Context context = new AfPacketPort.Context().tpacketVersion(2).fanoutGroup(group)
            .fanoutSteered(shard.seed32());
        try (AfPacketPort first = AfPacketPort.open(PORT_IF, context);
            AfPacketPort second = AfPacketPort.open(PORT_IF, context))
        {
            first.steer(VipSet.of(new ServiceTable(1, List.of(new ServiceSpec(
                ServiceKey.of(ServiceKey.UDP, InetAddr.parse(PORT_IP), 9999), "rr", 0, 0, -1, List.of())))));
            final int[] counts = new int[2];
            final List<String> wrong = new ArrayList<>();
            final FrameHandler[] handlers = new FrameHandler[2];
            for (int p = 0; p < 2; p++)
            {
                final int which = p;
                handlers[p] = (buffer, offset, length) ->
                {
                    final int destinationPort = udpDestinationPort(buffer, offset, length);
                    if (destinationPort != 9999 && (destinationPort < 30000 || destinationPort >= 30064))
                    {
                        return;
                    }
                    counts[which]++;
                    final int source = buffer.getInt(offset + 26, ByteOrder.BIG_ENDIAN);
                    final int destination = buffer.getInt(offset + 30, ByteOrder.BIG_ENDIAN);
                    final int sourcePort = buffer.getShort(offset + 34, ByteOrder.BIG_ENDIAN) & 0xffff;
                    final int owner = destination == VethLab.ipv4(PORT_IP) ?
                        shard.owner4(ServiceKey.UDP, source, sourcePort) :
                        shard.owner4(ServiceKey.UDP, destination, destinationPort);
                    if (owner != which)
                    {
                        wrong.add(sourcePort + "->" + destinationPort + " in " + which + ", owner " + owner);
                    }
                };
            }
            VethLab.pythonInNs("import socket\nsocks = []\nfor p in range(20000, 20064):\n" +
                "    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n    s.bind(('" + PEER_IP + "', p))\n" +
                "    socks.append(s)\nfor s in socks:\n    s.sendto(b'request', ('" + PORT_IP + "', 9999))\n" +
                "r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nr.bind(('" + PEER_IP + "', 9999))\n" +
                "for p in range(30000, 30064):\n    r.sendto(b'reply', ('" + other + "', p))\n");
            VethLab.await("128 frames between the two sockets", WAIT_MS, () ->
            {
                first.receive(handlers[0], 64);
                second.receive(handlers[1], 64);
                return counts[0] + counts[1] >= 128;
            });
            assertEquals(128, counts[0] + counts[1], "each frame to one socket only");
            assertTrue(counts[0] > 16 && counts[1] > 16, "both got a share: " + counts[0] + " / " + counts[1]);
            assertEquals(List.of(), wrong, "every frame in its owner's socket");
            assertEquals(2, first.steeredPrograms(), "the program at open, then the one with the VIP");
        }
    }

    @Test
    void forwardingLoopAllocatesNothingPerFrame() throws Exception
    {
        final File config = VethLab.trafgenConfig();
        final Process trafgen = new ProcessBuilder("ip", "netns", "exec", NS, "trafgen", "--dev", "eth0",
            "--conf", config.getPath(), "-n", "300000", "-b", "100000pps", "-P", "1", "-C", "-Q")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (AfPacketPort port = AfPacketPort.open(PORT_IF))
        {
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long thread = Thread.currentThread().getId();
            final SendBack sendBack = new SendBack(port);
            VethLab.await("20,000 frames forwarded (warm-up)", WAIT_MS, () -> forward(port, sendBack) >= 0 &&
                sendBack.frames >= 20_000);
            final long framesBefore = sendBack.frames;
            final long bytesBefore = threads.getThreadAllocatedBytes(thread);
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (sendBack.frames - framesBefore < 50_000 && System.nanoTime() < deadline)
            {
                forward(port, sendBack);
            }
            final long allocated = threads.getThreadAllocatedBytes(thread) - bytesBefore;
            final long frames = sendBack.frames - framesBefore;
            assertTrue(frames >= 50_000, "frames forwarded while measured: " + frames);
            // A few hundred bytes to a few KiB are seen once (JIT, the MXBean itself); 16 B a frame would be 800 KB.
            assertTrue(allocated < 8192, allocated + " B allocated while forwarding " + frames + " frames");
            System.out.println("forwarding loop: " + allocated + " B allocated over " + frames + " frames");
            assertEquals(0, port.sendErrors(), "errno " + port.lastSendErrno());
        }
        finally
        {
            trafgen.descendants().forEach(ProcessHandle::destroyForcibly);
            trafgen.destroyForcibly();
            trafgen.waitFor(WAIT_MS, TimeUnit.MILLISECONDS);
            config.delete();
        }
    }

    private static int forward(final AfPacketPort port, final SendBack sendBack)
    {
        final int received = port.receive(sendBack, 64);
        port.flush();
        return received;
    }

    /**
     * Sends each frame back out as it is (the peer drops it: not its MAC), like a worker's DR rewrite.
     */
    private static final class SendBack implements FrameHandler
    {
        private final AfPacketPort port;
        private long frames;

        SendBack(final AfPacketPort port)
        {
            this.port = port;
        }

        @Override
        public void onFrame(final MutableDirectBuffer buffer, final int offset, final int length)
        {
            frames++;
            port.send(buffer, offset, length);
        }
    }

    private static int udpDestinationPort(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADERS_LENGTH || buffer.getShort(offset + 12, ByteOrder.BIG_ENDIAN) != 0x0800 ||
            buffer.getByte(offset + 23) != 17)
        {
            return -1;
        }
        return buffer.getShort(offset + 36, ByteOrder.BIG_ENDIAN) & 0xffff;
    }

    private static long mac(final DirectBuffer buffer, final int offset)
    {
        return ((buffer.getShort(offset, ByteOrder.BIG_ENDIAN) & 0xffffL) << 32) |
            (buffer.getInt(offset + 2, ByteOrder.BIG_ENDIAN) & 0xffff_ffffL);
    }

    private static String payload(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length - HEADERS_LENGTH];
        buffer.getBytes(offset + HEADERS_LENGTH, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static int openFds()
    {
        final String[] names = new File("/proc/self/fd").list();
        return names == null ? -1 : names.length;
    }
}
