package org.jvs.director.schedsim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.sched.SchedulerRegistry;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

/**
 * The scheduler simulator's engine: one virtual service driven through the real scheduler classes exactly as a
 * director drives it, one call per scenario directive. Each method does what the ipvsadm command or the packet
 * event beside it does in IPVS:
 * <pre>
 *   service   ipvsadm -A -t|-u VIP:port -s SCHED [-b flags]   the scheduler is bound before any server exists
 *   server    ipvsadm -a ... -r RIP:port -g -w W [-x U] [-y L] added at the head of the list, or back from the
 *                                                             dest trash with its counts
 *   weight    ipvsadm -e ... -w W                             thresholds unchanged
 *   remove    ipvsadm -d ... -r RIP:port                      to the trash; its connections live on
 *   conn      first packet of a new connection                scheduled; if a server is chosen, bound inactive
 *   establish the connection enters ESTABLISHED (TCP)          inactive to active
 *   close     the connection expires                          unbound from the count that holds it
 * </pre>
 * No time passes: every request carries {@link #NOW_NS}. A refused directive throws {@link ScenarioException}
 * and changes nothing. Not thread-safe (one simulator, one thread, like one worker).
 */
public final class SchedSim
{
    /** The constant time every schedule request carries. */
    public static final long NOW_NS = 0L;
    /** ipvsadm's largest weight ({@code -w}). */
    public static final int MAX_WEIGHT = 65535;

    private static final byte CONN_NO_SERVER = 0;
    private static final byte CONN_INACTIVE = 1;
    private static final byte CONN_ACTIVE = 2;
    private static final byte CONN_CLOSED = 3;

    private final Function<String, Scheduler> schedulers;
    private final ScheduleRequest request = new ScheduleRequest();
    private final Map<String, RealServer> byName = new HashMap<>();
    private final Map<RealServer, String> names = new IdentityHashMap<>();
    private final List<RealServer> connServer = new ArrayList<>();
    private byte[] connState = new byte[64];
    private VirtualService service;
    private int protocol;

    /**
     * @param registry where scheduler names are looked up ({@code Scheduler not found: NAME} otherwise).
     */
    public SchedSim(final SchedulerRegistry registry)
    {
        this(registry::create);
    }

    /**
     * @param schedulers makes a fresh scheduler for an ipvsadm name, or throws IllegalArgumentException with
     *                   the message to show.
     */
    public SchedSim(final Function<String, Scheduler> schedulers)
    {
        this.schedulers = schedulers;
    }

    /**
     * {@code ipvsadm -A}: make the one virtual service and bind its scheduler.
     *
     * @param protocol  {@link ServiceKey#TCP} or {@link ServiceKey#UDP}.
     * @param vip       VIP.
     * @param port      virtual port.
     * @param scheduler ipvsadm name.
     * @param flags     VirtualService.F_SCHED* flags.
     */
    public void service(
        final int protocol, final InetAddr vip, final int port, final String scheduler, final int flags)
    {
        if (service != null)
        {
            throw new ScenarioException("a scenario has one service, and it is already made");
        }
        if (protocol != ServiceKey.TCP && protocol != ServiceKey.UDP)
        {
            throw new ScenarioException("protocol must be TCP or UDP, not " + protocol);
        }
        final Scheduler instance;
        try
        {
            instance = schedulers.apply(scheduler);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ScenarioException(ex.getMessage());
        }
        this.protocol = protocol;
        this.service = new VirtualService(ServiceKey.of(protocol, vip, port), instance, flags);
    }

    /**
     * {@code ipvsadm -a -g}: add a real server at the head of IPVS's list; a RIP:port still in the dest trash
     * comes back with its connections and counts, under the new name and settings.
     *
     * @param name           the scenario's name for it, printed by {@link #conn}.
     * @param rip            RIP.
     * @param port           real port.
     * @param weight         0..65535.
     * @param upperThreshold {@code -x}, 0 for none.
     * @param lowerThreshold {@code -y}, 0 for none.
     */
    public void server(
        final String name,
        final InetAddr rip,
        final int port,
        final int weight,
        final int upperThreshold,
        final int lowerThreshold)
    {
        final VirtualService svc = requireService();
        checkName(name);
        if (byName.containsKey(name))
        {
            throw new ScenarioException("duplicate server name '" + name + "'");
        }
        if (rip.family() != svc.key().family())
        {
            throw new ScenarioException("server " + name + ": " + rip + " is not of the service's address family");
        }
        checkSettings(weight, upperThreshold, lowerThreshold);
        final RealServer existing = svc.find(rip, port);
        if (existing != null)
        {
            throw new ScenarioException("server " + name + ": " + existing + " is already server '"
                + names.get(existing) + "' (ipvsadm: Destination already exists)");
        }
        RealServer server = svc.findInTrash(rip, port);
        if (server == null)
        {
            server = new RealServer(rip, port, ForwardMethod.ROUTE, weight, upperThreshold, lowerThreshold);
        }
        else
        {
            server.update(weight, upperThreshold, lowerThreshold);
        }
        svc.addServer(server);
        byName.put(name, server);
        names.put(server, name);
    }

    /**
     * {@code ipvsadm -e -w W}: change a server's weight, keeping its thresholds.
     *
     * @param name   a server in the service's list.
     * @param weight 0..65535.
     */
    public void weight(final String name, final int weight)
    {
        final VirtualService svc = requireService();
        final RealServer server = listed(name);
        checkSettings(weight, server.upperThreshold(), server.lowerThreshold());
        svc.editServer(server, weight, server.upperThreshold(), server.lowerThreshold());
    }

