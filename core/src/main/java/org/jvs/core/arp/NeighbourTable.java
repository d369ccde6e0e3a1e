package org.jvs.core.arp;

import java.util.Arrays;

/**
 * The director's own ARP cache: IPv4 address to MAC, for real servers and gateways. The director resolves
 * them itself because its kernel does not hold the VIP and does not forward (DESIGN.md).
 * <p>
 * Entries are static (from configuration, never expire), reachable (learned, valid for a reachable time) or
 * incomplete (being resolved: a request is sent, repeated every retry interval up to a number of probes, then
 * the entry fails until the next retry window). Primitive open addressing on the address, no removal: the
 * set of neighbours of a director is small and stable. Owned by one thread; nothing allocates after
 * construction.
 */
public final class NeighbourTable
{
    /** Returned by {@link #lookup} when no usable MAC is known. */
    public static final long NO_MAC = -1L;

    private static final byte FREE = 0;
    private static final byte INCOMPLETE = 1;
    private static final byte REACHABLE = 2;
    private static final byte STATIC = 3;
    private static final byte FAILED = 4;

    private final int[] addresses;
    private final long[] macs;
    private final byte[] states;
    private final long[] deadlineNs;
    private final int[] probes;
    private final int mask;
    private final long reachableNs;
    private final long retryNs;
    private final int maxProbes;
    private int size;

    /**
     * @param capacity    most neighbours (rounded up to a power of two, kept at most half full).
     * @param reachableNs how long a learned MAC is used before it is resolved again.
     * @param retryNs     interval between ARP requests while resolving.
     * @param maxProbes   requests sent before the neighbour is taken as failed.
     */
    public NeighbourTable(final int capacity, final long reachableNs, final long retryNs, final int maxProbes)
    {
        int slots = 16;
        while (slots < capacity * 2)
        {
            slots <<= 1;
        }
        addresses = new int[slots];
        macs = new long[slots];
        Arrays.fill(macs, NO_MAC);
        states = new byte[slots];
        deadlineNs = new long[slots];
        probes = new int[slots];
        mask = slots - 1;
        this.reachableNs = reachableNs;
        this.retryNs = retryNs;
        this.maxProbes = maxProbes;
    }

    private int slot(final int address)
    {
        int index = (address * 0x9E3779B9) >>> 16 & mask;
        while (states[index] != FREE && addresses[index] != address)
        {
            index = (index + 1) & mask;
        }
        return index;
    }

    private int claim(final int address)
    {
        final int index = slot(address);
        if (states[index] == FREE)
        {
            if ((size + 1) * 2 > addresses.length)
            {
                return -1;
            }
            size++;
            addresses[index] = address;
            states[index] = INCOMPLETE;
            probes[index] = 0;
            deadlineNs[index] = Long.MIN_VALUE;
        }
        return index;
    }

    /**
     * @param address IPv4 address, host order.
     * @param nowNs   current time.
     * @return the MAC to use, or {@link #NO_MAC} when it must be resolved first.
     */
    public long lookup(final int address, final long nowNs)
    {
        final int index = slot(address);
        final byte state = states[index];
        if (state == STATIC || (state == REACHABLE && nowNs - deadlineNs[index] < 0))
        {
            return macs[index];
        }
        return NO_MAC;
    }

    /**
     * Decide whether an ARP request for the address is due now, and record it as sent when it is. Call when
     * {@link #lookup} found no MAC.
     *
     * @param address IPv4 address, host order.
     * @param nowNs   current time.
     * @return true when the caller must send an ARP request now.
     */
    public boolean probeDue(final int address, final long nowNs)
    {
        final int index = claim(address);
        if (index < 0 || states[index] == STATIC)
        {
            return false;
        }
        if (states[index] == REACHABLE)
        {
            states[index] = INCOMPLETE;
            probes[index] = 0;
            deadlineNs[index] = Long.MIN_VALUE;
        }
        if (states[index] == FAILED)
        {
            if (nowNs - deadlineNs[index] < 0)
            {
                return false;
            }
            states[index] = INCOMPLETE;
            probes[index] = 0;
            deadlineNs[index] = Long.MIN_VALUE;
        }
        if (deadlineNs[index] != Long.MIN_VALUE && nowNs - deadlineNs[index] < 0)
        {
            return false;
        }
        if (probes[index] >= maxProbes)
        {
            states[index] = FAILED;
            deadlineNs[index] = nowNs + retryNs * maxProbes;
            return false;
        }
        probes[index]++;
        deadlineNs[index] = nowNs + retryNs;
        return true;
    }

    /**
     * @param address IPv4 address, host order.
     * @param nowNs   current time.
     * @return true when resolution gave up (all probes unanswered): frames waiting for it should be dropped.
     */
    public boolean hasFailed(final int address, final long nowNs)
    {
        final int index = slot(address);
        if (states[index] == INCOMPLETE && probes[index] >= maxProbes && nowNs - deadlineNs[index] >= 0)
        {
            states[index] = FAILED;
            deadlineNs[index] = nowNs + retryNs * maxProbes;
        }
        return states[index] == FAILED;
    }

    /**
     * Learn a MAC from an ARP reply or request. Static entries are not overwritten.
     *
     * @param address IPv4 address, host order.
     * @param mac     48-bit MAC.
     * @param nowNs   current time.
     * @return true when the address was being resolved or was known (so the update matters).
     */
    public boolean learn(final int address, final long mac, final long nowNs)
    {
        final int index = claim(address);
        if (index < 0 || states[index] == STATIC)
        {
            return false;
        }
        macs[index] = mac;
        states[index] = REACHABLE;
        deadlineNs[index] = nowNs + reachableNs;
        probes[index] = 0;
        return true;
    }

    /**
     * @param address IPv4 address, host order.
     * @return true when the address has an entry of any state (so ARP traffic from it is worth learning).
     */
    public boolean knows(final int address)
    {
        return states[slot(address)] != FREE;
    }

    /**
     * Add a static entry (configuration); it never expires and is never probed.
     *
     * @param address IPv4 address, host order.
     * @param mac     48-bit MAC.
     */
    public void addStatic(final int address, final long mac)
    {
        final int index = claim(address);
        if (index < 0)
        {
            throw new IllegalStateException("neighbour table full");
        }
        macs[index] = mac;
        states[index] = STATIC;
    }
}
