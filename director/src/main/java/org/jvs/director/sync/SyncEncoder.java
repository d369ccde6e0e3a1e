package org.jvs.director.sync;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.conn.ConnectionVisitor;

/**
 * Packs connection entries into IPVS sync messages, version 1 ({@code ip_vs_sync_conn_v1} in
 * {@code ip_vs_sync.c}): a message is handed on when the next entry would not fit in the maximum length or the
 * 8-bit connection count is full, and by {@link #flush()}. As a {@link ConnectionVisitor} it syncs a whole table
 * ({@code table.forEach(encoder)} then {@code flush()}).
 */
public final class SyncEncoder implements ConnectionVisitor
{
    private final int syncId;
    private final int maxMessageLength;
    private final MutableDirectBuffer buffer;
    private final SyncMessageHandler handler;
    private final SyncEntry scratch = new SyncEntry();
    private int position;
    private int count;
    private long messagesSent;
    private long entriesSent;

    /**
     * @param syncId           the sync id 0..255 (keepalived's default {@link SyncProtocol#DEFAULT_SYNC_ID}).
     * @param maxMessageLength largest message, e.g. {@link SyncProtocol#DEFAULT_MAX_MESSAGE_LENGTH} for MTU 1500.
     * @param handler          told of each complete message.
     */
    public SyncEncoder(final int syncId, final int maxMessageLength, final SyncMessageHandler handler)
    {
        if (syncId < 0 || syncId > 255)
        {
            throw new IllegalArgumentException("sync id must be 0..255: " + syncId);
        }
        if (maxMessageLength < SyncProtocol.HEADER_LENGTH + SyncProtocol.ENTRY_V6_LENGTH || maxMessageLength > 65507)
        {
            throw new IllegalArgumentException("sync message length must be " +
                (SyncProtocol.HEADER_LENGTH + SyncProtocol.ENTRY_V6_LENGTH) + "..65507: " + maxMessageLength);
        }
        this.syncId = syncId;
        this.maxMessageLength = maxMessageLength;
        this.buffer = new UnsafeBuffer(new byte[maxMessageLength]);
        this.handler = handler;
        this.position = SyncProtocol.HEADER_LENGTH;
    }

    @Override
    public void onEntry(final ConnectionTable table, final int entry)
    {
        append(scratch.from(table, entry));
    }

    /**
     * Add one entry, handing on the current message first if the entry would not fit.
     *
     * @param entry the entry.
     */
    public void append(final SyncEntry entry)
    {
        final int length = SyncProtocol.entryLength(entry.ipv6());
        if (position + length > maxMessageLength || count == SyncProtocol.MAX_CONNS_PER_MESSAGE)
        {
            flush();
        }
        writeEntry(position, length, entry);
        position += (length + 3) & ~3;
        count++;
        entriesSent++;
    }

    /**
     * Hand on the current message if it holds any entry.
     *
     * @return true when a message was handed on.
     */
    public boolean flush()
    {
        if (count == 0)
        {
            return false;
        }
        buffer.putByte(SyncProtocol.RESERVED_OFFSET, (byte)0);
        buffer.putByte(SyncProtocol.SYNC_ID_OFFSET, (byte)syncId);
        buffer.putShort(SyncProtocol.SIZE_OFFSET, (short)position, ByteOrder.BIG_ENDIAN);
        buffer.putByte(SyncProtocol.COUNT_OFFSET, (byte)count);
        buffer.putByte(SyncProtocol.VERSION_OFFSET, (byte)SyncProtocol.VERSION);
        buffer.putShort(SyncProtocol.SPARE_OFFSET, (short)0, ByteOrder.BIG_ENDIAN);
        handler.onMessage(buffer, 0, position);
        messagesSent++;
        position = SyncProtocol.HEADER_LENGTH;
        count = 0;
        return true;
    }

    private void writeEntry(final int at, final int length, final SyncEntry entry)
    {
        buffer.putByte(at + SyncProtocol.TYPE_OFFSET, (byte)(entry.ipv6() ? SyncProtocol.TYPE_F_INET6 : 0));
        buffer.putByte(at + SyncProtocol.PROTOCOL_OFFSET, (byte)entry.protocol());
        buffer.putShort(at + SyncProtocol.VER_SIZE_OFFSET, (short)(length & SyncProtocol.SIZE_MASK),
            ByteOrder.BIG_ENDIAN);
        buffer.putInt(at + SyncProtocol.FLAGS_OFFSET, entry.flags() & ~SyncProtocol.F_HASHED, ByteOrder.BIG_ENDIAN);
        buffer.putShort(at + SyncProtocol.STATE_OFFSET, (short)entry.state(), ByteOrder.BIG_ENDIAN);
        buffer.putShort(at + SyncProtocol.CPORT_OFFSET, (short)entry.clientPort(), ByteOrder.BIG_ENDIAN);
        buffer.putShort(at + SyncProtocol.VPORT_OFFSET, (short)entry.virtualPort(), ByteOrder.BIG_ENDIAN);
        buffer.putShort(at + SyncProtocol.DPORT_OFFSET, (short)entry.destinationPort(), ByteOrder.BIG_ENDIAN);
        buffer.putInt(at + SyncProtocol.FWMARK_OFFSET, entry.fwmark(), ByteOrder.BIG_ENDIAN);
        buffer.putInt(at + SyncProtocol.TIMEOUT_OFFSET, (int)Math.min(entry.timeoutS(), 0xFFFF_FFFFL),
            ByteOrder.BIG_ENDIAN);
        final int addresses = at + SyncProtocol.ADDRESSES_OFFSET;
        if (entry.ipv6())
        {
            putIpv6(addresses, entry.clientHi(), entry.clientLo());
            putIpv6(addresses + 16, entry.virtualHi(), entry.virtualLo());
            putIpv6(addresses + 32, entry.destinationHi(), entry.destinationLo());
        }
        else
        {
            buffer.putInt(addresses, (int)entry.clientLo(), ByteOrder.BIG_ENDIAN);
            buffer.putInt(addresses + 4, (int)entry.virtualLo(), ByteOrder.BIG_ENDIAN);
            buffer.putInt(addresses + 8, (int)entry.destinationLo(), ByteOrder.BIG_ENDIAN);
        }
    }

    private void putIpv6(final int at, final long hi, final long lo)
    {
        buffer.putLong(at, hi, ByteOrder.BIG_ENDIAN);
        buffer.putLong(at + 8, lo, ByteOrder.BIG_ENDIAN);
    }

    public long messagesSent()
    {
        return messagesSent;
    }

    public long entriesSent()
    {
        return entriesSent;
    }

    public int syncId()
    {
        return syncId;
    }
}
