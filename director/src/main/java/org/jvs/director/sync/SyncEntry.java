package org.jvs.director.sync;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.conn.ConnectionTuple;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.VirtualService;
import org.jvs.core.worker.SyncRecord;

/**
 * One connection as the sync protocol carries it: what an encoder reads from a table and a decoder hands out.
 * Reused: a decoder fills the same instance for every entry, so copy what you keep.
 * Addresses are held as two longs each (high 64 bits, low 64 bits; IPv4 in the low 32), as {@link ConnectionTuple}.
 */
public final class SyncEntry
{
    private boolean ipv6;
    private int protocol;
    private int flags;
    private int state;
    private int clientPort;
    private int virtualPort;
    private int destinationPort;
    private int fwmark;
    private long timeoutS;
    private long clientHi;
    private long clientLo;
    private long virtualHi;
    private long virtualLo;
    private long destinationHi;
    private long destinationLo;

    /**
     * Fill from a live table entry (control plane: the master's sync sender).
     *
     * @param table the table.
     * @param entry a live entry.
     * @return this.
     */
    public SyncEntry from(final ConnectionTable table, final int entry)
    {
        ipv6 = table.family(entry) == InetAddr.AF_INET6;
        protocol = table.protocol(entry);
        flags = table.flags(entry) & ~SyncProtocol.F_HASHED;
        state = table.state(entry);
        clientPort = table.clientPort(entry);
        virtualPort = table.virtualPort(entry);
        destinationPort = table.destinationPort(entry);
        final VirtualService service = table.service(entry);
        fwmark = null != service && service.key().isFwmark() ? service.key().fwmark() : 0;
        timeoutS = table.timeoutNs(entry) / 1_000_000_000L;
        clientHi = table.clientHi(entry);
        clientLo = table.clientLo(entry);
        virtualHi = table.virtualHi(entry);
        virtualLo = table.virtualLo(entry);
        destinationHi = table.destinationHi(entry);
        destinationLo = table.destinationLo(entry);
        return this;
    }

    /**
     * Fill from a worker's {@link SyncRecord} (the master's sync sender reads them from the workers' rings).
     *
     * @param buffer holding the record.
     * @param index  where it starts.
     * @return this.
     */
    public SyncEntry fromRecord(final DirectBuffer buffer, final int index)
    {
        ipv6 = SyncRecord.family(buffer, index) == InetAddr.AF_INET6;
        protocol = SyncRecord.protocol(buffer, index);
        flags = SyncRecord.flags(buffer, index) & ~SyncProtocol.F_HASHED;
        state = SyncRecord.state(buffer, index);
        clientPort = SyncRecord.clientPort(buffer, index);
        virtualPort = SyncRecord.virtualPort(buffer, index);
        destinationPort = SyncRecord.destinationPort(buffer, index);
        fwmark = SyncRecord.fwmark(buffer, index);
        timeoutS = SyncRecord.timeoutS(buffer, index);
        clientHi = SyncRecord.address(buffer, index, SyncRecord.CLIENT_HI_OFFSET);
        clientLo = SyncRecord.address(buffer, index, SyncRecord.CLIENT_LO_OFFSET);
        virtualHi = SyncRecord.address(buffer, index, SyncRecord.VIRTUAL_HI_OFFSET);
        virtualLo = SyncRecord.address(buffer, index, SyncRecord.VIRTUAL_LO_OFFSET);
        destinationHi = SyncRecord.address(buffer, index, SyncRecord.DESTINATION_HI_OFFSET);
        destinationLo = SyncRecord.address(buffer, index, SyncRecord.DESTINATION_LO_OFFSET);
        return this;
    }

