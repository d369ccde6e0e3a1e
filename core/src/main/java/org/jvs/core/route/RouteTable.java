package org.jvs.core.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where an IPv4 packet leaves the director: the port (interface) and the next hop whose MAC it needs. The
 * director reads its routes from its kernel at start (connected subnets and gateways, as {@code ip route}
 * shows them), so admins configure a director the usual way. Longest prefix wins. Immutable; lookups
 * allocate nothing (a linear scan of the few routes a director has, longest prefixes first).
 */
public final class RouteTable
{
    /** Returned by {@link #find} when no route matches. */
    public static final int NO_ROUTE = -1;

    /**
     * One route.
     *
     * @param prefix    network address, host order.
     * @param length    prefix length 0..32.
     * @param gateway   next hop, host order, or 0 for a connected subnet (the destination is the next hop).
     * @param portIndex index of the director's port (interface) it leaves by.
     * @param source    the director's address on that port (source of its ARP requests), host order.
     */
    public record Route(int prefix, int length, int gateway, int portIndex, int source)
    {
        /**
         * @return the netmask as a host-order int.
         */
        public int mask()
        {
            return length == 0 ? 0 : -1 << (32 - length);
        }
    }

    private final int[] prefixes;
    private final int[] masks;
    private final int[] gateways;
    private final int[] ports;
    private final int[] sources;

    /**
     * @param routes the routes, in any order.
     */
    public RouteTable(final List<Route> routes)
    {
        final List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingInt(Route::length).reversed());
        final int n = sorted.size();
        prefixes = new int[n];
        masks = new int[n];
        gateways = new int[n];
        ports = new int[n];
        sources = new int[n];
        for (int i = 0; i < n; i++)
        {
            final Route r = sorted.get(i);
            masks[i] = r.mask();
            prefixes[i] = r.prefix() & masks[i];
            gateways[i] = r.gateway();
            ports[i] = r.portIndex();
            sources[i] = r.source();
        }
    }

    /**
     * @param destination IPv4 address, host order.
     * @return the index of the matching route (for {@link #nextHop}, {@link #portIndex}), or {@link #NO_ROUTE}.
     */
    public int find(final int destination)
    {
        for (int i = 0; i < prefixes.length; i++)
        {
            if ((destination & masks[i]) == prefixes[i])
            {
                return i;
            }
        }
        return NO_ROUTE;
    }

    /**
     * @param route       a route index from {@link #find}.
     * @param destination the packet's destination.
     * @return the address whose MAC the frame needs: the gateway, or the destination on a connected subnet.
     */
    public int nextHop(final int route, final int destination)
    {
        return gateways[route] != 0 ? gateways[route] : destination;
    }

    /**
     * @param route a route index from {@link #find}.
     * @return the index of the port it leaves by.
     */
    public int portIndex(final int route)
    {
        return ports[route];
    }

    /**
     * @param route a route index from {@link #find}.
     * @return the director's address on that port.
     */
    public int source(final int route)
    {
        return sources[route];
    }

    /**
     * @return number of routes.
     */
    public int size()
    {
        return prefixes.length;
    }
}
