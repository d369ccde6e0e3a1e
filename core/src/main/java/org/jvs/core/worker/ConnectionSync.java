package org.jvs.core.worker;

import java.nio.ByteBuffer;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.conn.TcpStates;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

/**
 * The master side of connection sync inside one worker, as IPVS's {@code ip_vs_sync_conn} with
 * {@code ip_vs_sync_conn_needed}: after each client packet of a connection the worker asks whether backups are to
 * hear of it now, and if so writes one fixed-size {@link SyncRecord} of the connection, then one of its
 * persistence template, into this worker's own ring (one producer, the worker; one consumer, the director's sync
 * sender, which encodes IPVS sync messages). Nothing is allocated and nothing is locked: the per-entry counters
 * are arrays sized by the table, the ring is claimed in place; a full ring drops the record and counts it.
 * <p>
 * When (sysctls {@code sync_threshold} T = 3, {@code sync_period} P = 50, {@code sync_refresh_period} R = 0,
 * {@code sync_retries} 0, as IPVS's defaults):
 * <ul>
 *   <li>a TCP connection only in ESTABLISHED, FIN_WAIT, CLOSE, CLOSE_WAIT or TIME_WAIT; a change into any of these
 *   but ESTABLISHED is sent at once;</li>
 *   <li>with R &gt; 0, not again while the new expiry differs from the one last sent by less than
 *   min(R, max(timeout / 2, 10 s));</li>
 *   <li>with P &gt; 0, on the client packets numbered T, T + P, T + 2P... of the connection; with P = 0 and R = 0
 *   only on packet T;</li>
 *   <li>a connection's template each time the connection is sent.</li>
 * </ul>
 * A one-packet (UDP {@code -o}) connection counts as at packet T.
 */
public final class ConnectionSync
{
    /** Default sync ring size per worker. */
    public static final int DEFAULT_RING_BYTES = 1 << 20;
    /** IPVS's default {@code sync_threshold}. */
    public static final int DEFAULT_THRESHOLD = 3;
    /** IPVS's default {@code sync_period}. */
    public static final int DEFAULT_PERIOD = 50;

    private static final int SYNCED_TCP_STATES = 1 << TcpStates.ESTABLISHED | 1 << TcpStates.FIN_WAIT |
        1 << TcpStates.CLOSE | 1 << TcpStates.CLOSE_WAIT | 1 << TcpStates.TIME_WAIT;
    private static final long MIN_REFRESH_DIFF_NS = 10_000_000_000L;

    private final RingBuffer ring;
    private final int[] inPackets;
    private final byte[] oldState;
    private final long[] sentExpiryNs;
    private volatile boolean master;
    private volatile int threshold = DEFAULT_THRESHOLD;
    private volatile int period = DEFAULT_PERIOD;
    private volatile long refreshPeriodNs;
    private long recordsWritten;
    private long ringFull;

    /**
     * @param capacity  the connection table's capacity (entries are indices below it).
     * @param ringBytes the ring's size, a power of two of at least 1 KiB (a record is at most 1/8 of it).
     */
    public ConnectionSync(final int capacity, final int ringBytes)
    {
        if (ringBytes < 1024 || Integer.bitCount(ringBytes) != 1)
        {
            throw new IllegalArgumentException("sync ring size must be a power of two >= 1024: " + ringBytes);
        }
        this.ring = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(ringBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        this.inPackets = new int[capacity];
        this.oldState = new byte[capacity];
        this.sentExpiryNs = new long[capacity];
    }

    /**
     * Send connection changes (the director is a sync master) or not.
     *
     * @param master true to send.
     */
    public void master(final boolean master)
    {
        this.master = master;
    }

    public boolean master()
    {
        return master;
    }

    /**
     * @param threshold       {@code sync_threshold}, 1..period-1 when period &gt; 0.
     * @param period          {@code sync_period}, 0 for none.
     * @param refreshPeriodNs {@code sync_refresh_period}, 0 for none.
     */
    public void configure(final int threshold, final int period, final long refreshPeriodNs)
    {
        if (threshold < 0 || period < 0 || (period > 0 && threshold >= period) || refreshPeriodNs < 0)
        {
            throw new IllegalArgumentException("sync_threshold " + threshold + " must be below sync_period " +
                period + " (both >= 0), sync_refresh_period >= 0");
        }
        this.threshold = threshold;
        this.period = period;
        this.refreshPeriodNs = refreshPeriodNs;
    }

    /**
     * A connection was made on this director (packet path): its counters start anew.
     *
     * @param entry the new entry.
     */
    public void onCreate(final int entry)
    {
        inPackets[entry] = 0;
        oldState[entry] = (byte)TcpStates.NONE;
        sentExpiryNs[entry] = 0;
    }

    /**
     * A client packet of a connection passed (after its state transition). Call only while {@link #master()}.
     *
     * @param table the worker's table.
     * @param entry the connection.
     * @param nowNs time of the packet.
     * @return true when the connection (and its template) was written to the ring.
     */
    public boolean onInPacket(final ConnectionTable table, final int entry, final long nowNs)
    {
        final int packets = (table.flags(entry) & ConnectionTable.F_ONE_PACKET) != 0 ? threshold : ++inPackets[entry];
        if (!needed(table, entry, packets, nowNs))
        {
            return false;
        }
        write(table, entry);
        final int template = table.control(entry);
        if (template != ConnectionTable.NONE)
        {
            write(table, template);
        }
        return true;
    }

    private boolean needed(final ConnectionTable table, final int entry, final int packets, final long nowNs)
    {
        final int state = table.state(entry);
        if (table.protocol(entry) == ServiceKey.TCP)
        {
            if ((SYNCED_TCP_STATES & (1 << state)) == 0)
            {
                return false;
            }
            if (state != oldState[entry] && state != TcpStates.ESTABLISHED)
            {
                return sent(entry, state, nowNs + table.timeoutNs(entry));
            }
        }
        final long expiryNs = nowNs + table.timeoutNs(entry);
        final long refreshNs = refreshPeriodNs;
        if (refreshNs > 0)
        {
            final long minDiffNs = Math.max(table.timeoutNs(entry) >> 1, MIN_REFRESH_DIFF_NS);
            if (Math.abs(expiryNs - sentExpiryNs[entry]) < Math.min(refreshNs, minDiffNs))
            {
                return false;
            }
        }
        final int p = period;
        if (p > 0)
        {
            if (packets % p != threshold)
            {
                return false;
            }
        }
        else if (refreshNs == 0 && packets != threshold)
        {
            return false;
        }
        return sent(entry, state, expiryNs);
    }

    private boolean sent(final int entry, final int state, final long expiryNs)
    {
        oldState[entry] = (byte)state;
        sentExpiryNs[entry] = expiryNs;
        return true;
    }

    private void write(final ConnectionTable table, final int entry)
    {
        final int index = ring.tryClaim(SyncRecord.MSG_TYPE, SyncRecord.LENGTH);
        if (index <= 0)
        {
            ringFull++;
            return;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        final VirtualService service = table.service(entry);
        final int fwmark = null != service && service.key().isFwmark() ? service.key().fwmark() : 0;
        SyncRecord.write(buffer, index, table, entry, fwmark);
        ring.commit(index);
        recordsWritten++;
    }

    /**
     * @return the ring the sync sender reads ({@link SyncRecord} messages).
     */
    public RingBuffer ring()
    {
        return ring;
    }

    /**
     * @return records written (read racily).
     */
    public long recordsWritten()
    {
        return recordsWritten;
    }

    /**
     * @return records dropped because the ring was full (read racily).
     */
    public long ringFull()
    {
        return ringFull;
    }
}
