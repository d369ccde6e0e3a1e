package org.jvs.core.conn;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;

/**
 * One worker's IPVS connection table ({@code ip_vs_conn.c}): connection entries and persistence templates,
 * their TCP/UDP state, timeouts and expiry, and the active/inactive counts they give their real servers.
 * <p>
 * <b>Layout</b> (STYLE.md section 7). Entries live in a pool preallocated at construction. Their primitive
 * fields are interleaved in one {@code long[]}, 16 longs (128 bytes) per entry, as Agrona's Int2IntHashMap
 * interleaves key and value: the tuple in the first eight longs, which a lookup compares, and the entry's life
 * (expiry, timeout, state, flags, handler, template links) in the next eight, which a packet's state update
 * reads and writes; so a hit touches two or three adjacent cache lines rather than one line per field.
 * Parallel object arrays hold the entry's {@link RealServer} and {@link VirtualService}. The index is an
 * open-addressing table of {@code long} slots (a power of two, at least twice the capacity), each holding
 * {@code hash << 32 | entry + 1} (0 = empty), probed linearly and cleared by shifting back (no tombstones).
 * The tuple is packed into longs: each address as two longs
 * ({@link ConnectionTuple}), the protocol, family, template bit and two ports as one key long.
 * <p>
 * <b>Both directions, one index.</b> As IPVS does, an entry is hashed on its client side only:
 * (protocol, family, CIP, cport), with a random seed. A client packet (CIP:cport → VIP:vport) and a NAT reply
 * (RIP:rport → CIP:cport) both carry CIP:cport, so {@link #lookupIn} and {@link #lookupOut} probe the same
 * run of slots and compare a different half of the tuple: VIP:vport going in, RIP:rport coming out.
 * <p>
 * <b>Per packet</b> nothing is allocated, nothing throws, results are entry numbers ({@link #NONE} = -1).
 * Time is the caller's {@code nowNs}; the clock is never read here. A lookup that finds an entry past its
 * expiry expires it then (what IPVS's timer would already have done) and reports a miss.
 * <p>
 * <b>Expiry</b>: a {@link TimerWheel}; the worker calls {@link #expire} from its duty cycle with a work bound.
 * A template that still controls connections is not removed when it expires: it is re-armed for 60 s, as
 * IPVS's {@code ip_vs_conn_expire} does. When the pool is full a new entry is refused and counted; no
 * entry is ever evicted to make room.
 * <p>
 * A worker uses it so:
 * <pre>
 *   // client packet CIP:cport -&gt; VIP:vport
 *   int e = table.lookupIn4(proto, cip, cport, vip, vport, nowNs);
 *   if (e == NONE &amp;&amp; TcpStates.startsConnection(tcpFlags, false))
 *       e = connections.newConnection(service, request);   // ConnectionScheduler: persistence, schedule, entry
 *   if (e != NONE) { table.onPacket(e, TcpStates.INPUT, tcpFlags, nowNs); forward by table.handler(e); }
 *   // NAT reply RIP:rport -&gt; CIP:cport
 *   e = table.lookupOut4(proto, rip, rport, cip, cport, nowNs);
 *   if (e != NONE) table.onPacket(e, TcpStates.OUTPUT, tcpFlags, nowNs);
 *   // once per duty cycle
 *   table.expire(nowNs, workLimit);
 * </pre>
 * Owned by one worker thread (STYLE.md section 3), including its real servers' counts; not thread-safe.
 */
public final class ConnectionTable
{
    /** No entry. */
    public static final int NONE = -1;

    /** IP_VS_CONN_F_FWD_MASK: the forwarding method bits. */
    public static final int F_FWD_MASK = 0x0007;
    /** IP_VS_CONN_F_MASQ: NAT. */
    public static final int F_MASQ = 0x0000;
    /** IP_VS_CONN_F_LOCALNODE. */
    public static final int F_LOCALNODE = 0x0001;
    /** IP_VS_CONN_F_TUNNEL. */
    public static final int F_TUNNEL = 0x0002;
    /** IP_VS_CONN_F_DROUTE. */
    public static final int F_DROUTE = 0x0003;
    /** IP_VS_CONN_F_BYPASS. */
    public static final int F_BYPASS = 0x0004;
    /** IP_VS_CONN_F_SYNC: made by connection sync. */
    public static final int F_SYNC = 0x0020;
    /** IP_VS_CONN_F_HASHED: in the index. */
    public static final int F_HASHED = 0x0040;
    /** IP_VS_CONN_F_NOOUTPUT: no reply seen (DR/TUN keep it): state from the INPUT-ONLY table. */
    public static final int F_NOOUTPUT = 0x0080;
    /** IP_VS_CONN_F_INACTIVE: counted in its server's InActConn. */
    public static final int F_INACTIVE = 0x0100;
    /** IP_VS_CONN_F_NO_CPORT. */
    public static final int F_NO_CPORT = 0x0800;
    /** IP_VS_CONN_F_TEMPLATE: a persistence template, not a connection. */
    public static final int F_TEMPLATE = 0x1000;
    /** IP_VS_CONN_F_ONE_PACKET: UDP one-packet scheduling ({@code ipvsadm -o}). */
    public static final int F_ONE_PACKET = 0x2000;

