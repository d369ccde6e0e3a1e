package org.jvs.director.realserver;

import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.forwarders.port.NetInterfaces;
import org.jvs.forwarders.port.Pcap4jPort;

/**
 * {@code jvs realserver tun-decap}: the user-space stand-in for the kernel's ipip module on an LVS-TUN real
 * server. Captures IPIP frames for this host on one interface (libpcap, kernel filter {@code ip proto 4}),
 * decapsulates them ({@link TunDecapsulator}) and writes each inner packet into a TUN device, where the
 * kernel receives it and delivers it to the VIP held on lo; the real server's answer (source VIP) leaves by
 * its normal route, straight to the client. Runs until SIGTERM or SIGINT, then undoes its kernel settings
 * and prints its counters.
 */
public final class TunDecap
{
    /** Kernel filter for the capture. */
    public static final String BPF_FILTER = "ip proto 4";

    private static final long MAX_PARK_NS = 1_000_000L;
    private static final int CAPTURE_BUFFER_BYTES = 16 << 20;

    private final TunDecapOptions options;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param options parsed arguments.
     * @param out     standard output: the ready line and the counters.
     * @param err     standard error: warnings.
     */
    public TunDecap(final TunDecapOptions options, final PrintStream out, final PrintStream err)
    {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /**
     * @param interfaceName an interface of this network namespace.
     * @throws IllegalArgumentException naming it when it does not exist.
     */
    public static void requireInterface(final String interfaceName)
    {
        try
        {
            NetInterfaces.mtu(interfaceName);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("tun-decap: no interface '" + interfaceName +
                "' in this network namespace", ex);
        }
    }

    /**
     * @return every IPv4 address of this network namespace (outer destinations accepted), first octet highest.
     * @throws SocketException when the interfaces cannot be listed.
     */
    public static int[] localAddresses() throws SocketException
    {
        final List<Integer> addresses = new ArrayList<>();
        for (final NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces()))
        {
            for (final InetAddress address : Collections.list(nif.getInetAddresses()))
            {
                if (address instanceof Inet4Address)
                {
                    final byte[] b = address.getAddress();
                    addresses.add(((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
                }
            }
        }
        return addresses.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Set everything up, print the ready line, run until a signal, tear down, print the counters.
     *
     * @return exit status: 0 after a clean stop.
     * @throws Exception when setting up fails (nothing is left behind).
     */
    public int run() throws Exception
    {
        final String ifname = options.interfaceName();
        requireInterface(ifname);
        final int[] local = localAddresses();
        warnAboutVips(local);
        // first, so a SIGTERM during set-up is remembered and still leads through the tear-down below
        final ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
        try (TunDevice tun = TunDevice.open(options.tunName());
            KernelSetup kernel = new KernelSetup())
        {
            setUpKernel(kernel, tun.name(), ifname);
            final TunDecapsulator decapsulator = new TunDecapsulator(local, options.vips(), tun);
            final AtomicLong errors = new AtomicLong();
            try (Pcap4jPort port = Pcap4jPort.open(ifname, BPF_FILTER, captureContext(ifname));
                AgentRunner runner = new AgentRunner(
                    new BackoffIdleStrategy(100, 10, 1_000, MAX_PARK_NS),
                    (throwable) -> onAgentError(errors, throwable),
                    null,
                    new TunDecapAgent(port, decapsulator)))
            {
                AgentRunner.startOnThread(runner);
                out.println("tun-decap: " + ifname + " -> " + tun.name() + " ready");
                out.flush();
                barrier.await();
            }
            if (!options.quiet())
            {
                out.println("tun-decap: " + ifname + " -> " + tun.name() + " stopped: " + decapsulator.summary() +
                    (tun.writeErrors() > 0 ? "; last TUN write error: " + tun.lastError() : "") +
                    (errors.get() > 0 ? "; agent errors " + errors.get() : ""));
                out.flush();
            }
        }
        return 0;
    }

    /**
     * libpcap in immediate mode uses a ring of fixed-size slots, sized by the snaplen when the interface has
     * offloads (GRO/GSO) on: with a 64 KiB snaplen an 8 MiB buffer then holds about 120 frames, which a
     * descheduled reader overflows in milliseconds (measured: 15k of 120k flooded frames kept, against 42k with
     * this context, same load). An IPIP frame is at most the MTU plus an Ethernet header and a VLAN tag.
     *
     * @param ifname capture interface.
     * @return sizes for the capture.
     */
    static Pcap4jPort.Context captureContext(final String ifname)
    {
        return new Pcap4jPort.Context()
            .snaplenBytes(NetInterfaces.mtu(ifname) + EthernetFlyweight.TAGGED_HEADER_LENGTH)
            .bufferSizeBytes(CAPTURE_BUFFER_BYTES)
            .readTimeoutMs(1);
    }

    private void setUpKernel(final KernelSetup kernel, final String tunName, final String ifname)
    {
        if (KernelSetup.hasSysctl("net/ipv6/conf/" + tunName + "/disable_ipv6"))
        {
            kernel.sysctl("net/ipv6/conf/" + tunName + "/disable_ipv6", "1", false);
        }
        kernel.sysctl("net/ipv4/conf/" + tunName + "/rp_filter", "0", false);
        kernel.sysctl("net/ipv4/conf/all/rp_filter", "0", true);
        kernel.linkUp(tunName, NetInterfaces.mtu(ifname));
        try
        {
            kernel.dropIpipInput(ifname);
        }
        catch (final IllegalStateException ex)
        {
            err.println("tun-decap: warning: " + ex.getMessage() + ": the kernel will answer each IPIP packet with " +
                "ICMP protocol unreachable (decapsulation still works)");
        }
        if (!options.quiet())
        {
            out.println("tun-decap: capturing '" + BPF_FILTER + "' on " + ifname + ", inner packets into " + tunName +
                "; nftables table ip " + KernelSetup.nftTableName(ifname) + " drops protocol 4 on " + ifname +
                " in the input hook");
        }
    }

    private void warnAboutVips(final int[] local)
    {
        for (final int vip : options.vips())
        {
            boolean found = false;
            for (final int address : local)
            {
                found |= address == vip;
            }
            if (!found)
            {
                err.println("tun-decap: warning: VIP " + TunDecapOptions.formatIpv4(vip) + " is not an address of " +
                    "this host: the kernel will not deliver it locally (ip addr add VIP/32 dev lo)");
            }
        }
    }

    private void onAgentError(final AtomicLong errors, final Throwable throwable)
    {
        if (errors.getAndIncrement() == 0)
        {
            err.println("tun-decap: agent error (further ones only counted): " + throwable);
        }
    }
}