    /**
     * Write as a {@link SyncRecord} (the backup's receiver hands entries to the owning worker so).
     *
     * @param buffer where.
     * @param index  at which index ({@link SyncRecord#LENGTH} bytes).
     */
    public void toRecord(final MutableDirectBuffer buffer, final int index)
    {
        buffer.putInt(index + SyncRecord.FLAGS_OFFSET, flags);
        buffer.putInt(index + SyncRecord.STATE_OFFSET, state);
        buffer.putInt(index + SyncRecord.PROTOCOL_OFFSET, protocol);
        buffer.putInt(index + SyncRecord.FAMILY_OFFSET, family());
        buffer.putInt(index + SyncRecord.CLIENT_PORT_OFFSET, clientPort);
        buffer.putInt(index + SyncRecord.VIRTUAL_PORT_OFFSET, virtualPort);
        buffer.putInt(index + SyncRecord.DESTINATION_PORT_OFFSET, destinationPort);
        buffer.putInt(index + SyncRecord.FWMARK_OFFSET, fwmark);
        buffer.putLong(index + SyncRecord.TIMEOUT_S_OFFSET, timeoutS);
        buffer.putLong(index + SyncRecord.CLIENT_HI_OFFSET, clientHi);
        buffer.putLong(index + SyncRecord.CLIENT_LO_OFFSET, clientLo);
        buffer.putLong(index + SyncRecord.VIRTUAL_HI_OFFSET, virtualHi);
        buffer.putLong(index + SyncRecord.VIRTUAL_LO_OFFSET, virtualLo);
        buffer.putLong(index + SyncRecord.DESTINATION_HI_OFFSET, destinationHi);
        buffer.putLong(index + SyncRecord.DESTINATION_LO_OFFSET, destinationLo);
    }

    /**
     * Set the addressing part.
     *
     * @param ipv6     true for IPv6 addresses.
     * @param protocol IP protocol number.
     * @return this.
     */
    public SyncEntry protocol(final boolean ipv6, final int protocol)
    {
        this.ipv6 = ipv6;
        this.protocol = protocol;
        return this;
    }

    public SyncEntry client(final long hi, final long lo, final int port)
    {
        clientHi = hi;
        clientLo = lo;
        clientPort = port;
        return this;
    }

    public SyncEntry virtual(final long hi, final long lo, final int port)
    {
        virtualHi = hi;
        virtualLo = lo;
        virtualPort = port;
        return this;
    }

    public SyncEntry destination(final long hi, final long lo, final int port)
    {
        destinationHi = hi;
        destinationLo = lo;
        destinationPort = port;
        return this;
    }

    /**
     * @param flags    IP_VS_CONN_F_* flags.
     * @param state    connection state.
     * @param fwmark   firewall mark, 0 for none.
     * @param timeoutS timeout in seconds.
     * @return this.
     */
    public SyncEntry status(final int flags, final int state, final int fwmark, final long timeoutS)
    {
        this.flags = flags;
        this.state = state;
        this.fwmark = fwmark;
        this.timeoutS = timeoutS;
        return this;
    }

    /**
     * Fill a tuple for {@link ConnectionTable#createSynced}.
     *
     * @param tuple to fill.
     * @return the tuple.
     */
    public ConnectionTuple tuple(final ConnectionTuple tuple)
    {
        return tuple.protocol(protocol, family())
            .client(clientHi, clientLo, clientPort)
            .virtual(virtualHi, virtualLo, virtualPort)
            .destination(destinationHi, destinationLo, destinationPort);
    }

    public boolean ipv6()
    {
        return ipv6;
    }

    public int family()
    {
        return ipv6 ? InetAddr.AF_INET6 : InetAddr.AF_INET;
    }

    public int protocol()
    {
        return protocol;
    }

    public int flags()
    {
        return flags;
    }

    public int state()
    {
        return state;
    }

    public int clientPort()
    {
        return clientPort;
    }

    public int virtualPort()
    {
        return virtualPort;
    }

    public int destinationPort()
    {
        return destinationPort;
    }

    public int fwmark()
    {
        return fwmark;
    }

    public long timeoutS()
    {
        return timeoutS;
    }

    public long clientHi()
    {
        return clientHi;
    }

    public long clientLo()
    {
        return clientLo;
    }

    public long virtualHi()
    {
        return virtualHi;
    }

    public long virtualLo()
    {
        return virtualLo;
    }

    public long destinationHi()
    {
        return destinationHi;
    }

    public long destinationLo()
    {
        return destinationLo;
    }

    @Override
    public String toString()
    {
        return "SyncEntry{proto=" + protocol + ", c=" + ConnectionTuple.address(family(), clientHi, clientLo) + ":" +
            clientPort + ", v=" + ConnectionTuple.address(family(), virtualHi, virtualLo) + ":" + virtualPort +
            ", d=" + ConnectionTuple.address(family(), destinationHi, destinationLo) + ":" + destinationPort +
            ", flags=0x" + Integer.toHexString(flags) + ", state=" + state + ", fwmark=" + fwmark +
            ", timeoutS=" + timeoutS + "}";
    }
}