    /** UDP's single state (IP_VS_UDP_S_NORMAL), printed {@code UDP}. */
    public static final int UDP_NORMAL = 0;
    /** Timeout IPVS gives a new entry before its first packet sets a state's: 3 s. */
    public static final long INITIAL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(3);
    /** Timeout IPVS re-arms an expired template with while it still controls connections: 60 s. */
    public static final long TEMPLATE_RECHECK_NS = TimeUnit.SECONDS.toNanos(60);
    /** Default tick of the expiry wheel: 2^24 ns (about 16.8 ms). */
    public static final int DEFAULT_TICK_SHIFT = 24;
    /** Default bucket count of the expiry wheel: with the default tick it spans about 1126 s. */
    public static final int DEFAULT_WHEEL_BUCKETS = 1 << 16;

    private static final long TEMPLATE_KEY_BIT = 1L << 16;

    // Fields of an entry in {@link #entries}: the lookup key first (one line), then its life (the next).
    private static final int SHIFT = 4;
    private static final int IN_KEY = 0;
    private static final int OUT_KEY = 1;
    // Each address is two fields, low word right after high word: probe() relies on it.
    private static final int CLIENT_HI = 2;
    private static final int CLIENT_LO = 3;
    private static final int VIRTUAL_HI = 4;
    private static final int VIRTUAL_LO = 5;
    private static final int DESTINATION_HI = 6;
    private static final int DESTINATION_LO = 7;
    private static final int EXPIRES_AT_NS = 8;
    private static final int TIMEOUT_NS = 9;
    private static final int STATE = 10;
    private static final int FLAGS = 11;
    private static final int HANDLER = 12;
    private static final int CONTROL = 13;
    private static final int CONTROLLED = 14;
    private static final int HASH = 15;
    private static final int PORT_MASK = 0xFFFF;

    private final int capacity;
    private final int slotMask;
    private final long[] slots;
    private long hashSeed;

    /** Every primitive field of entry e at {@code entries[e * STRIDE + field]}: one entry = two cache lines. */
    private final long[] entries;
    private final boolean[] inUse;
    private final RealServer[] server;
    private final VirtualService[] service;
    private final int[] freeList;
    private int freeCount;

    private final Timeouts timeouts;
    private final TimerWheel wheel;
    private final TimerWheel.Handler onTimer = this::onTimer;
    private boolean preEstablishedActive;
    private long tableFullDrops;
    private long expiredCount;

    /**
     * A table with a random hash seed and the default expiry wheel.
     *
     * @param capacity most entries (connections and templates) it can hold.
     * @param timeouts the worker's timeouts.
     */
    public ConnectionTable(final int capacity, final Timeouts timeouts)
    {
        this(capacity, timeouts, ThreadLocalRandom.current().nextLong(), DEFAULT_TICK_SHIFT, DEFAULT_WHEEL_BUCKETS);
    }

