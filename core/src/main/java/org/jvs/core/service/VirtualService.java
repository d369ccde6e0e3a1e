package org.jvs.core.service;

import java.util.ArrayList;
import java.util.List;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;

/**
 * A virtual service as IPVS's {@code struct ip_vs_service}: its key, scheduler, flags, persistence and
 * its real servers in IPVS's list order. Owned by one worker (or by the scheduler simulator), like
 * {@link RealServer}.
 * <p>
 * List order is IPVS's: each added real server goes to the head of the list ({@code list_add_rcu}), so
 * after adding A, B, C the list is C, B, A. The scheduler is bound when the service is made, before any
 * server exists, and each add, edit or delete calls its hook after the list has changed. A deleted server
 * goes to the trash with its connections and counts; adding the same RIP:port again brings it back.
 */
public final class VirtualService
{
    /** IPVS {@code IP_VS_SVC_F_PERSISTENT}. */
    public static final int F_PERSISTENT = 0x0001;
    /** IPVS {@code IP_VS_SVC_F_ONEPACKET} (ipvsadm {@code -o}). */
    public static final int F_ONEPACKET = 0x0004;
    /** IPVS {@code IP_VS_SVC_F_SCHED1}: sh-fallback, mh-fallback. */
    public static final int F_SCHED1 = 0x0008;
    /** IPVS {@code IP_VS_SVC_F_SCHED2}: sh-port, mh-port. */
    public static final int F_SCHED2 = 0x0010;
    /** IPVS {@code IP_VS_SVC_F_SCHED3}. */
    public static final int F_SCHED3 = 0x0020;
    /** Default persistence timeout of ipvsadm {@code -p} without a value, in seconds. */
    public static final int DEFAULT_PERSISTENCE_TIMEOUT_S = 360;

    private static final RealServer[] NO_SERVERS = new RealServer[0];

    private final ServiceKey key;
    private Scheduler scheduler;
    private final TrafficStats stats = new TrafficStats();
    private final List<RealServer> trash = new ArrayList<>();
    private RealServer[] servers = NO_SERVERS;
    private int flags;
    private int persistenceTimeoutS;
    private int netmask;
    private long noDestinationDrops;
    private Object schedulerData;

    /**
     * Make the service and bind its scheduler ({@code initService}), as {@code ipvsadm -A} does.
     *
     * @param key       what identifies it.
     * @param scheduler a fresh scheduler instance for this service.
     * @param flags     F_* flags (F_PERSISTENT is set by {@link #persistence}).
     */
    public VirtualService(final ServiceKey key, final Scheduler scheduler, final int flags)
    {
        this.key = key;
        this.scheduler = scheduler;
        this.flags = flags & ~F_PERSISTENT;
        this.netmask = key.family() == InetAddr.AF_INET6 ? 128 : 0xFFFFFFFF;
        scheduler.initService(this);
    }

    /**
     * Set persistence ({@code -p timeout -M netmask}); a timeout of 0 turns it off.
     *
     * @param timeoutS persistence timeout in seconds, 0 for none.
     * @param netmask  IPv4 netmask as a host-order int, or an IPv6 prefix length.
     */
    public void persistence(final int timeoutS, final int netmask)
    {
        this.persistenceTimeoutS = timeoutS;
        this.netmask = netmask;
        flags = timeoutS > 0 ? flags | F_PERSISTENT : flags & ~F_PERSISTENT;
    }

    /**
     * Choose a real server for a new connection; count the drop when there is none.
     *
     * @param request the new connection's first packet.
     * @return the chosen server, or null when no server is usable.
     */
    public RealServer schedule(final ScheduleRequest request)
    {
        final RealServer server = scheduler.schedule(this, request);
        if (server == null)
        {
            noDestinationDrops++;
        }
        return server;
    }

    /**
     * {@code ipvsadm -a}: add a real server at the head of the list (or bring it back from the trash).
     *
     * @param server the server (a new one, or one found with {@link #findInTrash}).
     * @throws IllegalStateException "Destination already exists" when it is in the list.
     */
    public void addServer(final RealServer server)
    {
        if (find(server.address(), server.port()) != null)
        {
            throw new IllegalStateException("Destination already exists");
        }
        trash.remove(server);
        final RealServer[] next = new RealServer[servers.length + 1];
        next[0] = server;
        System.arraycopy(servers, 0, next, 1, servers.length);
        servers = next;
        server.update(server.weight(), server.upperThreshold(), server.lowerThreshold());
        scheduler.addDest(this, server);
    }

