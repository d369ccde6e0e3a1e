package org.jvs.core.service;

import java.util.Arrays;

/**
 * The IPv4 VIPs of a service table, for a quick "is this address a VIP?" on the packet path (a binary search
 * over a sorted array; built on the control plane or when a new table is seen).
 */
public final class VipSet
{
    /** No VIPs. */
    public static final VipSet EMPTY = new VipSet(new int[0]);

    private final int[] sorted;

    private VipSet(final int[] sorted)
    {
        this.sorted = sorted;
    }

    /**
     * @param table a service table.
     * @return the IPv4 VIPs of its address services.
     */
    public static VipSet of(final ServiceTable table)
    {
        return new VipSet(table.services().stream()
            .map(ServiceSpec::key)
            .filter(key -> !key.isFwmark() && !key.address().isIpv6())
            .mapToInt(key -> key.address().ipv4())
            .distinct()
            .sorted()
            .toArray());
    }

    /**
     * @param addresses IPv4 addresses, host order, in any order, repeats allowed.
     * @return the set of them.
     */
    public static VipSet of(final int... addresses)
    {
        return addresses.length == 0 ? EMPTY : new VipSet(Arrays.stream(addresses).distinct().sorted().toArray());
    }

    /**
     * @return true when the set has no address.
     */
    public boolean isEmpty()
    {
        return sorted.length == 0;
    }

    /**
     * @param address IPv4 address, host order.
     * @return true when it is a VIP.
     */
    public boolean contains(final int address)
    {
        return Arrays.binarySearch(sorted, address) >= 0;
    }

    /**
     * @return the VIPs, sorted (a copy).
     */
    public int[] addresses()
    {
        return sorted.clone();
    }
}
