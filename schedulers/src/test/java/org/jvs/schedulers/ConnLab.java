package org.jvs.schedulers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

/**
 * A virtual service with named real servers and connections, driven like ipvsadm and the connection table
 * drive it: {@code -a}, {@code -e}, {@code -d}, a new connection (schedule and bind inactive), ESTABLISHED
 * (activate), expiry (unbind). Test code only.
 */
final class ConnLab
{
    static final InetAddr VIP = InetAddr.parse("198.18.0.100");

    final VirtualService service;
    private final Map<String, RealServer> byName = new LinkedHashMap<>();
    private final List<RealServer> connServer = new ArrayList<>();
    private final List<Boolean> connActive = new ArrayList<>();
    private final List<Boolean> connOpen = new ArrayList<>();
    private final ScheduleRequest request = new ScheduleRequest();

    ConnLab(final Scheduler scheduler)
    {
        service = new VirtualService(ServiceKey.of(ServiceKey.TCP, VIP, 80), scheduler, 0);
    }

    static RealServer newServer(final int n, final int weight, final int upper, final int lower)
    {
        final InetAddr rip = InetAddr.ipv4(0xC6120000 | (1 << 8) + n);
        return new RealServer(rip, 80, ForwardMethod.ROUTE, weight, upper, lower);
    }

    /** ipvsadm -a: server {@code name} is the n-th RIP 198.18.1.n (n from 1), added at the head. */
    RealServer add(final String name, final int weight)
    {
        return add(name, weight, 0, 0);
    }

    RealServer add(final String name, final int weight, final int upper, final int lower)
    {
        RealServer server = byName.get(name);
        if (server == null)
        {
            server = newServer(byName.size() + 1, weight, upper, lower);
            byName.put(name, server);
        }
        else
        {
            server.update(weight, upper, lower);
        }
        service.addServer(server);
        return server;
    }

    void weight(final String name, final int weight)
    {
        final RealServer server = byName.get(name);
        service.editServer(server, weight, server.upperThreshold(), server.lowerThreshold());
    }

    void thresholds(final String name, final int upper, final int lower)
    {
        final RealServer server = byName.get(name);
        service.editServer(server, server.weight(), upper, lower);
    }

    void remove(final String name)
    {
        service.removeServer(byName.get(name));
    }

    RealServer get(final String name)
    {
        return byName.get(name);
    }

    String nameOf(final RealServer server)
    {
        if (server == null)
        {
            return "-";
        }
        for (final Map.Entry<String, RealServer> e : byName.entrySet())
        {
            if (e.getValue() == server)
            {
                return e.getKey();
            }
        }
        throw new AssertionError("unknown server " + server);
    }

    /** A new connection: schedule, bind inactive. Returns the chosen server's name or "-". */
    String conn()
    {
        final RealServer server = service.schedule(request.ipv4(ServiceKey.TCP, 0xC6130001, 40000, VIP.ipv4(), 80, 0));
        connServer.add(server);
        connActive.add(false);
        connOpen.add(server != null);
        if (server != null)
        {
            server.bind(false, false);
        }
        return nameOf(server);
    }

    /** n new connections; their servers' names separated by spaces. */
    String conns(final int n)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            sb.append(i == 0 ? "" : " ").append(conn());
        }
        return sb.toString();
    }

    /** Connection k (1-based) enters ESTABLISHED. */
    void establish(final int k)
    {
        if (connOpen.get(k - 1) && !connActive.get(k - 1))
        {
            connServer.get(k - 1).activate();
            connActive.set(k - 1, true);
        }
    }

    /** Connection k (1-based) expires. */
    void close(final int k)
    {
        if (connOpen.get(k - 1))
        {
            connServer.get(k - 1).unbind(false, connActive.get(k - 1));
            connOpen.set(k - 1, false);
        }
    }
}