    /**
     * {@code ipvsadm -d}: remove a server to the dest trash; its connections live on.
     *
     * @param name a server in the service's list.
     */
    public void remove(final String name)
    {
        final VirtualService svc = requireService();
        final RealServer server = listed(name);
        svc.removeServer(server);
        byName.remove(name);
    }

    /**
     * The first packet of a new connection. When a server is chosen the connection is bound to it, inactive.
     *
     * @param client          CIP.
     * @param clientPort      client port.
     * @param destination     destination address (the VIP in a VIP service).
     * @param destinationPort destination port.
     * @return the chosen server, or null when the scheduler chose none.
     */
    public RealServer conn(
        final InetAddr client, final int clientPort, final InetAddr destination, final int destinationPort)
    {
        final VirtualService svc = requireService();
        if (client.family() != svc.key().family() || destination.family() != svc.key().family())
        {
            throw new ScenarioException("conn: addresses must be of the service's address family");
        }
        request.of(protocol, client, clientPort, destination, destinationPort, NOW_NS);
        final RealServer server = svc.schedule(request);
        final int index = connServer.size();
        if (index == connState.length)
        {
            final byte[] grown = new byte[index * 2];
            System.arraycopy(connState, 0, grown, 0, index);
            connState = grown;
        }
        connServer.add(server);
        if (server == null)
        {
            connState[index] = CONN_NO_SERVER;
        }
        else
        {
            server.bind(false, false);
            connState[index] = CONN_INACTIVE;
        }
        return server;
    }

    /**
     * The first packet of a new connection to the VIP and virtual port.
     *
     * @param client     CIP.
     * @param clientPort client port.
     * @return the chosen server, or null.
     */
    public RealServer conn(final InetAddr client, final int clientPort)
    {
        final VirtualService svc = requireService();
        return conn(client, clientPort, svc.key().address(), svc.key().port());
    }

    /**
     * Connection {@code k} enters ESTABLISHED: it moves from InActConn to ActiveConn of its server.
     *
     * @param k 1-based, in the order of {@link #conn} calls.
     */
    public void establish(final int k)
    {
        requireService();
        final int index = connIndex(k);
        if (protocol != ServiceKey.TCP)
        {
            throw new ScenarioException("connection " + k + " is UDP: only TCP connections become ESTABLISHED");
        }
        switch (connState[index])
        {
            case CONN_NO_SERVER:
                throw new ScenarioException("connection " + k + " has no server (none was chosen)");
            case CONN_ACTIVE:
                throw new ScenarioException("connection " + k + " is already ESTABLISHED");
            case CONN_CLOSED:
                throw new ScenarioException("connection " + k + " is closed");
            default:
                connServer.get(index).activate();
                connState[index] = CONN_ACTIVE;
        }
    }

    /**
     * Connection {@code k} expires: it leaves the count that holds it (IPVS's unbind, with its overload rule).
     *
     * @param k 1-based, in the order of {@link #conn} calls.
     */
    public void close(final int k)
    {
        requireService();
        final int index = connIndex(k);
        switch (connState[index])
        {
            case CONN_NO_SERVER:
                throw new ScenarioException("connection " + k + " has no server (none was chosen)");
            case CONN_CLOSED:
                throw new ScenarioException("connection " + k + " is already closed");
            default:
                connServer.get(index).unbind(false, connState[index] == CONN_ACTIVE);
                connState[index] = CONN_CLOSED;
        }
    }

    /**
     * @return the service, or null before {@link #service}.
     */
    public VirtualService service()
    {
        return service;
    }

    /**
     * @param name a name given to {@link #server}.
     * @return the server in the list by that name, or null.
     */
    public RealServer server(final String name)
    {
        return byName.get(name);
    }

    /**
     * @param server a server of this scenario.
     * @return its name (the last one given to it), or null.
     */
    public String nameOf(final RealServer server)
    {
        return names.get(server);
    }

    /**
     * @return how many connections (conn calls) there were.
     */
    public int connCount()
    {
        return connServer.size();
    }

    private VirtualService requireService()
    {
        if (service == null)
        {
            throw new ScenarioException("no service yet: the scenario must start with a 'service' directive");
        }
        return service;
    }

    private RealServer listed(final String name)
    {
        final RealServer server = byName.get(name);
        if (server == null)
        {
            throw new ScenarioException("unknown server '" + name + "' (not in the service's list)");
        }
        return server;
    }

    private int connIndex(final int k)
    {
        if (k < 1 || k > connServer.size())
        {
            throw new ScenarioException("connection " + k + " does not exist (" + connServer.size()
                + " conn so far; connections count from 1)");
        }
        return k - 1;
    }

    private static void checkName(final String name)
    {
        if (name.isEmpty() || "-".equals(name) || name.chars().anyMatch(Character::isWhitespace))
        {
            throw new ScenarioException("bad server name '" + name + "'");
        }
    }

    private static void checkSettings(final int weight, final int upperThreshold, final int lowerThreshold)
    {
        if (weight < 0 || weight > MAX_WEIGHT)
        {
            throw new ScenarioException("illegal weight " + weight + " (0.." + MAX_WEIGHT + ")");
        }
        if (upperThreshold < 0 || lowerThreshold < 0)
        {
            throw new ScenarioException("illegal threshold (must be 0 or more)");
        }
        if (lowerThreshold > upperThreshold)
        {
            throw new ScenarioException("lower threshold " + lowerThreshold + " is higher than upper threshold "
                + upperThreshold);
        }
    }
}
