package org.jvs.schedulers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.sched.SchedulerRegistry;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

/**
 * A minimal reader of the {@code examples/schedsim/*.sim} format, to check the expected outputs written for this
 * module's schedulers against the schedulers themselves (the real {@code jvs schedsim} lives in the director).
 * No time passes; connections start inactive, {@code establish} makes them active, {@code close} drops them.
 */
final class ScenarioRunner
{
    private final SchedulerRegistry registry = new SchedulerRegistry();
    private final Map<String, RealServer> servers = new HashMap<>();
    private final List<RealServer> connServers = new ArrayList<>();
    private final List<Boolean> connActive = new ArrayList<>();
    private final List<String> output = new ArrayList<>();
    private final ScheduleRequest request = new ScheduleRequest();
    private VirtualService service;
    private int protocol;

    List<String> run(final List<String> lines)
    {
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).replaceAll("#.*", "").trim();
            if (!line.isEmpty())
            {
                try
                {
                    directive(line.split("\\s+"));
                }
                catch (final RuntimeException ex)
                {
                    throw new IllegalArgumentException("line " + (i + 1) + ": " + ex.getMessage(), ex);
                }
            }
        }
        return output;
    }

    private void directive(final String[] words)
    {
        switch (words[0])
        {
            case "service":
                service(words);
                break;
            case "server":
                server(words);
                break;
            case "conn":
                conn(words);
                break;
            case "establish":
                connServers.get(Integer.parseInt(words[1]) - 1).activate();
                connActive.set(Integer.parseInt(words[1]) - 1, true);
                break;
            case "close":
                final int k = Integer.parseInt(words[1]) - 1;
                connServers.get(k).unbind(false, connActive.get(k));
                break;
            case "weight":
                final RealServer server = servers.get(words[1]);
                service.editServer(server, Integer.parseInt(words[2]), server.upperThreshold(),
                    server.lowerThreshold());
                break;
            case "remove":
                service.removeServer(servers.get(words[1]));
                break;
            default:
                throw new IllegalArgumentException("unknown directive " + words[0]);
        }
    }

    private void service(final String[] words)
    {
        protocol = "udp".equals(words[1]) ? ServiceKey.UDP : ServiceKey.TCP;
        int flags = 0;
        for (int i = 4; i < words.length; i++)
        {
            flags |= words[i].endsWith("-fallback") ? VirtualService.F_SCHED1 : VirtualService.F_SCHED2;
        }
        final String[] vip = words[2].split(":");
        service = new VirtualService(
            ServiceKey.of(protocol, InetAddr.parse(vip[0]), Integer.parseInt(vip[1])), registry.create(words[3]),
            flags);
    }

    private void server(final String[] words)
    {
        final String[] rip = words[2].split(":");
        int upper = 0;
        int lower = 0;
        for (int i = 5; i + 1 < words.length; i += 2)
        {
            if ("upper".equals(words[i]))
            {
                upper = Integer.parseInt(words[i + 1]);
            }
            else
            {
                lower = Integer.parseInt(words[i + 1]);
            }
        }
        final int weight = Integer.parseInt(words[4]);
        RealServer server = service.findInTrash(InetAddr.parse(rip[0]), Integer.parseInt(rip[1]));
        if (server == null)
        {
            server = new RealServer(
                InetAddr.parse(rip[0]), Integer.parseInt(rip[1]), ForwardMethod.ROUTE, weight, upper, lower);
        }
        else
        {
            server.update(weight, upper, lower);
        }
        service.addServer(server);
        servers.put(words[1], server);
    }

    private void conn(final String[] words)
    {
        final String[] client = words[1].split(":");
        final String[] destination = (words.length > 2 ? words[2] : service.key().address() + ":" +
            service.key().port()).split(":");
        request.of(protocol, InetAddr.parse(client[0]), Integer.parseInt(client[1]), InetAddr.parse(destination[0]),
            Integer.parseInt(destination[1]), 0);
        final RealServer server = service.schedule(request);
        if (server != null)
        {
            server.bind(false, false);
        }
        connServers.add(server);
        connActive.add(false);
        String name = "-";
        for (final Map.Entry<String, RealServer> entry : servers.entrySet())
        {
            if (entry.getValue() == server)
            {
                name = entry.getKey();
            }
        }
        output.add(connServers.size() + " " + name);
    }
}
