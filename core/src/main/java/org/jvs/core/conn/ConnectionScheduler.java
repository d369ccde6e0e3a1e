package org.jvs.core.conn;

import java.util.concurrent.TimeUnit;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

/**
 * Makes the entry of a new connection as IPVS's {@code ip_vs_schedule} and {@code ip_vs_sched_persist} do
 * ({@code ip_vs_core.c}): for a persistent service, look up the client's persistence template first and use
 * its real server while the template lives and the server is usable; otherwise ask the service's scheduler
 * and, for a persistent service, make a new template. Then make the connection entry (under the template's
 * control) and return it.
 * <p>
 * Templates, as IPVS makes them:
 * <pre>
 *   &lt;protocol, CIP &amp; mask, 0, VIP, vport, RIP, rport&gt;   the packet's port is the service's
 *   &lt;protocol, CIP &amp; mask, 0, VIP, 0, RIP, 0&gt;           port-zero service, or an FTP (port 21) service
 *   &lt;IP, CIP &amp; mask, 0, fwmark, 0, RIP, 0&gt;              fwmark service
 * </pre>
 * A template lives for the service's persistence timeout, re-armed each time a new connection uses it, and
 * beyond that while connections it controls live. A template's server is usable when it is still in the
 * service (available); a quiesced server (weight 0) keeps its persistent clients unless
 * {@link #expireQuiescentTemplate} is set, as IPVS's sysctl {@code expire_quiescent_template} (default off).
 * <p>
 * One per worker, with the worker's table. Allocates nothing; never throws on the packet path.
 */
public final class ConnectionScheduler
{
    /** The FTP control port: its templates hold no ports. */
    public static final int FTP_PORT = 21;
    /** IP protocol number IPPROTO_IP, the protocol of fwmark templates. */
    public static final int IPPROTO_IP = 0;

    private final ConnectionTable table;
    private final ConnectionTuple tuple = new ConnectionTuple();
    private boolean expireQuiescentTemplate;
    private long noServerDrops;
    private long tableFullDrops;
    private long unschedulableDrops;

    /**
     * @param table the worker's connection table.
     */
    public ConnectionScheduler(final ConnectionTable table)
    {
        this.table = table;
    }

    /**
     * IPVS's sysctl {@code expire_quiescent_template}: a template whose server has weight 0 is not used.
     *
     * @param enabled true to expire such templates.
     * @return this.
     */
    public ConnectionScheduler expireQuiescentTemplate(final boolean enabled)
    {
        expireQuiescentTemplate = enabled;
        return this;
    }

    /**
     * Make the entry of a new connection. The caller then feeds the first packet to
     * {@link ConnectionTable#onPacket}, as IPVS sets the state after scheduling.
     *
     * @param svc     the virtual service the packet is for.
     * @param request the first packet (protocol, addresses, ports, time).
     * @return the connection entry, or {@link ConnectionTable#NONE} with the reason counted.
     */
    public int newConnection(final VirtualService svc, final ScheduleRequest request)
    {
        if (svc.isPersistent())
        {
            return newPersistentConnection(svc, request);
        }
        final ServiceKey key = svc.key();
        final int vport = request.destinationPort();
        if (!key.isFwmark() && vport != key.port())
        {
            // "port zero only supported in persistent services"
            unschedulableDrops++;
            return ConnectionTable.NONE;
        }
        if (table.free() < 1)
        {
            tableFullDrops++;
            return ConnectionTable.NONE;
        }
        final RealServer dest = svc.schedule(request);
        if (dest == null)
        {
            noServerDrops++;
            return ConnectionTable.NONE;
        }
        final int dport = dest.port() != 0 ? dest.port() : vport;
        tuple.from(request).destination(ConnectionTuple.hi(dest.address()), ConnectionTuple.lo(dest.address()), dport);
        return table.create(tuple, connectionFlags(svc, request), dest, svc, request.nowNs());
    }

