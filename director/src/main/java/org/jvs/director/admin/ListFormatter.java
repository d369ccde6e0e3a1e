package org.jvs.director.admin;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.jvs.core.service.DestSpec;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.VirtualService;
import org.jvs.director.control.ConnectionEntry;
import org.jvs.director.control.Counters;
import org.jvs.director.control.Timeouts;

/**
 * Prints the table the way ipvsadm 1.31 prints it ({@code list_all}, {@code print_title},
 * {@code print_service_entry}, {@code print_largenum}, {@code list_conn}, {@code list_timeout}), column for
 * column: scripts parse this output. Addresses and ports are always numeric ({@code -n} or not): jvs does no
 * reverse lookups.
 */
final class ListFormatter
{
    /** The IPVS version ipvsadm's header names (1.2.1 since Linux 2.6.10). */
    static final String IPVS_VERSION = "1.2.1";

    private static final int SCHED_FLAGS =
        VirtualService.F_SCHED1 | VirtualService.F_SCHED2 | VirtualService.F_SCHED3;
    private static final int IPV4_SERVICE_NAME_MAX = 33;
    private static final int IPV4_DEST_NAME_MAX = 28;
    private static final int SECONDS_PER_MINUTE = 60;

    private final AdminContext context;
    private final Counters counters = new Counters();

    /**
     * @param context where the table, counters and connections come from.
     */
    ListFormatter(final AdminContext context)
    {
        this.context = context;
    }

    /**
     * {@code ipvsadm -L} (and {@code -S} with {@link Invocation#FMT_RULE}).
     *
     * @param format FMT_* flags.
     * @param out    where to print.
     */
    void listAll(final int format, final PrintStream out)
    {
        if ((format & Invocation.FMT_RULE) == 0)
        {
            out.printf("IP Virtual Server version %s (size=%d)%n", IPVS_VERSION, context.connectionTableSize());
        }
        final List<ServiceSpec> services = new ArrayList<>(context.rules().table().services());
        if ((format & Invocation.FMT_NOSORT) == 0)
        {
            services.sort(ListFormatter::compareServices);
        }
        printTitle(format, out);
        for (final ServiceSpec service : services)
        {
            printService(service, format, out);
        }
    }

    /**
     * {@code ipvsadm -L -t ...}: one service, no version header.
     *
     * @param spec   the service.
     * @param format FMT_* flags.
     * @param out    where to print.
     */
    void listService(final ServiceSpec spec, final int format, final PrintStream out)
    {
        printTitle(format, out);
        printService(spec, format, out);
    }

    /**
     * {@code ipvsadm --timeout}.
     *
     * @param timeouts the timeouts.
     * @param out      where to print.
     */
    static void listTimeout(final Timeouts timeouts, final PrintStream out)
    {
        out.printf("Timeout (tcp tcpfin udp): %d %d %d%n", timeouts.tcpS(), timeouts.tcpFinS(), timeouts.udpS());
    }

    /**
     * {@code ipvsadm -L -c}.
     *
     * @param format FMT_* flags.
     * @param out    where to print.
     */
    void listConnections(final int format, final PrintStream out)
    {
        out.print("IPVS connection entries\n");
        if ((format & Invocation.FMT_PERSISTENTCONN) != 0)
        {
            out.printf("pro expire %-11s %-18s %-18s %-18s %-16s %s%n",
                "state", "source", "virtual", "destination", "pe name", "pe_data");
        }
        else
        {
            out.printf("pro expire %-11s %-18s %-18s %s%n", "state", "source", "virtual", "destination");
        }
        for (final ConnectionEntry entry : context.connections().connections())
        {
            final long minutes = entry.expiresS() / SECONDS_PER_MINUTE;
            final long seconds = entry.expiresS() % SECONDS_PER_MINUTE;
            out.printf("%-3s %-6s %-11s %-18s %-18s %s%n",
                entry.protocol(), String.format("%02d:%02d", minutes, seconds), entry.state(),
                addressPort(entry.clientAddress(), entry.clientPort()),
                addressPort(entry.virtualAddress(), entry.virtualPort()),
                addressPort(entry.destAddress(), entry.destPort()));
        }
    }

