package org.jvs.schedulers;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

/**
 * A small bench for scheduler tests: one virtual service, servers added as {@code ipvsadm -a} adds them (head of
 * the list), new connections counted as IPVS counts them. Addresses are from 198.18.0.0/15.
 */
final class Lab
{
    static final String VIP = "198.18.0.100";

    final VirtualService service;
    final ScheduleRequest request = new ScheduleRequest();
    long nowNs;

    Lab(final Scheduler scheduler, final int flags)
    {
        service = new VirtualService(ServiceKey.of(ServiceKey.TCP, InetAddr.parse(VIP), 80), scheduler, flags);
    }

    Lab(final Scheduler scheduler)
    {
        this(scheduler, 0);
    }

    static int ip(final String text)
    {
        return InetAddr.parse(text).word(0);
    }

    RealServer add(final String rip, final int weight)
    {
        return add(rip, weight, 0, 0);
    }

    RealServer add(final String rip, final int weight, final int upper, final int lower)
    {
        final RealServer server = new RealServer(InetAddr.parse(rip), 80, ForwardMethod.ROUTE, weight, upper, lower);
        service.addServer(server);
        return server;
    }

    void weight(final RealServer server, final int weight)
    {
        service.editServer(server, weight, server.upperThreshold(), server.lowerThreshold());
    }

    /**
     * @return the server the scheduler picks for a client port 40000 to the VIP, without counting a connection.
     */
    RealServer pick(final String client)
    {
        return pick(client, 40000, VIP);
    }

    RealServer pick(final String client, final int clientPort, final String destination)
    {
        request.ipv4(ServiceKey.TCP, ip(client), clientPort, ip(destination), 80, nowNs);
        return service.schedule(request);
    }

    /**
     * A new connection: schedule and bind it (inactive, as IPVS starts every connection).
     */
    RealServer connect(final String client, final String destination)
    {
        final RealServer server = pick(client, 40000, destination);
        if (server != null)
        {
            server.bind(false, false);
        }
        return server;
    }
}
