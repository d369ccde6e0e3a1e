package org.jvs.director.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jvs.core.service.DestSpec;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.ServiceTable;
import org.jvs.director.net.Shell;

/**
 * Hides the traffic jvs forwards from the director's kernel with an nftables {@code netdev} table on jvs's
 * interfaces ({@value #TABLE}, one ingress chain per interface): frames to a VIP, and NAT replies from a real
 * server's address, protocol and port that are not addressed to one of the director's own addresses (health
 * check replies go to a DIP and stay the kernel's). The kernel then neither forwards them (even with
 * {@code ip_forward=1}) nor answers them, nor counts them as address errors. jvs still sees them: packet taps
 * (AF_PACKET, and libpcap over it) run before the ingress hook in {@code __netif_receive_skb_core}.
 * <p>
 * The table is made at start in one transaction that first deletes a table of that name left by a jvs that
 * died, its sets follow every table change, and it is deleted at stop. Not covered: fwmark services and real
 * servers on port 0 (the kernel keeps seeing their NAT replies; with {@code ip_forward=0} it drops them).
 */
final class KernelFilter
{
    /** The nftables table's name. */
    static final String TABLE = "jvs_director";

    private final Log log;
    private boolean installed;
    private String elements = "";

    KernelFilter(final Log log)
    {
        this.log = log;
    }

    /**
     * Make the table (replacing one a crashed jvs left).
     *
     * @param interfaces   jvs's interfaces.
     * @param ownAddresses the director's own addresses, host order.
     * @param table        the services now served.
     * @throws IOException when nft is missing or refuses the table, with its message.
     */
    void install(final List<String> interfaces, final int[] ownAddresses, final ServiceTable table)
        throws IOException
    {
        final StringBuilder script = new StringBuilder()
            .append("table netdev ").append(TABLE).append('\n')
            .append("delete table netdev ").append(TABLE).append('\n')
            .append("table netdev ").append(TABLE).append(" {\n")
            .append("  set vips { type ipv4_addr; }\n")
            .append("  set own { type ipv4_addr; }\n")
            .append("  set nat_reals { type ipv4_addr . inet_proto . inet_service; }\n");
        for (int i = 0; i < interfaces.size(); i++)
        {
            script.append("  chain in_").append(i).append(" {\n")
                .append("    type filter hook ingress device \"").append(interfaces.get(i))
                .append("\" priority -500; policy accept;\n")
                .append("    ip daddr @vips counter drop comment \"to a VIP: jvs forwards it\"\n")
                .append("    ip daddr != @own ip saddr . meta l4proto . th sport @nat_reals counter drop ")
                .append("comment \"NAT reply: jvs forwards it\"\n")
                .append("  }\n");
        }
        script.append("}\n");
        if (ownAddresses.length > 0)
        {
            script.append("add element netdev ").append(TABLE).append(" own { ");
            for (int i = 0; i < ownAddresses.length; i++)
            {
                script.append(i == 0 ? "" : ", ").append(InetAddr.ipv4(ownAddresses[i]));
            }
            script.append(" }\n");
        }
        script.append(elements(table));
        nft(script.toString());
        installed = true;
        elements = elements(table);
        log.info("nftables table netdev " + TABLE + " hides VIP traffic and NAT replies from this host's kernel " +
            "on " + String.join(", ", interfaces));
    }

    /**
     * Follow a table change (control plane; runs nft when the VIPs or NAT real servers changed).
     *
     * @param table the services now served.
     */
    void update(final ServiceTable table)
    {
        final String wanted = elements(table);
        if (!installed || wanted.equals(elements))
        {
            return;
        }
        try
        {
            nft("flush set netdev " + TABLE + " vips\nflush set netdev " + TABLE + " nat_reals\n" + wanted);
            elements = wanted;
        }
        catch (final IOException ex)
        {
            log.info("warning: nftables table " + TABLE + " not updated: " + ex.getMessage());
        }
    }

    /**
     * Delete the table (at stop).
     */
    void remove()
    {
        if (!installed)
        {
            return;
        }
        installed = false;
        try
        {
            nft("delete table netdev " + TABLE + "\n");
        }
        catch (final IOException ex)
        {
            log.info("warning: nftables table " + TABLE + " not deleted: " + ex.getMessage());
        }
    }

    /**
     * @return the {@code add element} lines for the VIPs and NAT real servers of a table (empty sets: none).
     */
    static String elements(final ServiceTable table)
    {
        final Set<String> vips = new TreeSet<>();
        final Set<String> reals = new TreeSet<>();
        for (final ServiceSpec service : table.services())
        {
            final ServiceKey key = service.key();
            if (key.isFwmark() || key.address().isIpv6())
            {
                continue;
            }
            vips.add(key.address().toString());
            final String protocol = ServiceKey.protocolName(key.protocol()).toLowerCase(java.util.Locale.ROOT);
            for (final DestSpec dest : service.servers())
            {
                if (dest.forwardMethod() == ForwardMethod.MASQ && !dest.address().isIpv6() && dest.port() != 0 &&
                    !"ip".equals(protocol))
                {
                    reals.add(dest.address() + " . " + protocol + " . " + dest.port());
                }
            }
        }
        final StringBuilder lines = new StringBuilder();
        if (!vips.isEmpty())
        {
            lines.append("add element netdev ").append(TABLE).append(" vips { ")
                .append(String.join(", ", vips)).append(" }\n");
        }
        if (!reals.isEmpty())
        {
            lines.append("add element netdev ").append(TABLE).append(" nat_reals { ")
                .append(String.join(", ", reals)).append(" }\n");
        }
        return lines.toString();
    }

    private static void nft(final String script) throws IOException
    {
        final Path file = Files.createTempFile("jvs-nft", ".nft");
        try
        {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Shell.run("nft", "-f", file.toString());
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }
}