    private int newPersistentConnection(final VirtualService svc, final ScheduleRequest request)
    {
        final long nowNs = request.nowNs();
        final int dstPort = request.destinationPort();
        final int svcPort = svc.key().port();
        fillTemplateKey(svc, request);
        int template = table.lookupTemplate(tuple.protocol(), tuple.family(), tuple.clientHi(), tuple.clientLo(),
            tuple.virtualHi(), tuple.virtualLo(), tuple.virtualPort(), nowNs);
        if (template != ConnectionTable.NONE && !isUsable(table.server(template)))
        {
            table.invalidateTemplate(template);
            template = ConnectionTable.NONE;
        }
        if (table.free() < (template == ConnectionTable.NONE ? 2 : 1))
        {
            tableFullDrops++;
            return ConnectionTable.NONE;
        }
        final RealServer dest;
        if (template == ConnectionTable.NONE)
        {
            dest = svc.schedule(request);
            if (dest == null)
            {
                noServerDrops++;
                return ConnectionTable.NONE;
            }
            final int templatePort = dstPort == svcPort && svcPort != FTP_PORT ? dest.port() : 0;
            tuple.destination(ConnectionTuple.hi(dest.address()), ConnectionTuple.lo(dest.address()), templatePort);
            template = table.create(tuple, ConnectionTable.F_TEMPLATE, dest, svc, nowNs);
            table.timeoutNs(template, TimeUnit.SECONDS.toNanos(svc.persistenceTimeoutS()));
        }
        else
        {
            dest = table.server(template);
        }
        final int dport = dstPort == svcPort && dest.port() != 0 ? dest.port() : dstPort;
        tuple.from(request).destination(ConnectionTuple.hi(dest.address()), ConnectionTuple.lo(dest.address()), dport);
        final int entry = table.create(tuple, connectionFlags(svc, request), dest, svc, nowNs);
        table.control(entry, template);
        table.rearm(template, nowNs);
        return entry;
    }

    /**
     * The template's key into {@link #tuple}: protocol (IP for fwmark), masked client, port 0, VIP or fwmark,
     * vport or 0.
     */
    private void fillTemplateKey(final VirtualService svc, final ScheduleRequest request)
    {
        tuple.from(request);
        final ServiceKey key = svc.key();
        final int dstPort = request.destinationPort();
        int protocol = request.protocol();
        int vport = 0;
        long vipHi = tuple.virtualHi();
        long vipLo = tuple.virtualLo();
        if (dstPort == key.port())
        {
            if (key.port() != FTP_PORT)
            {
                vport = dstPort;
            }
        }
        else if (key.isFwmark())
        {
            protocol = IPPROTO_IP;
            vipHi = tuple.family() == InetAddr.AF_INET6 ? (long)key.fwmark() << 32 : 0;
            vipLo = tuple.family() == InetAddr.AF_INET6 ? 0 : key.fwmark() & 0xFFFF_FFFFL;
        }
        final int netmask = svc.netmask();
        final long netHi;
        final long netLo;
        if (tuple.family() == InetAddr.AF_INET6)
        {
            netHi = tuple.clientHi() & prefixMask(netmask);
            netLo = tuple.clientLo() & prefixMask(netmask - 64);
        }
        else
        {
            netHi = 0;
            netLo = tuple.clientLo() & (netmask & 0xFFFF_FFFFL);
        }
        tuple.protocol(protocol, tuple.family()).client(netHi, netLo, 0).virtual(vipHi, vipLo, vport);
    }

    private static long prefixMask(final int bits)
    {
        if (bits <= 0)
        {
            return 0;
        }
        return bits >= 64 ? -1L : -1L << (64 - bits);
    }

    private boolean isUsable(final RealServer dest)
    {
        return dest.isAvailable() && !(expireQuiescentTemplate && dest.weight() == 0);
    }

    private static int connectionFlags(final VirtualService svc, final ScheduleRequest request)
    {
        return svc.hasFlag(VirtualService.F_ONEPACKET) && request.protocol() == ServiceKey.UDP ?
            ConnectionTable.F_ONE_PACKET : 0;
    }

    public ConnectionTable table()
    {
        return table;
    }

    /**
     * @return new connections dropped because the scheduler found no usable server.
     */
    public long noServerDrops()
    {
        return noServerDrops;
    }

    /**
     * @return new connections dropped because the table was full (the table's own count also includes
     * entries refused to other callers).
     */
    public long tableFullDrops()
    {
        return tableFullDrops;
    }

    /**
     * @return packets not scheduled because a non-persistent service's port differed from the packet's
     * (IPVS: "port zero only supported in persistent services").
     */
    public long unschedulableDrops()
    {
        return unschedulableDrops;
    }
}