    /**
     * @param capacity     most entries (connections and templates) it can hold, 1..2^26.
     * @param timeouts     the worker's timeouts.
     * @param hashSeed     seed of the index hash.
     * @param tickShift    expiry wheel tick is 2^tickShift ns.
     * @param wheelBuckets expiry wheel buckets, a power of two.
     */
    public ConnectionTable(
        final int capacity, final Timeouts timeouts, final long hashSeed, final int tickShift, final int wheelBuckets)
    {
        if (capacity < 1 || capacity > 1 << 26)
        {
            throw new IllegalArgumentException("connection table capacity must be 1..2^26: " + capacity);
        }
        this.capacity = capacity;
        final int slotCount = Integer.highestOneBit(capacity * 2 - 1) << 1;
        this.slotMask = slotCount - 1;
        this.slots = new long[slotCount];
        this.hashSeed = hashSeed;
        this.timeouts = timeouts;
        entries = new long[capacity << SHIFT];
        inUse = new boolean[capacity];
        server = new RealServer[capacity];
        service = new VirtualService[capacity];
        freeList = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            freeList[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        wheel = new TimerWheel(capacity, tickShift, wheelBuckets);
    }

    /**
     * Change the hash seed (tests). Only while the table is empty.
     *
     * @param seed the new seed.
     * @return this.
     */
    public ConnectionTable hashSeed(final long seed)
    {
        if (size() != 0)
        {
            throw new IllegalStateException("hash seed can change only while the table is empty");
        }
        hashSeed = seed;
        return this;
    }

    /**
     * Count SYN_SENT, SYN_RECV and SYNACK as active too, as Linux does since 4.10 ({@code tcp_state_active});
     * by default only ESTABLISHED is active (LVS-SEMANTICS.md, IPVS before 4.10).
     *
     * @param enabled true for the newer rule.
     * @return this.
     */
    public ConnectionTable preEstablishedActive(final boolean enabled)
    {
        preEstablishedActive = enabled;
        return this;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Hashing and keys

    private static int at(final int entry, final int field)
    {
        return (entry << SHIFT) + field;
    }

    static int hash(final long seed, final int protocol, final int family, final long hi, final long lo, final int port)
    {
        long h = seed ^ (protocol | (long)family << 8 | (long)port << 16);
        h = (h ^ hi) * 0x9E3779B97F4A7C15L;
        h = (Long.rotateLeft(h, 29) ^ lo) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int)h;
    }

    private static long key(final int protocol, final int family, final boolean template, final int port1,
        final int port2)
    {
        return (protocol & 0xFF) | (long)(family & 0xFF) << 8 | (template ? TEMPLATE_KEY_BIT : 0) |
            (long)(port1 & PORT_MASK) << 24 | (long)(port2 & PORT_MASK) << 40;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Lookups (per packet)

    /**
     * Find the connection of a client packet (CIP:cport → VIP:vport), as {@code ip_vs_conn_in_get}.
     *
     * @param protocol   IP protocol number.
     * @param family     address family.
     * @param clientHi   CIP high 64 bits (0 for IPv4).
     * @param clientLo   CIP low 64 bits.
     * @param clientPort cport.
     * @param vipHi      VIP high 64 bits.
     * @param vipLo      VIP low 64 bits.
     * @param vport      virtual port.
     * @param nowNs      time of the packet.
     * @return the entry, or {@link #NONE}.
     */
    public int lookupIn(
        final int protocol, final int family, final long clientHi, final long clientLo, final int clientPort,
        final long vipHi, final long vipLo, final int vport, final long nowNs)
    {
        final long wanted = key(protocol, family, false, clientPort, vport);
        final int h = hash(hashSeed, protocol, family, clientHi, clientLo, clientPort);
        return probe(h, wanted, IN_KEY, clientHi, clientLo, VIRTUAL_HI, vipHi, vipLo, nowNs);
    }

    /**
     * {@link #lookupIn} for IPv4.
     *
     * @param protocol   IP protocol number.
     * @param clientIp   CIP, host order.
     * @param clientPort cport.
     * @param vip        VIP, host order.
     * @param vport      virtual port.
     * @param nowNs      time of the packet.
     * @return the entry, or {@link #NONE}.
     */
    public int lookupIn4(
        final int protocol, final int clientIp, final int clientPort, final int vip, final int vport, final long nowNs)
    {
        return lookupIn(protocol, InetAddr.AF_INET, 0, clientIp & 0xFFFF_FFFFL, clientPort, 0, vip & 0xFFFF_FFFFL,
            vport, nowNs);
    }

    /**
     * Find the connection of a reply from a real server (RIP:rport → CIP:cport), as {@code ip_vs_conn_out_get}:
     * what NAT needs to rewrite the source back to VIP:vport.
     *
     * @param protocol   IP protocol number.
     * @param family     address family.
     * @param ripHi      RIP high 64 bits (the reply's source).
     * @param ripLo      RIP low 64 bits.
     * @param rport      real port (the reply's source port).
     * @param clientHi   CIP high 64 bits (the reply's destination).
     * @param clientLo   CIP low 64 bits.
     * @param clientPort cport (the reply's destination port).
     * @param nowNs      time of the packet.
     * @return the entry, or {@link #NONE}.
     */
    public int lookupOut(
        final int protocol, final int family, final long ripHi, final long ripLo, final int rport,
        final long clientHi, final long clientLo, final int clientPort, final long nowNs)
    {
        final long wanted = key(protocol, family, false, clientPort, rport);
        final int h = hash(hashSeed, protocol, family, clientHi, clientLo, clientPort);
        return probe(h, wanted, OUT_KEY, clientHi, clientLo, DESTINATION_HI, ripHi, ripLo, nowNs);
    }

    /**
     * {@link #lookupOut} for IPv4.
     *
     * @param protocol   IP protocol number.
     * @param rip        RIP, host order (the reply's source).
     * @param rport      real port.
     * @param clientIp   CIP, host order (the reply's destination).
     * @param clientPort cport.
     * @param nowNs      time of the packet.
     * @return the entry, or {@link #NONE}.
     */
    public int lookupOut4(
        final int protocol, final int rip, final int rport, final int clientIp, final int clientPort, final long nowNs)
    {
        return lookupOut(protocol, InetAddr.AF_INET, 0, rip & 0xFFFF_FFFFL, rport, 0, clientIp & 0xFFFF_FFFFL,
            clientPort, nowNs);
    }

    /**
     * Find a persistence template {@code <protocol, CIP & mask, 0, VIP, vport>} ({@code ip_vs_ct_in_get}).
     *
     * @param protocol IP protocol number (0 for a fwmark template).
     * @param family   address family.
     * @param netHi    masked CIP high 64 bits.
     * @param netLo    masked CIP low 64 bits.
     * @param vipHi    VIP (or fwmark) high 64 bits.
     * @param vipLo    VIP (or fwmark) low 64 bits.
     * @param vport    virtual port (0 for port-zero and fwmark services).
     * @param nowNs    time now.
     * @return the template entry, or {@link #NONE}.
     */
    public int lookupTemplate(
        final int protocol, final int family, final long netHi, final long netLo, final long vipHi, final long vipLo,
        final int vport, final long nowNs)
    {
        final long wanted = key(protocol, family, true, 0, vport);
        final int h = hash(hashSeed, protocol, family, netHi, netLo, 0);
        return probe(h, wanted, IN_KEY, netHi, netLo, VIRTUAL_HI, vipHi, vipLo, nowNs);
    }

    /**
     * The one probe behind every lookup: walk the run of slots from the hash and compare the key word, the client
     * side and the other side (VIP going in, RIP coming out); {@code otherHiField + 1} is the low word's field.
     */
    private int probe(
        final int h,
        final long wanted,
        final int keyField,
        final long clientHi,
        final long clientLo,
        final int otherHiField,
        final long otherHi,
        final long otherLo,
        final long nowNs)
    {
        for (int i = h & slotMask, n = 0; n <= slotMask; i = (i + 1) & slotMask, n++)
        {
            final long slot = slots[i];
            if (slot == 0)
            {
                return NONE;
            }
            final int e = (int)slot - 1;
            final int base = e << SHIFT;
            if ((int)(slot >>> 32) == h && entries[base + keyField] == wanted &&
                entries[base + CLIENT_LO] == clientLo && entries[base + otherHiField + 1] == otherLo &&
                entries[base + CLIENT_HI] == clientHi && entries[base + otherHiField] == otherHi)
            {
                return live(e, nowNs);
            }
        }
        return NONE;
    }

    private int live(final int entry, final long nowNs)
    {
        if (entries[at(entry, EXPIRES_AT_NS)] > nowNs || !expireEntry(entry, nowNs))
        {
            return entry;
        }
        return NONE;
    }

    // ---------------------------------------------------------------------------------------------------------
    // State (per packet)

    /**
     * A packet of the connection passed: run IPVS's state transition ({@code set_tcp_state} for TCP, the UDP
     * refresh otherwise; a one-packet UDP entry gets timeout 0), move the connection between its server's
     * ActiveConn and InActConn when it enters or leaves an active state, take the new state's timeout and
     * re-arm the expiry with it.
     *
     * @param entry     a connection entry (not a template).
     * @param direction {@link TcpStates#INPUT} for a client packet, {@link TcpStates#OUTPUT} for a reply.
     * @param tcpFlags  the TCP flags byte (ignored for UDP).
     * @param nowNs     time of the packet.
     * @return the entry's state after the packet.
     */
    public int onPacket(final int entry, final int direction, final int tcpFlags, final long nowNs)
    {
        final int base = entry << SHIFT;
        if ((int)(entries[base + IN_KEY] & 0xFF) != ServiceKey.TCP)
        {
            // One-packet scheduling (ipvsadm -o): the entry ends with its packet; the next one is scheduled anew.
            entries[base + TIMEOUT_NS] = (entries[base + FLAGS] & F_ONE_PACKET) != 0 ? 0 : timeouts.udpNs();
            rearm(entry, nowNs);
            return (int)entries[base + STATE];
        }
        int f = (int)entries[base + FLAGS];
        int tableDirection = direction;
        if ((f & F_NOOUTPUT) != 0)
        {
            if (direction == TcpStates.OUTPUT)
            {
                f &= ~F_NOOUTPUT;
            }
            else
            {
                tableDirection = TcpStates.INPUT_ONLY;
            }
        }
        final int oldState = (int)entries[base + STATE];
        final int newState = TcpStates.next(tableDirection, tcpFlags, oldState);
        if (newState != oldState)
        {
            final boolean active = isActiveState(newState);
            if ((f & F_INACTIVE) == 0 && !active)
            {
                server[entry].deactivate();
                f |= F_INACTIVE;
            }
            else if ((f & F_INACTIVE) != 0 && active)
            {
                server[entry].activate();
                f &= ~F_INACTIVE;
            }
            entries[base + STATE] = newState;
        }
        entries[base + FLAGS] = f;
        entries[base + TIMEOUT_NS] = timeouts.tcpNs(newState);
        rearm(entry, nowNs);
        return newState;
    }

    /**
     * IPVS's {@code is_new_conn_expected} (sysctl {@code conn_reuse_mode}, default 1): a SYN that finds this
     * entry may start a new connection, scheduled anew, when the entry is a TCP connection under no template
     * in TIME_WAIT or CLOSE, or (bit 2 of the mode) in FIN_WAIT with no reply seen. The worker then
     * {@link #remove}s the entry and schedules the SYN as a new connection.
     *
     * @param entry          an entry found by a SYN.
     * @param connReuseMode  the {@code conn_reuse_mode} setting (0 disables reuse).
     * @return true when the SYN starts a new connection.
     */
    public boolean reuseExpected(final int entry, final int connReuseMode)
    {
        final int base = entry << SHIFT;
        if (connReuseMode == 0 || (int)entries[base + CONTROL] != NONE ||
            (int)(entries[base + IN_KEY] & 0xFF) != ServiceKey.TCP)
        {
            return false;
        }
        final int tcpState = (int)entries[base + STATE];
        return tcpState == TcpStates.TIME_WAIT || tcpState == TcpStates.CLOSE ||
            (connReuseMode & 2) != 0 && tcpState == TcpStates.FIN_WAIT &&
            (entries[base + FLAGS] & F_NOOUTPUT) != 0;
    }

    private boolean isActiveState(final int tcpState)
    {
        return tcpState == TcpStates.ESTABLISHED || preEstablishedActive &&
            (tcpState == TcpStates.SYN_SENT || tcpState == TcpStates.SYN_RECV || tcpState == TcpStates.SYNACK);
    }

    /**
     * Re-arm an entry's expiry with its current timeout ({@code ip_vs_conn_put}).
     *
     * @param entry an entry.
     * @param nowNs time now.
     */
    public void rearm(final int entry, final long nowNs)
    {
        final int base = entry << SHIFT;
        final long deadlineNs = nowNs + entries[base + TIMEOUT_NS];
        final long previousNs = entries[base + EXPIRES_AT_NS];
        entries[base + EXPIRES_AT_NS] = deadlineNs;
        if (deadlineNs < previousNs)
        {
            // Later deadlines stay filed where they are (found moved when their bucket comes due).
            wheel.rearm(entry, deadlineNs);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Making and removing entries

    /**
     * Make an entry ({@code ip_vs_conn_new}): bind it to its server (counted inactive, or in PersistConn for a
     * template), take the server's forwarding method into its flags (with {@link #F_NOOUTPUT} unless NAT),
     * state NONE (UDP: {@link #UDP_NORMAL}), timeout 3 s until its first packet, and hash it.
     *
     * @param tuple     addresses and ports.
     * @param entryFlags {@link #F_TEMPLATE} and/or {@link #F_ONE_PACKET}, else 0.
     * @param dest      the real server.
     * @param owner     the virtual service.
     * @param nowNs     time now.
     * @return the entry, or {@link #NONE} (counted) when the table is full.
     */
    public int create(
        final ConnectionTuple tuple, final int entryFlags, final RealServer dest, final VirtualService owner,
        final long nowNs)
    {
        if (freeCount == 0)
        {
            tableFullDrops++;
            return NONE;
        }
        final int e = freeList[--freeCount];
        final int base = e << SHIFT;
        final boolean template = (entryFlags & F_TEMPLATE) != 0;
        final int protocol = tuple.protocol();
        final int family = tuple.family();
        entries[base + IN_KEY] = key(protocol, family, template, tuple.clientPort(), tuple.virtualPort());
        entries[base + OUT_KEY] =
            key(protocol, family, template, tuple.clientPort(), tuple.destinationPort());
        entries[base + CLIENT_HI] = tuple.clientHi();
        entries[base + CLIENT_LO] = tuple.clientLo();
        entries[base + VIRTUAL_HI] = tuple.virtualHi();
        entries[base + VIRTUAL_LO] = tuple.virtualLo();
        entries[base + DESTINATION_HI] = tuple.destinationHi();
        entries[base + DESTINATION_LO] = tuple.destinationLo();
        final int fwd = forwardFlags(dest.forwardMethod());
        entries[base + FLAGS] = entryFlags | fwd | F_INACTIVE | (fwd != F_MASQ ? F_NOOUTPUT : 0);
        entries[base + STATE] = template || protocol != ServiceKey.TCP ? UDP_NORMAL : TcpStates.NONE;
        entries[base + HANDLER] = -1;
        entries[base + CONTROL] = NONE;
        entries[base + CONTROLLED] = 0;
        server[e] = dest;
        service[e] = owner;
        inUse[e] = true;
        dest.bind(template, false);
        entries[base + TIMEOUT_NS] = INITIAL_TIMEOUT_NS;
        entries[base + EXPIRES_AT_NS] = nowNs + INITIAL_TIMEOUT_NS;
        wheel.add(e, entries[base + EXPIRES_AT_NS], nowNs);
        entries[base + HASH] =
            hash(hashSeed, protocol, family, tuple.clientHi(), tuple.clientLo(), tuple.clientPort());
        insert(e);
        return e;
    }

    /**
     * Make an entry received by connection sync on a backup director: as {@link #create}, then with the
     * master's state, timeout and activity ({@link #F_INACTIVE} as sent, which IPVS keeps for synced
     * connections), marked {@link #F_SYNC}.
     *
     * @param tuple      addresses and ports.
     * @param syncFlags  the master's IP_VS_CONN_F_* flags ({@link #F_TEMPLATE}, {@link #F_INACTIVE},
     *                   {@link #F_ONE_PACKET} are used).
     * @param syncState  the master's state.
     * @param timeoutNs  the timeout to arm (IPVS: the message's, else the state's).
     * @param dest       the real server.
     * @param owner      the virtual service.
     * @param nowNs      time now.
     * @return the entry, or {@link #NONE} (counted) when the table is full.
     */
    public int createSynced(
        final ConnectionTuple tuple, final int syncFlags, final int syncState, final long timeoutNs,
        final RealServer dest, final VirtualService owner, final long nowNs)
    {
        final int e = create(tuple, syncFlags & (F_TEMPLATE | F_ONE_PACKET), dest, owner, nowNs);
        if (e == NONE)
        {
            return NONE;
        }
        final int base = e << SHIFT;
        if ((syncFlags & (F_TEMPLATE | F_INACTIVE)) == 0)
        {
            dest.activate();
            entries[base + FLAGS] &= ~F_INACTIVE;
        }
        entries[base + FLAGS] |= F_SYNC;
        entries[base + STATE] = syncState;
        entries[base + TIMEOUT_NS] = timeoutNs;
        entries[base + EXPIRES_AT_NS] = nowNs + timeoutNs;
        wheel.schedule(e, nowNs + timeoutNs);
        return e;
    }

    /**
     * A connection a backup already holds was sent again by the master ({@code ip_vs_proc_conn} on a known
     * entry): take the master's state and activity ({@link #F_INACTIVE}, moving the connection between its
     * server's ActiveConn and InActConn), arm the timeout given and re-arm the expiry.
     *
     * @param entry     a connection (not a template).
     * @param syncFlags the master's IP_VS_CONN_F_* flags (only {@link #F_INACTIVE} is taken).
     * @param syncState the master's state.
     * @param timeoutNs the timeout to arm.
     * @param nowNs     time now.
     */
    public void updateSynced(
        final int entry, final int syncFlags, final int syncState, final long timeoutNs, final long nowNs)
    {
        final int base = entry << SHIFT;
        int f = (int)entries[base + FLAGS];
        if ((f & F_TEMPLATE) == 0 && ((f ^ syncFlags) & F_INACTIVE) != 0)
        {
            if ((syncFlags & F_INACTIVE) != 0)
            {
                server[entry].deactivate();
                f |= F_INACTIVE;
            }
            else
            {
                server[entry].activate();
                f &= ~F_INACTIVE;
            }
        }
        entries[base + FLAGS] = f;
        entries[base + STATE] = syncState;
        entries[base + TIMEOUT_NS] = timeoutNs;
        rearm(entry, nowNs);
    }

    /**
     * @param method a real server's forwarding method.
     * @return IPVS's IP_VS_CONN_F_* bits for it.
     */
    public static int forwardFlags(final ForwardMethod method)
    {
        switch (method)
        {
            case MASQ:
                return F_MASQ;
            case LOCAL:
                return F_LOCALNODE;
            case TUNNEL:
                return F_TUNNEL;
            case ROUTE:
                return F_DROUTE;
            default:
                return F_DROUTE;
        }
    }

    private void insert(final int entry)
    {
        final int h = (int)entries[at(entry, HASH)];
        int i = h & slotMask;
        while (slots[i] != 0)
        {
            i = (i + 1) & slotMask;
        }
        slots[i] = (long)h << 32 | (entry + 1L);
        entries[at(entry, FLAGS)] |= F_HASHED;
    }

    private void unhash(final int entry)
    {
        if (((int)entries[at(entry, FLAGS)] & F_HASHED) == 0)
        {
            return;
        }
        entries[at(entry, FLAGS)] &= ~F_HASHED;
        final long wanted = (long)(int)entries[at(entry, HASH)] << 32 | (entry + 1L);
        int hole = (int)entries[at(entry, HASH)] & slotMask;
        while (slots[hole] != wanted)
        {
            hole = (hole + 1) & slotMask;
        }
        slots[hole] = 0;
        // Shift back (Knuth's algorithm R): move up every later slot of the run whose home is not in (hole, i].
        for (int i = (hole + 1) & slotMask; slots[i] != 0; i = (i + 1) & slotMask)
        {
            final int home = (int)(slots[i] >>> 32) & slotMask;
            final boolean stays = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (!stays)
            {
                slots[hole] = slots[i];
                slots[i] = 0;
                hole = i;
            }
        }
    }

    /**
     * Put a connection under a template's control ({@code ip_vs_control_add}).
     *
     * @param entry    a connection.
     * @param template its template.
     */
    public void control(final int entry, final int template)
    {
        if ((int)entries[at(entry, CONTROL)] != NONE)
        {
            entries[at((int)entries[at(entry, CONTROL)], CONTROLLED)]--;
        }
        entries[at(entry, CONTROL)] = template;
        entries[at(template, CONTROLLED)]++;
    }

    /**
     * Make a template unfindable ({@code ip_vs_check_template} on an unusable server): it leaves the index,
     * its ports become 65535 as IPVS shows them, and it lives on until it expires with no connection under it.
     *
     * @param template a template entry.
     */
    public void invalidateTemplate(final int template)
    {
        unhash(template);
        final long keep = TEMPLATE_KEY_BIT | 0xFFFF;
        entries[at(template, IN_KEY)] = (entries[at(template, IN_KEY)] & keep) | (long)PORT_MASK << 40;
        entries[at(template, OUT_KEY)] = (entries[at(template, OUT_KEY)] & keep) | (long)PORT_MASK << 40;
    }

    /**
     * Set an entry's timeout (a template's: the service's persistence timeout); applied at the next re-arm.
     *
     * @param entry an entry.
     * @param ns    timeout in ns.
     */
    public void timeoutNs(final int entry, final long ns)
    {
        entries[at(entry, TIMEOUT_NS)] = ns;
    }

    private void onTimer(final int entry, final long nowNs)
    {
        if (entries[at(entry, EXPIRES_AT_NS)] <= nowNs)
        {
            expireEntry(entry, nowNs);
        }
        else
        {
            wheel.schedule(entry, entries[at(entry, EXPIRES_AT_NS)]);
        }
    }

    /**
     * {@code ip_vs_conn_expire}: a template that still controls connections is re-armed for 60 s; anything
     * else is removed, uncounted from its server and from its template.
     *
     * @return true when removed.
     */
    private boolean expireEntry(final int entry, final long nowNs)
    {
        if ((int)entries[at(entry, CONTROLLED)] > 0)
        {
            entries[at(entry, TIMEOUT_NS)] = TEMPLATE_RECHECK_NS;
            entries[at(entry, EXPIRES_AT_NS)] = nowNs + TEMPLATE_RECHECK_NS;
            wheel.schedule(entry, entries[at(entry, EXPIRES_AT_NS)]);
            return false;
        }
        release(entry);
        expiredCount++;
        return true;
    }

    private void release(final int entry)
    {
        unhash(entry);
        wheel.remove(entry);
        final int template = (int)entries[at(entry, CONTROL)];
        if (template != NONE)
        {
            entries[at(template, CONTROLLED)]--;
            entries[at(entry, CONTROL)] = NONE;
        }
        final int f = (int)entries[at(entry, FLAGS)];
        server[entry].unbind((f & F_TEMPLATE) != 0, (f & F_INACTIVE) == 0);
        server[entry] = null;
        service[entry] = null;
        inUse[entry] = false;
        entries[at(entry, FLAGS)] = 0;
        freeList[freeCount++] = entry;
    }

    /**
     * Remove an entry now (control plane: flush, or a sync message), uncounting it as expiry would.
     * A template that still controls connections is not removed.
     *
     * @param entry a live entry.
     * @return true when removed.
     */
    public boolean remove(final int entry)
    {
        if (!isLive(entry) || (int)entries[at(entry, CONTROLLED)] > 0)
        {
            return false;
        }
        release(entry);
        return true;
    }

    /**
     * For tests: put a TCP connection in a state directly, moving its server's counts as a transition would.
     *
     * @param entry    a TCP connection.
     * @param tcpState the state.
     */
    void forceState(final int entry, final int tcpState)
    {
        final boolean active = isActiveState(tcpState);
        if (((int)entries[at(entry, FLAGS)] & F_INACTIVE) != 0 && active)
        {
            server[entry].activate();
            entries[at(entry, FLAGS)] &= ~F_INACTIVE;
        }
        else if (((int)entries[at(entry, FLAGS)] & F_INACTIVE) == 0 && !active)
        {
            server[entry].deactivate();
            entries[at(entry, FLAGS)] |= F_INACTIVE;
        }
        entries[at(entry, STATE)] = tcpState;
    }

    /**
     * Expire due entries: call from the worker's duty cycle; bounded work, no allocation.
     *
     * @param nowNs     time now.
     * @param workLimit most entries examined (plus wheel buckets passed) in this call.
     * @return work done, 0 when idle.
     */
    public int expire(final long nowNs, final int workLimit)
    {
        return wheel.poll(nowNs, workLimit, onTimer);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Listing (control plane, on the owning worker's thread)

    /**
     * Visit every live entry, connections and templates ({@code ipvsadm -L -n -c}).
     *
     * @param visitor told of each entry.
     * @return number of entries visited.
     */
    public int forEach(final ConnectionVisitor visitor)
    {
        int count = 0;
        for (int e = 0; e < capacity; e++)
        {
            if (inUse[e])
            {
                visitor.onEntry(this, e);
                count++;
            }
        }
        return count;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Accessors

    public int capacity()
    {
        return capacity;
    }

    /**
     * @return live entries (connections and templates).
     */
    public int size()
    {
        return capacity - freeCount;
    }

    /**
     * @return entries that can still be made.
     */
    public int free()
    {
        return freeCount;
    }

    /**
     * @return index slots (a power of two).
     */
    public int slotCount()
    {
        return slotMask + 1;
    }

    /**
     * @return new entries refused because the table was full.
     */
    public long tableFullDrops()
    {
        return tableFullDrops;
    }

    /**
     * @return entries removed on expiry.
     */
    public long expiredCount()
    {
        return expiredCount;
    }

    /**
     * @return length of an expiry wheel tick in ns: an entry is removed by {@link #expire} at most this late.
     */
    public long expiryTickNs()
    {
        return wheel.tickNs();
    }

    public Timeouts timeouts()
    {
        return timeouts;
    }

    /**
     * @param entry an entry.
     * @return true when it is live.
     */
    public boolean isLive(final int entry)
    {
        return entry >= 0 && entry < capacity && inUse[entry];
    }

    public int protocol(final int entry)
    {
        return (int)(entries[at(entry, IN_KEY)] & 0xFF);
    }

    public int family(final int entry)
    {
        return (int)(entries[at(entry, IN_KEY)] >>> 8 & 0xFF);
    }

    public int clientPort(final int entry)
    {
        return (int)(entries[at(entry, IN_KEY)] >>> 24) & PORT_MASK;
    }

    public int virtualPort(final int entry)
    {
        return (int)(entries[at(entry, IN_KEY)] >>> 40) & PORT_MASK;
    }

    public int destinationPort(final int entry)
    {
        return (int)(entries[at(entry, OUT_KEY)] >>> 40) & PORT_MASK;
    }

    /**
     * @param entry an entry.
     * @return CIP (masked for a template); allocates: control plane only.
     */
    public InetAddr clientAddress(final int entry)
    {
        return ConnectionTuple.address(family(entry), entries[at(entry, CLIENT_HI)],
            entries[at(entry, CLIENT_LO)]);
    }

    /**
     * @param entry an entry.
     * @return VIP (the fwmark as an address for a fwmark template); allocates: control plane only.
     */
    public InetAddr virtualAddress(final int entry)
    {
        return ConnectionTuple.address(family(entry), entries[at(entry, VIRTUAL_HI)],
            entries[at(entry, VIRTUAL_LO)]);
    }

    /**
     * @param entry an entry.
     * @return RIP; allocates: control plane only.
     */
    public InetAddr destinationAddress(final int entry)
    {
        return ConnectionTuple.address(family(entry), entries[at(entry, DESTINATION_HI)],
            entries[at(entry, DESTINATION_LO)]);
    }

    public long clientLo(final int entry)
    {
        return entries[at(entry, CLIENT_LO)];
    }

    public long clientHi(final int entry)
    {
        return entries[at(entry, CLIENT_HI)];
    }

    public long virtualLo(final int entry)
    {
        return entries[at(entry, VIRTUAL_LO)];
    }

    public long virtualHi(final int entry)
    {
        return entries[at(entry, VIRTUAL_HI)];
    }

    public long destinationLo(final int entry)
    {
        return entries[at(entry, DESTINATION_LO)];
    }

    public long destinationHi(final int entry)
    {
        return entries[at(entry, DESTINATION_HI)];
    }

    /**
     * @param entry an entry.
     * @return its state: a {@link TcpStates} state for TCP, {@link #UDP_NORMAL} for UDP and templates.
     */
    public int state(final int entry)
    {
        return (int)entries[at(entry, STATE)];
    }

    /**
     * @param entry an entry.
     * @return the state as {@code ipvsadm -L -c} prints it: TCP state names, {@code UDP}, {@code NONE} for
     * templates.
     */
    public String stateName(final int entry)
    {
        if (((int)entries[at(entry, FLAGS)] & F_TEMPLATE) != 0)
        {
            return "NONE";
        }
        final int protocol = protocol(entry);
        if (protocol == ServiceKey.TCP)
        {
            return TcpStates.name((int)entries[at(entry, STATE)]);
        }
        return protocol == ServiceKey.UDP ? "UDP" : "ERR!";
    }

    /**
     * @param entry an entry.
     * @return its IP_VS_CONN_F_* flags.
     */
    public int flags(final int entry)
    {
        return (int)entries[at(entry, FLAGS)];
    }

    public boolean isTemplate(final int entry)
    {
        return ((int)entries[at(entry, FLAGS)] & F_TEMPLATE) != 0;
    }

    public long expiresAtNs(final int entry)
    {
        return entries[at(entry, EXPIRES_AT_NS)];
    }

    public long timeoutNs(final int entry)
    {
        return entries[at(entry, TIMEOUT_NS)];
    }

    public RealServer server(final int entry)
    {
        return server[entry];
    }

    public VirtualService service(final int entry)
    {
        return service[entry];
    }

    /**
     * @param entry an entry.
     * @return the forwarder's handler index, -1 until set (STYLE.md section 6).
     */
    public int handler(final int entry)
    {
        return (int)entries[at(entry, HANDLER)];
    }

    /**
     * Set once per connection by the forwarder: which handler sends its packets.
     *
     * @param entry an entry.
     * @param index the handler index.
     */
    public void handler(final int entry, final int index)
    {
        entries[at(entry, HANDLER)] = index;
    }

    /**
     * @param entry a connection.
     * @return the template controlling it ({@code cp->control}), or {@link #NONE}.
     */
    public int control(final int entry)
    {
        return (int)entries[at(entry, CONTROL)];
    }

    /**
     * @param entry a template.
     * @return how many connections it controls ({@code n_control}).
     */
    public int controlledCount(final int entry)
    {
        return (int)entries[at(entry, CONTROLLED)];
    }

    @Override
    public String toString()
    {
        return "ConnectionTable{size=" + size() + ", capacity=" + capacity + ", slots=" + slotCount() + "}";
    }

    /**
     * For tests: how far an entry sits from its home slot (0 = at home).
     *
     * @param entry a hashed entry.
     * @return the probe distance, or -1 when not in the index.
     */
    int probeDistance(final int entry)
    {
        if (((int)entries[at(entry, FLAGS)] & F_HASHED) == 0)
        {
            return -1;
        }
        final long wanted = (long)(int)entries[at(entry, HASH)] << 32 | (entry + 1L);
        final int home = (int)entries[at(entry, HASH)] & slotMask;
        for (int n = 0, i = home; n <= slotMask; n++, i = (i + 1) & slotMask)
        {
            if (slots[i] == wanted)
            {
                return n;
            }
        }
        return -1;
    }
}
