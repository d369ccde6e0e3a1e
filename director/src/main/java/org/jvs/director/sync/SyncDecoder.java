package org.jvs.director.sync;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Reads IPVS sync messages, version 1, as a backup director's sync receiver does ({@code ip_vs_process_message}
 * in {@code ip_vs_sync.c}): the header's size must equal the datagram's length, the sync id must match unless this
 * decoder takes any (0), version 0 messages are refused, entries with a nonzero entry version or bad sizes are
 * skipped or end the message; each problem is counted, none throws.
 */
public final class SyncDecoder
{
    private final int syncId;
    private final SyncEntry entry = new SyncEntry();
    private long messages;
    private long entries;
    private long malformed;
    private long wrongSyncId;
    private long unsupportedVersion;
    private long skippedEntries;

    /**
     * @param syncId accepted sync id, or 0 for any (as IPVS's backup with syncid 0).
     */
    public SyncDecoder(final int syncId)
    {
        if (syncId < 0 || syncId > 255)
        {
            throw new IllegalArgumentException("sync id must be 0..255: " + syncId);
        }
        this.syncId = syncId;
    }

    /**
     * @param buffer  holding the UDP payload.
     * @param offset  where it starts.
     * @param length  its length.
     * @param handler told of each entry.
     * @return entries handed to the handler, or -1 when the message was refused (counted).
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length, final SyncEntryHandler handler)
    {
        if (length < SyncProtocol.HEADER_LENGTH)
        {
            malformed++;
            return -1;
        }
        if (buffer.getByte(offset + SyncProtocol.RESERVED_OFFSET) != 0 ||
            buffer.getByte(offset + SyncProtocol.VERSION_OFFSET) != SyncProtocol.VERSION)
        {
            unsupportedVersion++;
            return -1;
        }
        if ((buffer.getShort(offset + SyncProtocol.SIZE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF) != length)
        {
            malformed++;
            return -1;
        }
        final int messageSyncId = buffer.getByte(offset + SyncProtocol.SYNC_ID_OFFSET) & 0xFF;
        if (syncId != 0 && messageSyncId != syncId)
        {
            wrongSyncId++;
            return -1;
        }
        messages++;
        final int count = buffer.getByte(offset + SyncProtocol.COUNT_OFFSET) & 0xFF;
        final int end = offset + length;
        int at = offset + SyncProtocol.HEADER_LENGTH;
        int delivered = 0;
        for (int i = 0; i < count; i++)
        {
            if (at + SyncProtocol.ENTRY_V4_LENGTH > end)
            {
                malformed++;
                break;
            }
            final int verSize = buffer.getShort(at + SyncProtocol.VER_SIZE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            final int size = verSize & SyncProtocol.SIZE_MASK;
            final boolean ipv6 = (buffer.getByte(at + SyncProtocol.TYPE_OFFSET) & SyncProtocol.TYPE_F_INET6) != 0;
            if (size < SyncProtocol.entryLength(ipv6) || at + size > end)
            {
                malformed++;
                break;
            }
            if ((verSize >>> SyncProtocol.ENTRY_VERSION_SHIFT) != 0 || !optionsValid(buffer, at, ipv6, size))
            {
                skippedEntries++;
            }
            else
            {
                read(buffer, at, ipv6);
                handler.onEntry(messageSyncId, entry);
                delivered++;
                entries++;
            }
            at += (size + 3) & ~3;
        }
        return delivered;
    }

    private static boolean optionsValid(final DirectBuffer buffer, final int at, final boolean ipv6, final int size)
    {
        int p = at + SyncProtocol.entryLength(ipv6);
        final int end = at + size;
        while (p < end)
        {
            if (p + 2 > end)
            {
                return false;
            }
            final int type = buffer.getByte(p) & SyncProtocol.OPT_TYPE_MASK;
            final int optionLength = buffer.getByte(p + 1) & 0xFF;
            if (type < SyncProtocol.OPT_SEQ_DATA || type > SyncProtocol.OPT_PE_NAME || p + 2 + optionLength > end)
            {
                return false;
            }
            p += 2 + optionLength;
        }
        return true;
    }

    private void read(final DirectBuffer buffer, final int at, final boolean ipv6)
    {
        entry.protocol(ipv6, buffer.getByte(at + SyncProtocol.PROTOCOL_OFFSET) & 0xFF);
        entry.status(
            buffer.getInt(at + SyncProtocol.FLAGS_OFFSET, ByteOrder.BIG_ENDIAN),
            buffer.getShort(at + SyncProtocol.STATE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF,
            buffer.getInt(at + SyncProtocol.FWMARK_OFFSET, ByteOrder.BIG_ENDIAN),
            buffer.getInt(at + SyncProtocol.TIMEOUT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL);
        final int cport = buffer.getShort(at + SyncProtocol.CPORT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        final int vport = buffer.getShort(at + SyncProtocol.VPORT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        final int dport = buffer.getShort(at + SyncProtocol.DPORT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        final int a = at + SyncProtocol.ADDRESSES_OFFSET;
        if (ipv6)
        {
            entry.client(buffer.getLong(a, ByteOrder.BIG_ENDIAN), buffer.getLong(a + 8, ByteOrder.BIG_ENDIAN), cport)
                .virtual(buffer.getLong(a + 16, ByteOrder.BIG_ENDIAN), buffer.getLong(a + 24, ByteOrder.BIG_ENDIAN),
                    vport)
                .destination(buffer.getLong(a + 32, ByteOrder.BIG_ENDIAN),
                    buffer.getLong(a + 40, ByteOrder.BIG_ENDIAN), dport);
        }
        else
        {
            entry.client(0, buffer.getInt(a, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL, cport)
                .virtual(0, buffer.getInt(a + 4, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL, vport)
                .destination(0, buffer.getInt(a + 8, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL, dport);
        }
    }

    public long messages()
    {
        return messages;
    }

    public long entries()
    {
        return entries;
    }

    public long malformed()
    {
        return malformed;
    }

    public long wrongSyncId()
    {
        return wrongSyncId;
    }

    public long unsupportedVersion()
    {
        return unsupportedVersion;
    }

    public long skippedEntries()
    {
        return skippedEntries;
    }
}