    /**
     * {@code ipvsadm -e}: change a real server's weight and thresholds, then call the scheduler's hook.
     *
     * @param server         a server in the list.
     * @param weight         new weight.
     * @param upperThreshold new upper threshold.
     * @param lowerThreshold new lower threshold.
     */
    public void editServer(
        final RealServer server, final int weight, final int upperThreshold, final int lowerThreshold)
    {
        server.update(weight, upperThreshold, lowerThreshold);
        scheduler.updDest(this, server);
    }

    /**
     * {@code ipvsadm -d}: unlink a real server, move it to the trash (its connections live on), then call
     * the scheduler's hook.
     *
     * @param server a server in the list.
     * @throws IllegalStateException "No such destination" when it is not in the list.
     */
    public void removeServer(final RealServer server)
    {
        int index = -1;
        for (int i = 0; i < servers.length; i++)
        {
            if (servers[i] == server)
            {
                index = i;
                break;
            }
        }
        if (index < 0)
        {
            throw new IllegalStateException("No such destination");
        }
        final RealServer[] next = new RealServer[servers.length - 1];
        System.arraycopy(servers, 0, next, 0, index);
        System.arraycopy(servers, index + 1, next, index, servers.length - index - 1);
        servers = next;
        server.markRemoved();
        trash.add(server);
        scheduler.delDest(this, server);
    }

    /**
     * @param address RIP.
     * @param port    real port.
     * @return the server in the list, or null.
     */
    public RealServer find(final InetAddr address, final int port)
    {
        for (final RealServer server : servers)
        {
            if (server.is(address, port))
            {
                return server;
            }
        }
        return null;
    }

    /**
     * @param address RIP.
     * @param port    real port.
     * @return a removed server still holding connections in the trash, or null.
     */
    public RealServer findInTrash(final InetAddr address, final int port)
    {
        for (final RealServer server : trash)
        {
            if (server.is(address, port))
            {
                return server;
            }
        }
        return null;
    }

    /**
     * {@code ipvsadm -E -s NAME}: unbind the old scheduler and bind a new one, which sees the current list
     * in its {@code initService}, as {@code ip_vs_edit_service} does.
     *
     * @param next a fresh scheduler instance.
     */
    public void scheduler(final Scheduler next)
    {
        scheduler.doneService(this);
        schedulerData = null;
        for (final RealServer server : servers)
        {
            server.schedulerData(null);
            server.loadObserver(null);
        }
        scheduler = next;
        next.initService(this);
    }

    /**
     * {@code ipvsadm -E}: replace the F_SCHED* and F_ONEPACKET flags (persistence is set by {@link #persistence}).
     *
     * @param flags new flags.
     */
    public void flags(final int flags)
    {
        this.flags = (this.flags & F_PERSISTENT) | (flags & ~F_PERSISTENT);
    }

    /**
     * Unbind the scheduler ({@code ipvsadm -D}).
     */
    public void close()
    {
        scheduler.doneService(this);
    }

    /**
     * @return number of real servers in the list.
     */
    public int serverCount()
    {
        return servers.length;
    }

    /**
     * @param index 0 = head of IPVS's list.
     * @return the server at that position.
     */
    public RealServer server(final int index)
    {
        return servers[index];
    }

    public ServiceKey key()
    {
        return key;
    }

    public Scheduler scheduler()
    {
        return scheduler;
    }

    public int flags()
    {
        return flags;
    }

    /**
     * @param flag an F_* constant.
     * @return true when it is set.
     */
    public boolean hasFlag(final int flag)
    {
        return (flags & flag) != 0;
    }

    public boolean isPersistent()
    {
        return (flags & F_PERSISTENT) != 0;
    }

    public int persistenceTimeoutS()
    {
        return persistenceTimeoutS;
    }

    public int netmask()
    {
        return netmask;
    }

    public TrafficStats stats()
    {
        return stats;
    }

    /**
     * @return new connections dropped because the scheduler found no server.
     */
    public long noDestinationDrops()
    {
        return noDestinationDrops;
    }

    /**
     * @return service-wide state a scheduler keeps (like IPVS's {@code svc->sched_data}), or null.
     */
    public Object schedulerData()
    {
        return schedulerData;
    }

    public void schedulerData(final Object data)
    {
        this.schedulerData = data;
    }

    @Override
    public String toString()
    {
        return key.toString();
    }
}
