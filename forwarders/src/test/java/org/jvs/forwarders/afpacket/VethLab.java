package org.jvs.forwarders.afpacket;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jvs.forwarders.port.NetInterfaces;

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
    private static final long COMMAND_TIMEOUT_MS = 30_000;

    private VethLab()
    {
    }

    static void build()
    {
        remove();
        sh("ip netns add " + NS);
        sh("ip link add " + PORT_IF + " type veth peer name eth0 netns " + NS);
        sh("sysctl -q -w net.ipv6.conf." + PORT_IF + ".disable_ipv6=1 net.ipv4.conf." + PORT_IF + ".forwarding=0");
        sh("ethtool -K " + PORT_IF + " tx off tso off gso off gro off >/dev/null");
        sh("ip link set " + PORT_IF + " up");
        inNs("sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1");
        inNs("ip link set lo up");
        inNs("ip link set eth0 address " + NetInterfaces.formatMac(PEER_MAC));
        inNs("ip addr add " + PEER_IP + "/24 dev eth0");
        inNs("ethtool -K eth0 tx off tso off gso off gro off >/dev/null");
        inNs("ip link set eth0 up");
        inNs("ip neigh replace " + PORT_IP + " lladdr " +
            NetInterfaces.formatMac(NetInterfaces.macAddress(PORT_IF)) + " dev eth0 nud permanent");
    }

    static void remove()
    {
        run("sh", "-c", "ip netns delete " + NS + " 2>/dev/null; ip link delete " + PORT_IF + " 2>/dev/null; true");
    }

    static void sh(final String command)
    {
        final String[] result = run("sh", "-c", command);
        if (!"0".equals(result[0]))
        {
            throw new IllegalStateException(command + ": exit " + result[0] + "\n" + result[1] + result[2]);
        }
    }

    static void inNs(final String command)
    {
        sh("ip netns exec " + NS + " sh -c '" + command + "'");
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
        File out = null;
        File err = null;
        try
        {
            out = File.createTempFile("afp-test-out", ".txt");
            err = File.createTempFile("afp-test-err", ".txt");
            final Process process = new ProcessBuilder(List.of(command))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out).redirectError(err).start();
            if (!process.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": still running after " +
                    COMMAND_TIMEOUT_MS + " ms");
            }
            return new String[] {Integer.toString(process.exitValue()),
                Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8)};
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + ex, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), ex);
        }
        finally
        {
            if (out != null)
            {
                out.delete();
            }
            if (err != null)
            {
                err.delete();
            }
        }
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
     * An Ethernet + IPv4 + UDP frame with a correct IPv4 checksum and UDP checksum 0 (none, valid in IPv4).
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
        final byte[] data = payload.getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer frame = ByteBuffer.allocate(HEADERS_LENGTH + data.length).order(ByteOrder.BIG_ENDIAN);
        frame.putShort((short)(destinationMac >>> 32)).putInt((int)destinationMac);
        frame.putShort((short)(sourceMac >>> 32)).putInt((int)sourceMac);
        frame.putShort((short)0x0800);
        frame.put((byte)0x45).put((byte)0).putShort((short)(20 + 8 + data.length));
        frame.putShort((short)0).putShort((short)0x4000).put((byte)64).put((byte)17).putShort((short)0);
        frame.putInt(ipv4(sourceIp)).putInt(ipv4(destinationIp));
        frame.putShort((short)sourcePort).putShort((short)destinationPort).putShort((short)(8 + data.length))
            .putShort((short)0);
        frame.put(data);
        final byte[] bytes = frame.array();
        long sum = 0;
        for (int i = 14; i < 34; i += 2)
        {
            sum += ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        final int checksum = (int)(~sum & 0xffff);
        bytes[24] = (byte)(checksum >>> 8);
        bytes[25] = (byte)checksum;
        return bytes;
    }

    static int ipv4(final String dotted)
    {
        final String[] parts = dotted.split("\\.");
        int address = 0;
        for (final String part : parts)
        {
            address = (address << 8) | Integer.parseInt(part);
        }
        return address;
    }
}
