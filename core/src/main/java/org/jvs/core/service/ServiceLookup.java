package org.jvs.core.service;

import java.util.Arrays;
import java.util.List;

/**
 * Finds the virtual service of a packet on the packet path: (protocol, VIP, port), falling back to the
 * VIP's port-zero service as IPVS's {@code ip_vs_service_find} does. Built once per published table on the
 * worker's thread; lookups allocate nothing. IPv4 keys live in an open-addressing table of packed longs;
 * IPv6 services, rare, are scanned.
 */
public final class ServiceLookup
{
    private static final long EMPTY = -1L;

    private final long[] keys;
    private final VirtualService[] values;
    private final int mask;
    private final int[] vipsV4;
    private final VirtualService[] ipv6;

    /**
     * @param services the worker's runtime services.
     */
    public ServiceLookup(final List<VirtualService> services)
    {
        int capacity = 16;
        while (capacity < services.size() * 4)
        {
            capacity <<= 1;
        }
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new VirtualService[capacity];
        mask = capacity - 1;
        ipv6 = services.stream()
            .filter(s -> !s.key().isFwmark() && s.key().address().isIpv6()).toArray(VirtualService[]::new);
        vipsV4 = services.stream()
            .filter(s -> !s.key().isFwmark() && !s.key().address().isIpv6())
            .mapToInt(s -> s.key().address().ipv4()).distinct().sorted().toArray();
        for (final VirtualService service : services)
        {
            final ServiceKey key = service.key();
            if (!key.isFwmark() && !key.address().isIpv6())
            {
                put(pack(key.protocol(), key.address().ipv4(), key.port()), service);
            }
        }
    }

    private static long pack(final int protocol, final int address, final int port)
    {
        return ((long)(protocol & 0xFF) << 48) | ((long)(port & 0xFFFF) << 32) | (address & 0xFFFFFFFFL);
    }

    private static int hash(final long key)
    {
        final long h = key * 0x9E3779B97F4A7C15L;
        return (int)(h ^ (h >>> 32));
    }

    private void put(final long key, final VirtualService service)
    {
        int index = hash(key) & mask;
        while (keys[index] != EMPTY)
        {
            index = (index + 1) & mask;
        }
        keys[index] = key;
        values[index] = service;
    }

    private VirtualService get(final long key)
    {
        int index = hash(key) & mask;
        long candidate;
        while ((candidate = keys[index]) != EMPTY)
        {
            if (candidate == key)
            {
                return values[index];
            }
            index = (index + 1) & mask;
        }
        return null;
    }

    /**
     * @param protocol IP protocol number.
     * @param address  destination address, host order.
     * @param port     destination port.
     * @return the service, the VIP's port-zero service, or null.
     */
    public VirtualService findIpv4(final int protocol, final int address, final int port)
    {
        final VirtualService exact = get(pack(protocol, address, port));
        return exact != null ? exact : get(pack(protocol, address, 0));
    }

    /**
     * @param protocol IP protocol number.
     * @param w0       destination address word 0 (big-endian value).
     * @param w1       word 1.
     * @param w2       word 2.
     * @param w3       word 3.
     * @param port     destination port.
     * @return the service, the VIP's port-zero service, or null.
     */
    public VirtualService findIpv6(
        final int protocol, final int w0, final int w1, final int w2, final int w3, final int port)
    {
        VirtualService portZero = null;
        for (final VirtualService service : ipv6)
        {
            final ServiceKey key = service.key();
            final InetAddr vip = key.address();
            if (key.protocol() == protocol && vip.word(0) == w0 && vip.word(1) == w1 && vip.word(2) == w2 &&
                vip.word(3) == w3)
            {
                if (key.port() == port)
                {
                    return service;
                }
                if (key.port() == 0)
                {
                    portZero = service;
                }
            }
        }
        return portZero;
    }

    /**
     * @param address an IPv4 address, host order.
     * @return true when some service has it as its VIP (the director answers ARP and ICMP echo for it).
     */
    public boolean isVipV4(final int address)
    {
        return Arrays.binarySearch(vipsV4, address) >= 0;
    }
}
