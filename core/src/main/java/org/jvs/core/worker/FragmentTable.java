package org.jvs.core.worker;

/**
 * Which connection the later fragments of an IPv4 datagram belong to. Only the first fragment carries the
 * ports a connection is found by; when the worker forwards a first fragment it records (source, destination,
 * identification, protocol) here, and the later fragments of the same datagram follow the same connection and
 * direction. Entries are overwritten when their slot is needed or they are older than the reassembly time
 * (30 s, Linux's ipfrag_time); a later fragment with no entry is dropped and counted. Owned by one worker;
 * open addressing over primitive arrays, nothing allocated after construction.
 */
final class FragmentTable
{
    /** No connection recorded. */
    static final int NONE = -1;
    private static final long MAX_AGE_NS = 30_000_000_000L;
    private static final int PROBES = 8;

    private final long[] addresses;
    private final int[] idAndProtocol;
    private final int[] entries;
    private final long[] stampNs;
    private final int mask;

    /**
     * @param capacity slots (rounded up to a power of two).
     */
    FragmentTable(final int capacity)
    {
        int slots = 16;
        while (slots < capacity)
        {
            slots <<= 1;
        }
        addresses = new long[slots];
        idAndProtocol = new int[slots];
        entries = new int[slots];
        stampNs = new long[slots];
        mask = slots - 1;
    }

    private static long key(final int source, final int destination)
    {
        return (long)source << 32 | (destination & 0xFFFF_FFFFL);
    }

    private int start(final long key, final int idProto)
    {
        final long h = (key ^ (long)idProto * 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        return (int)(h ^ (h >>> 31)) & mask;
    }

    /**
     * Record the connection of a first fragment.
     *
     * @param source      IPv4 source, host order.
     * @param destination IPv4 destination.
     * @param id          IP identification.
     * @param protocol    IP protocol.
     * @param value       the connection entry and direction, packed by the caller.
     * @param nowNs       time now.
     */
    void put(final int source, final int destination, final int id, final int protocol, final int value,
        final long nowNs)
    {
        final long key = key(source, destination);
        final int idProto = id << 8 | protocol;
        int victim = -1;
        for (int i = 0, slot = start(key, idProto); i < PROBES; i++, slot = (slot + 1) & mask)
        {
            final boolean same = addresses[slot] == key && idAndProtocol[slot] == idProto;
            if (same || entries[slot] == 0 || nowNs - stampNs[slot] > MAX_AGE_NS)
            {
                victim = slot;
                break;
            }
            if (victim < 0 || stampNs[slot] - stampNs[victim] < 0)
            {
                victim = slot;
            }
        }
        addresses[victim] = key;
        idAndProtocol[victim] = idProto;
        entries[victim] = value + 1;
        stampNs[victim] = nowNs;
    }

    /**
     * @param source      IPv4 source of a later fragment.
     * @param destination its destination.
     * @param id          its IP identification.
     * @param protocol    its protocol.
     * @param nowNs       time now.
     * @return the value recorded for its first fragment, or {@link #NONE}.
     */
    int get(final int source, final int destination, final int id, final int protocol, final long nowNs)
    {
        final long key = key(source, destination);
        final int idProto = id << 8 | protocol;
        for (int i = 0, slot = start(key, idProto); i < PROBES; i++, slot = (slot + 1) & mask)
        {
            if (entries[slot] != 0 && addresses[slot] == key && idAndProtocol[slot] == idProto &&
                nowNs - stampNs[slot] <= MAX_AGE_NS)
            {
                return entries[slot] - 1;
            }
        }
        return NONE;
    }
}
