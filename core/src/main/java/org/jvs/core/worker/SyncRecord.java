package org.jvs.core.worker;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.jvs.core.conn.ConnectionTable;

/**
 * One connection as a worker hands it to the connection-sync sender, or the sync receiver hands it to a worker:
 * a fixed-size record in an Agrona ring, in the machine's byte order (it never leaves the process).
 * <pre>
 *   0  flags (IP_VS_CONN_F_*)      4  state             8  protocol       12 family
 *  16  client port                20  virtual port     24  dest port      28 fwmark
 *  32  timeout (seconds, long)
 *  40  client hi, 48 client lo, 56 virtual hi, 64 virtual lo, 72 destination hi, 80 destination lo (longs)
 * </pre>
 */
public final class SyncRecord
{
    /** The ring message type of a record. */
    public static final int MSG_TYPE = 1;
    public static final int FLAGS_OFFSET = 0;
    public static final int STATE_OFFSET = 4;
    public static final int PROTOCOL_OFFSET = 8;
    public static final int FAMILY_OFFSET = 12;
    public static final int CLIENT_PORT_OFFSET = 16;
    public static final int VIRTUAL_PORT_OFFSET = 20;
    public static final int DESTINATION_PORT_OFFSET = 24;
    public static final int FWMARK_OFFSET = 28;
    public static final int TIMEOUT_S_OFFSET = 32;
    public static final int CLIENT_HI_OFFSET = 40;
    public static final int CLIENT_LO_OFFSET = 48;
    public static final int VIRTUAL_HI_OFFSET = 56;
    public static final int VIRTUAL_LO_OFFSET = 64;
    public static final int DESTINATION_HI_OFFSET = 72;
    public static final int DESTINATION_LO_OFFSET = 80;
    /** Bytes in a record. */
    public static final int LENGTH = 88;

    private SyncRecord()
    {
    }

    /**
     * Write a live table entry as a record.
     *
     * @param buffer where.
     * @param index  at which index.
     * @param table  the table.
     * @param entry  the entry.
     * @param fwmark its service's firewall mark, 0 for none.
     */
    public static void write(
        final MutableDirectBuffer buffer, final int index, final ConnectionTable table, final int entry,
        final int fwmark)
    {
        buffer.putInt(index + FLAGS_OFFSET, table.flags(entry) & ~ConnectionTable.F_HASHED);
        buffer.putInt(index + STATE_OFFSET, table.state(entry));
        buffer.putInt(index + PROTOCOL_OFFSET, table.protocol(entry));
        buffer.putInt(index + FAMILY_OFFSET, table.family(entry));
        buffer.putInt(index + CLIENT_PORT_OFFSET, table.clientPort(entry));
        buffer.putInt(index + VIRTUAL_PORT_OFFSET, table.virtualPort(entry));
        buffer.putInt(index + DESTINATION_PORT_OFFSET, table.destinationPort(entry));
        buffer.putInt(index + FWMARK_OFFSET, fwmark);
        buffer.putLong(index + TIMEOUT_S_OFFSET, table.timeoutNs(entry) / 1_000_000_000L);
        buffer.putLong(index + CLIENT_HI_OFFSET, table.clientHi(entry));
        buffer.putLong(index + CLIENT_LO_OFFSET, table.clientLo(entry));
        buffer.putLong(index + VIRTUAL_HI_OFFSET, table.virtualHi(entry));
        buffer.putLong(index + VIRTUAL_LO_OFFSET, table.virtualLo(entry));
        buffer.putLong(index + DESTINATION_HI_OFFSET, table.destinationHi(entry));
        buffer.putLong(index + DESTINATION_LO_OFFSET, table.destinationLo(entry));
    }

    public static int flags(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index + FLAGS_OFFSET);
    }

    public static int state(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index + STATE_OFFSET);
    }

    public static int protocol(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index + PROTOCOL_OFFSET);
    }

    public static int family(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index + FAMILY_OFFSET);
    }

    public static int clientPort(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index + CLIENT_PORT_OFFSET);
    }

    public static int virtualPort(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index + VIRTUAL_PORT_OFFSET);
    }

    public static int destinationPort(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index + DESTINATION_PORT_OFFSET);
    }

    public static int fwmark(final DirectBuffer buffer, final int index)
    {
        return buffer.getInt(index + FWMARK_OFFSET);
    }

    public static long timeoutS(final DirectBuffer buffer, final int index)
    {
        return buffer.getLong(index + TIMEOUT_S_OFFSET);
    }

    /**
     * @param buffer holding a record.
     * @param index  its index.
     * @param field  one of the {@code *_HI_OFFSET} / {@code *_LO_OFFSET} constants.
     * @return that address word.
     */
    public static long address(final DirectBuffer buffer, final int index, final int field)
    {
        return buffer.getLong(index + field);
    }
}