    private static void printTitle(final int format, final PrintStream out)
    {
        if ((format & Invocation.FMT_STATS) != 0)
        {
            out.printf("%-33s %8s %8s %8s %8s %8s%n  -> RemoteAddress:Port%n",
                "Prot LocalAddress:Port", "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes");
        }
        else if ((format & Invocation.FMT_RATE) != 0)
        {
            out.printf("%-33s %8s %8s %8s %8s %8s%n  -> RemoteAddress:Port%n",
                "Prot LocalAddress:Port", "CPS", "InPPS", "OutPPS", "InBPS", "OutBPS");
        }
        else if ((format & Invocation.FMT_THRESHOLDS) != 0)
        {
            out.printf("%-33s %-10s %-10s %-10s %-10s%n  -> RemoteAddress:Port%n",
                "Prot LocalAddress:Port", "Uthreshold", "Lthreshold", "ActiveConn", "InActConn");
        }
        else if ((format & Invocation.FMT_PERSISTENTCONN) != 0)
        {
            out.printf("%-33s %-9s %-11s %-10s %-10s%n  -> RemoteAddress:Port%n",
                "Prot LocalAddress:Port", "Weight", "PersistConn", "ActiveConn", "InActConn");
        }
        else if ((format & Invocation.FMT_RULE) == 0)
        {
            out.print("Prot LocalAddress:Port Scheduler Flags\n" +
                "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        }
    }

    private void printService(final ServiceSpec service, final int format, final PrintStream out)
    {
        final String name = serviceName(service.key(), format);
        if ((format & Invocation.FMT_RULE) != 0)
        {
            printServiceRule(service, name, out);
        }
        else if ((format & (Invocation.FMT_STATS | Invocation.FMT_RATE)) != 0)
        {
            context.stats().service(service.key(), counters.reset());
            out.printf("%-33s", name);
            printCounters(counters, format, out);
        }
        else
        {
            printServiceLine(service, name, out);
        }
        out.print('\n');
        final List<DestSpec> servers = new ArrayList<>(service.servers());
        if ((format & Invocation.FMT_NOSORT) == 0)
        {
            servers.sort(ListFormatter::compareDests);
        }
        for (final DestSpec dest : servers)
        {
            printDest(service, name, dest, format, out);
        }
    }

    private static void printServiceRule(final ServiceSpec service, final String name, final PrintStream out)
    {
        out.print("-A " + name + " -s " + service.schedulerName());
        if (service.isPersistent())
        {
            out.print(" -p " + service.persistenceTimeoutS());
            final String mask = netmask(service);
            if (mask != null)
            {
                out.print(" -M " + mask);
            }
        }
        if ((service.flags() & VirtualService.F_ONEPACKET) != 0)
        {
            out.print(" -o");
        }
        if ((service.flags() & SCHED_FLAGS) != 0)
        {
            out.print(" -b " + schedFlags(service));
        }
    }

    private static void printServiceLine(final ServiceSpec service, final String name, final PrintStream out)
    {
        out.print(name + " " + service.schedulerName());
        if ((service.flags() & SCHED_FLAGS) != 0)
        {
            out.print(" (" + schedFlags(service) + ")");
        }
        if (service.isPersistent())
        {
            out.print(" persistent " + service.persistenceTimeoutS());
            final String mask = netmask(service);
            if (mask != null)
            {
                out.print(" mask " + mask);
            }
        }
        if ((service.flags() & VirtualService.F_ONEPACKET) != 0)
        {
            out.print(" ops");
        }
    }

    private void printDest(
        final ServiceSpec service, final String serviceName, final DestSpec dest, final int format,
        final PrintStream out)
    {
        String name = addressPort(dest.address(), dest.port());
        if ((format & Invocation.FMT_RULE) != 0)
        {
            out.printf("-a %s -r %s %s -w %d%s%n", serviceName, name, dest.forwardMethod().option(), dest.weight(),
                dest.forwardMethod() == ForwardMethod.TUNNEL ? " --tun-type ipip" : "");
            return;
        }
        if (!dest.address().isIpv6() && name.length() > IPV4_DEST_NAME_MAX)
        {
            name = name.substring(0, IPV4_DEST_NAME_MAX);
        }
        context.stats().server(service.key(), dest.address(), dest.port(), counters.reset());
        if ((format & Invocation.FMT_STATS) != 0)
        {
            out.printf("  -> %-28s", name);
            printCounters(counters, format, out);
            out.print('\n');
        }
        else if ((format & Invocation.FMT_RATE) != 0)
        {
            out.printf("  -> %-28s %8d %8d %8d", name, counters.cps(), counters.inPps(), counters.outPps());
            printLargeNumber(counters.inBps(), format, out);
            printLargeNumber(counters.outBps(), format, out);
            out.print('\n');
        }
        else if ((format & Invocation.FMT_THRESHOLDS) != 0)
        {
            out.printf("  -> %-28s %-10d %-10d %-10d %-10d%n", name, dest.upperThreshold(), dest.lowerThreshold(),
                counters.activeConns(), counters.inactiveConns());
        }
        else if ((format & Invocation.FMT_PERSISTENTCONN) != 0)
        {
            out.printf("  -> %-28s %-9d %-11d %-10d %-10d%n", name, dest.weight(), counters.persistentConns(),
                counters.activeConns(), counters.inactiveConns());
        }
        else
        {
            out.printf("  -> %-28s %-7s %-6d %-10d %-10d%n", name, dest.forwardMethod().ipvsadmName(), dest.weight(),
                counters.activeConns(), counters.inactiveConns());
        }
    }

    private static void printCounters(final Counters counters, final int format, final PrintStream out)
    {
        if ((format & Invocation.FMT_STATS) != 0)
        {
            printLargeNumber(counters.conns(), format, out);
            printLargeNumber(counters.inPackets(), format, out);
            printLargeNumber(counters.outPackets(), format, out);
            printLargeNumber(counters.inBytes(), format, out);
            printLargeNumber(counters.outBytes(), format, out);
            return;
        }
        printLargeNumber(counters.cps(), format, out);
        printLargeNumber(counters.inPps(), format, out);
        printLargeNumber(counters.outPps(), format, out);
        printLargeNumber(counters.inBps(), format, out);
        printLargeNumber(counters.outBps(), format, out);
    }

    /**
     * ipvsadm's {@code print_largenum}: 9 columns, shortened with K, M, G or T from 100 million on, unless
     * {@code --exact}.
     *
     * @param value  an unsigned 64-bit counter.
     * @param format FMT_* flags.
     * @param out    where to print.
     */
    static void printLargeNumber(final long value, final int format, final PrintStream out)
    {
        final String digits = Long.toUnsignedString(value);
        if ((format & Invocation.FMT_EXACT) != 0)
        {
            final int width = digits.length() <= 8 ? 9 : digits.length() + 1;
            out.print(" ".repeat(width - digits.length()) + digits);
            return;
        }
        if (Long.compareUnsigned(value, 100_000_000L) < 0)
        {
            out.printf("%9s", digits);
        }
        else if (Long.compareUnsigned(value, 1_000_000_000L) < 0)
        {
            out.printf("%8sK", Long.divideUnsigned(value, 1_000L));
        }
        else if (Long.compareUnsigned(value, 100_000_000_000L) < 0)
        {
            out.printf("%8sM", Long.divideUnsigned(value, 1_000_000L));
        }
        else if (Long.compareUnsigned(value, 100_000_000_000_000L) < 0)
        {
            out.printf("%8sG", Long.divideUnsigned(value, 1_000_000_000L));
        }
        else
        {
            out.printf("%8sT", Long.toUnsignedString(Long.divideUnsigned(value, 1_000_000_000_000L)));
        }
    }

    private static String serviceName(final ServiceKey key, final int format)
    {
        final boolean rule = (format & Invocation.FMT_RULE) != 0;
        final boolean ipv6 = key.family() == InetAddr.AF_INET6;
        if (key.isFwmark())
        {
            final String mark = Integer.toUnsignedString(key.fwmark());
            return rule ? "-f " + mark + (ipv6 ? " -6" : "") : "FWM  " + mark + (ipv6 ? " IPv6" : "");
        }
        final String addressPort = addressPort(key.address(), key.port());
        if (rule)
        {
            return protocolOption(key.protocol()) + " " + addressPort;
        }
        final String name = String.format("%-4s %s", protocolName(key.protocol()), addressPort);
        return !ipv6 && name.length() > IPV4_SERVICE_NAME_MAX ? name.substring(0, IPV4_SERVICE_NAME_MAX) : name;
    }

    private static String protocolOption(final int protocol)
    {
        switch (protocol)
        {
            case ServiceKey.TCP:
                return "-t";
            case ServiceKey.UDP:
                return "-u";
            case ServiceKey.SCTP:
                return "--sctp-service";
            default:
                return "--xxx-service";
        }
    }

    private static String protocolName(final int protocol)
    {
        switch (protocol)
        {
            case ServiceKey.TCP:
                return "TCP";
            case ServiceKey.UDP:
                return "UDP";
            case ServiceKey.SCTP:
                return "SCTP";
            default:
                return "?";
        }
    }

    /**
     * @param address an address.
     * @param port    a port.
     * @return {@code a.b.c.d:port} or {@code [v6]:port}, as ipvsadm's {@code addrport_to_anyname} with -n.
     */
    static String addressPort(final InetAddr address, final int port)
    {
        return address.isIpv6() ? "[" + address + "]:" + port : address + ":" + port;
    }

    private static String netmask(final ServiceSpec service)
    {
        if (service.key().family() == InetAddr.AF_INET6)
        {
            return service.netmask() != 128 ? Integer.toString(service.netmask()) : null;
        }
        return service.netmask() != 0xFFFFFFFF ? InetAddr.ipv4(service.netmask()).toString() : null;
    }

    private static String schedFlags(final ServiceSpec service)
    {
        final int flags = service.flags();
        final List<String> names = new ArrayList<>();
        final String scheduler = service.schedulerName();
        if ("sh".equals(scheduler) || "mh".equals(scheduler))
        {
            addIf(names, (flags & VirtualService.F_SCHED1) != 0, scheduler + "-fallback");
            addIf(names, (flags & VirtualService.F_SCHED2) != 0, scheduler + "-port");
        }
        else
        {
            addIf(names, (flags & VirtualService.F_SCHED1) != 0, "flag-1");
            addIf(names, (flags & VirtualService.F_SCHED2) != 0, "flag-2");
            addIf(names, (flags & VirtualService.F_SCHED3) != 0, "flag-3");
        }
        return String.join(",", names);
    }

    private static void addIf(final List<String> names, final boolean condition, final String name)
    {
        if (condition)
        {
            names.add(name);
        }
    }

    /**
     * libipvs's {@code ipvs_cmp_services}: fwmark, family, protocol, address, port. Addresses compare as
     * unsigned numbers (libipvs subtracts them as ints, which misorders addresses 2^31 apart).
     */
    static int compareServices(final ServiceSpec a, final ServiceSpec b)
    {
        final ServiceKey x = a.key();
        final ServiceKey y = b.key();
        int r = Integer.compareUnsigned(x.fwmark(), y.fwmark());
        r = r != 0 ? r : Integer.compare(x.family(), y.family());
        r = r != 0 ? r : Integer.compare(x.protocol(), y.protocol());
        if (r == 0 && !x.isFwmark())
        {
            r = compareAddresses(x.address(), y.address());
        }
        return r != 0 ? r : Integer.compare(x.port(), y.port());
    }

    static int compareDests(final DestSpec a, final DestSpec b)
    {
        final int r = compareAddresses(a.address(), b.address());
        return r != 0 ? r : Integer.compare(a.port(), b.port());
    }

    private static int compareAddresses(final InetAddr a, final InetAddr b)
    {
        int r = Integer.compare(a.family(), b.family());
        for (int i = 0; r == 0 && i < (a.isIpv6() ? 4 : 1); i++)
        {
            r = Integer.compareUnsigned(a.word(i), b.word(i));
        }
        return r;
    }
}
