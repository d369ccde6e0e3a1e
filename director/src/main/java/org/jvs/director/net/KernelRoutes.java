package org.jvs.director.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jvs.core.service.InetAddr;
import org.jvs.core.route.RouteTable;

/**
 * Builds the director's {@link RouteTable} from its kernel: connected subnets of the interfaces jvs runs on,
 * and the kernel's gateway routes ({@code ip -o -4 route show}) that leave by one of them.
 */
public final class KernelRoutes
{
    private KernelRoutes()
    {
    }

    /**
     * @param interfaces the director's interfaces, in port order.
     * @return their routes.
     * @throws IOException when {@code ip route} fails.
     */
    public static RouteTable read(final List<InterfaceInfo> interfaces) throws IOException
    {
        return build(interfaces, Shell.run("ip", "-o", "-4", "route", "show"));
    }

    /**
     * @param interfaces the director's interfaces, in port order.
     * @param ipRoute    output of {@code ip -o -4 route show}.
     * @return connected routes of every interface address plus the gateway routes via those interfaces.
     */
    static RouteTable build(final List<InterfaceInfo> interfaces, final String ipRoute)
    {
        final List<RouteTable.Route> routes = new ArrayList<>();
        for (int port = 0; port < interfaces.size(); port++)
        {
            for (final InterfaceInfo.Prefix prefix : interfaces.get(port).addresses())
            {
                routes.add(new RouteTable.Route(prefix.address(), prefix.length(), 0, port, prefix.address()));
            }
        }
        for (final String line : ipRoute.split("\n"))
        {
            final String[] words = line.trim().split("\\s+");
            final String via = after(words, "via");
            final String dev = after(words, "dev");
            if (via == null || dev == null || words.length == 0)
            {
                continue;
            }
            for (int port = 0; port < interfaces.size(); port++)
            {
                final InterfaceInfo info = interfaces.get(port);
                if (info.name().equals(dev))
                {
                    final int[] prefix = parsePrefix(words[0]);
                    routes.add(new RouteTable.Route(prefix[0], prefix[1], InetAddr.parse(via).ipv4(), port,
                        info.primaryAddress()));
                }
            }
        }
        return new RouteTable(routes);
    }

    private static String after(final String[] words, final String key)
    {
        for (int i = 0; i + 1 < words.length; i++)
        {
            if (key.equals(words[i]))
            {
                return words[i + 1];
            }
        }
        return null;
    }

    private static int[] parsePrefix(final String text)
    {
        if ("default".equals(text))
        {
            return new int[] {0, 0};
        }
        final String[] parts = text.split("/");
        return new int[] {InetAddr.parse(parts[0]).ipv4(), parts.length > 1 ? Integer.parseInt(parts[1]) : 32};
    }
}
