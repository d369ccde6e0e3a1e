package org.jvs.core.conn;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

/**
 * A small director for the tests: one table, one scheduler flow, services with real servers on
 * 198.18.0.0/15 addresses.
 */
final class Lab
{
    static final long S = 1_000_000_000L;
    /** 198.18.0.10. */
    static final int CIP = 0xC612000A;
    /** 198.18.0.11. */
    static final int CIP2 = 0xC612000B;
    /** 198.18.0.100. */
    static final int VIP = 0xC6120064;
    /** 198.18.1.1. */
    static final int RIP1 = 0xC6120101;
    /** 198.18.1.2. */
    static final int RIP2 = 0xC6120102;
    /** 198.18.1.3. */
    static final int RIP3 = 0xC6120103;
    static final long T0 = 1_000 * S;

    final Timeouts timeouts = new Timeouts();
    final ConnectionTable table;
    final ConnectionScheduler connections;
    final ScheduleRequest request = new ScheduleRequest();

    Lab(final int capacity)
    {
        table = new ConnectionTable(capacity, timeouts, 0x5EED_1234_5678_9ABCL, ConnectionTable.DEFAULT_TICK_SHIFT,
            ConnectionTable.DEFAULT_WHEEL_BUCKETS);
        connections = new ConnectionScheduler(table);
    }

    /**
     * @param protocol TCP or UDP.
     * @param port     virtual port.
     * @param method   forwarding method of every server.
     * @param rotate   rotate through servers (else always the first usable one).
     * @param rips     real servers, added in this order (so the list is the reverse).
     * @return the service.
     */
    static VirtualService service(
        final int protocol, final int port, final ForwardMethod method, final boolean rotate, final int... rips)
    {
        final VirtualService svc = new VirtualService(
            ServiceKey.of(protocol, InetAddr.ipv4(VIP), port), new FirstServerScheduler(rotate), 0);
        for (final int rip : rips)
        {
            svc.addServer(new RealServer(InetAddr.ipv4(rip), port, method, 1, 0, 0));
        }
        return svc;
    }

    static RealServer server(final VirtualService svc, final int rip)
    {
        for (int i = 0; i < svc.serverCount(); i++)
        {
            if (svc.server(i).address().ipv4() == rip)
            {
                return svc.server(i);
            }
        }
        throw new AssertionError("no server " + InetAddr.ipv4(rip));
    }

    int connect(final VirtualService svc, final int cip, final int cport, final int vport, final long nowNs)
    {
        request.ipv4(svc.key().protocol(), cip, cport, VIP, vport, nowNs);
        return connections.newConnection(svc, request);
    }

    /**
     * A new TCP connection and its SYN, as a worker does it.
     */
    int syn(final VirtualService svc, final int cip, final int cport, final long nowNs)
    {
        final int entry = connect(svc, cip, cport, svc.key().port(), nowNs);
        if (entry != ConnectionTable.NONE)
        {
            table.onPacket(entry, TcpStates.INPUT, TcpStates.TCP_SYN, nowNs);
        }
        return entry;
    }

    /**
     * SYN then ACK from the client: ESTABLISHED in DR (input-only).
     */
    int established(final VirtualService svc, final int cip, final int cport, final long nowNs)
    {
        final int entry = syn(svc, cip, cport, nowNs);
        table.onPacket(entry, TcpStates.INPUT, TcpStates.TCP_ACK, nowNs);
        return entry;
    }

    void expireAll(final long nowNs)
    {
        for (int i = 0; i < 1_000 && table.expire(nowNs, 1 << 20) > 0; i++)
        {
            // bounded: each call does at most 2^20 units of work
        }
    }
}
