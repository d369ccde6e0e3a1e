package org.jvs.forwarders.afpacket;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jvs.forwarders.port.NetInterfaces;
import org.jvs.forwarders.port.Processes;
import org.jvs.forwarders.port.TestFrames;
import org.jvs.forwarders.port.VethPair;

/**
 * A veth pair for the AF_PACKET tests: one end, {@link #PORT_IF}, stays in the test JVM's network namespace
 * (the port opens interfaces of its own namespace) with no address and IPv4 forwarding off on it, so the
 * root namespace's kernel neither answers nor forwards what arrives there; the other end, eth0, lives in the
 * namespace {@link #NS} with {@link #PEER_IP}, where the kernel's own sockets send and receive. Names carry
 * this JVM's pid (so concurrent builds do not collide) and do not start with "jvs-" (other tests remove
 * those). Offloads are off on both ends, as the director turns them off.
 */
final class VethLab
{
    static final String NS = "afp-b" + ProcessHandle.current().pid();
    static final String PORT_IF = "afp" + ProcessHandle.current().pid();
    static final String PEER_IP = "198.19.7.2";
    static final String PORT_IP = "198.19.7.1";
    static final long PEER_MAC = 0x02_6a_76_19_07_02L;
    static final int HEADERS_LENGTH = 14 + 20 + 8;

    private VethLab()
    {
    }

    static void build()
    {
        VethPair.build(NS, PORT_IF, PEER_IP, PORT_IP, PEER_MAC);
    }

    static void remove()
    {
        VethPair.remove(NS, PORT_IF);
    }

    static void sh(final String command)
    {
        VethPair.sh(command);
    }

    static void inNs(final String command)
    {
        VethPair.inNs(NS, command);
    }

    /**
     * Runs python3 in the peer namespace, bounded.
     *
     * @param program the program text.
     */
    static void pythonInNs(final String program)
    {
        final String[] result = run("ip", "netns", "exec", NS, "python3", "-c", program);
        if (!"0".equals(result[0]))
        {
            throw new IllegalStateException("python3 in " + NS + ": exit " + result[0] + "\n" + result[2]);
        }
    }

    /**
     * @return a trafgen configuration file (the caller deletes it): 60-byte UDP frames from the peer to the
     *         port's MAC, 198.19.7.2:4000 to 198.19.7.1:9999.
     */
    static File trafgenConfig()
    {
        try
        {
            final File config = File.createTempFile("afp-trafgen", ".cfg");
            Files.writeString(config.toPath(), "{ eth(da=" + NetInterfaces.formatMac(NetInterfaces.macAddress(
                PORT_IF)) + ", sa=" + NetInterfaces.formatMac(PEER_MAC) + "), ipv4(sa=" + PEER_IP + ", da=" +
                PORT_IP + "), udp(sp=4000, dp=9999), fill(0x00, 18) }\n", StandardCharsets.US_ASCII);
            return config;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot write a trafgen configuration: " + ex, ex);
        }
    }

    static long peerRxPackets()
    {
        final String[] result = run("ip", "netns", "exec", NS, "cat", "/sys/class/net/eth0/statistics/rx_packets");
        return Long.parseLong(result[1].trim());
    }

    static String[] run(final String... command)
    {
        return Processes.run(command);
    }

    static void await(final String what, final long timeoutMs, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("not within " + timeoutMs + " ms: " + what);
            }
            Thread.onSpinWait();
        }
    }

    /**
     * An Ethernet + IPv4 + UDP frame with correct checksums.
     */
    static byte[] udp(
        final long sourceMac,
        final long destinationMac,
        final String sourceIp,
        final String destinationIp,
        final int sourcePort,
        final int destinationPort,
        final String payload)
    {
        return TestFrames.udp(sourceMac, destinationMac, sourceIp, destinationIp, sourcePort, destinationPort,
            payload);
    }

    static int ipv4(final String dotted)
    {
        return TestFrames.ipv4(dotted);
    }
}
