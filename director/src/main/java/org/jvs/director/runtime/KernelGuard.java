package org.jvs.director.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.VipSet;
import org.jvs.director.net.InterfaceInfo;
import org.jvs.director.net.Shell;

/**
 * Keeps the director's kernel out of the way of the traffic jvs forwards: the kernel must not hold a VIP (it
 * would answer a SYN with a RST and UDP with ICMP port unreachable) and should not forward (it would forward
 * what jvs forwards, a second time). Offloads that put partial checksums or merged segments into captured frames
 * are turned off on jvs's interfaces, as a real wire carries whole frames (PACKET-IO-NOTES).
 */
final class KernelGuard
{
    private KernelGuard()
    {
    }

    /**
     * @param table the services about to be served.
     * @throws IllegalStateException naming the VIP and interface when the kernel holds a VIP.
     * @throws IOException when {@code ip} fails.
     */
    static void checkVipsNotOnKernel(final ServiceTable table) throws IOException
    {
        final Set<Integer> kernel = new HashSet<>();
        for (final InterfaceInfo.Prefix p : InterfaceInfo.allKernelAddresses())
        {
            kernel.add(p.address());
        }
        for (final int vip : VipSet.of(table).addresses())
        {
            if (kernel.contains(vip))
            {
                throw new IllegalStateException("VIP " + InetAddr.ipv4(vip) + " is an address of this host's " +
                    "kernel: it would answer SYNs to it with RST; remove it (ip addr del) and let jvs own it");
            }
        }
    }

    /**
     * @param log where the findings go.
     */
    static void warnIfForwarding(final Log log)
    {
        try
        {
            if ("1".equals(Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).trim()))
            {
                log.info("warning: net.ipv4.ip_forward=1: the kernel would forward VIP traffic too; " +
                    "set it to 0 on a jvs director");
            }
        }
        catch (final IOException ex)
        {
            log.info("warning: cannot read net.ipv4.ip_forward: " + ex.getMessage());
        }
    }

    /**
     * Turn off checksum and segmentation offloads on the interfaces, logging what was done.
     *
     * @param interfaces interface names.
     * @param log        where it is said.
     */
    static void disableOffloads(final List<String> interfaces, final Log log)
    {
        for (final String name : interfaces)
        {
            try
            {
                Shell.run("ethtool", "-K", name, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
                log.info(name + ": tx checksum, tso, gso and gro offloads turned off (frames jvs forwards must " +
                    "carry whole checksums and wire-sized segments)");
            }
            catch (final IOException ex)
            {
                log.info("warning: " + name + ": could not turn offloads off: " + ex.getMessage());
            }
        }
    }
}
