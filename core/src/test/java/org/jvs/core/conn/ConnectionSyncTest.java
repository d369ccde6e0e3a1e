package org.jvs.core.conn;

import static org.jvs.core.conn.Lab.CIP;
import static org.jvs.core.conn.Lab.RIP1;
import static org.jvs.core.conn.Lab.S;
import static org.jvs.core.conn.Lab.T0;
import static org.jvs.core.conn.Lab.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;
import org.jvs.core.worker.ConnectionSync;
import org.jvs.core.worker.SyncRecord;

/**
 * When a worker writes a connection for the sync sender: IPVS's {@code ip_vs_sync_conn_needed} with its defaults
 * (sync_threshold 3, sync_period 50, no refresh period), state changes, templates, the refresh period, and the
 * records' contents.
 */
class ConnectionSyncTest
{
    private final Lab lab = new Lab(64);
    private final ConnectionSync sync = new ConnectionSync(64, 1 << 16);
    private final List<long[]> records = new ArrayList<>();

    /** Client packet number n (1-based) of the connection: returns whether it was written. */
    private boolean packet(final int entry, final int flags, final long nowNs)
    {
        lab.table.onPacket(entry, TcpStates.INPUT, flags, nowNs);
        return sync.onInPacket(lab.table, entry, nowNs);
    }

    private List<long[]> drain()
    {
        records.clear();
        sync.ring().read((type, buffer, index, length) ->
        {
            assertEquals(SyncRecord.MSG_TYPE, type);
            assertEquals(SyncRecord.LENGTH, length);
            records.add(new long[] {SyncRecord.flags(buffer, index), SyncRecord.state(buffer, index),
                SyncRecord.protocol(buffer, index), SyncRecord.clientPort(buffer, index),
                SyncRecord.virtualPort(buffer, index), SyncRecord.destinationPort(buffer, index),
                SyncRecord.timeoutS(buffer, index),
                SyncRecord.address(buffer, index, SyncRecord.CLIENT_LO_OFFSET),
                SyncRecord.address(buffer, index, SyncRecord.VIRTUAL_LO_OFFSET),
                SyncRecord.address(buffer, index, SyncRecord.DESTINATION_LO_OFFSET)});
        });
        return records;
    }

    @Test
    void anEstablishedDrConnectionIsSentAtPacket3Then53Then103AndAtFinAtOnce()
    {
        sync.master(true);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final int entry = lab.connect(svc, CIP, 40000, 80, T0);
        sync.onCreate(entry);
        assertFalse(packet(entry, TcpStates.TCP_SYN, T0), "SYN_RECV is not synced");
        assertFalse(packet(entry, TcpStates.TCP_ACK, T0), "ESTABLISHED at packet 2: 2 % 50 != 3");
        final List<Integer> sent = new ArrayList<>();
        for (int n = 3; n <= 120; n++)
        {
            if (packet(entry, TcpStates.TCP_ACK, T0 + n))
            {
                sent.add(n);
            }
        }
        assertEquals(List.of(3, 53, 103), sent);
        assertEquals(3, drain().size());
        final long[] r = records.get(0);
        assertEquals(ConnectionTable.F_DROUTE, r[0] & ConnectionTable.F_FWD_MASK);
        assertEquals(ConnectionTable.F_NOOUTPUT, r[0] & ConnectionTable.F_NOOUTPUT);
        assertEquals(0, r[0] & ConnectionTable.F_HASHED, "HASHED is local, never sent");
        assertEquals(0, r[0] & ConnectionTable.F_INACTIVE, "established: active");
        assertEquals(TcpStates.ESTABLISHED, r[1]);
        assertEquals(ServiceKey.TCP, r[2]);
        assertEquals(40000, r[3]);
        assertEquals(80, r[4]);
        assertEquals(80, r[5]);
        assertEquals(900, r[6], "ESTABLISHED timeout in seconds");
        assertEquals(CIP & 0xFFFF_FFFFL, r[7]);
        assertEquals(VIP & 0xFFFF_FFFFL, r[8]);
        assertEquals(RIP1 & 0xFFFF_FFFFL, r[9]);

        assertTrue(packet(entry, TcpStates.TCP_FIN, T0 + 200), "FIN_WAIT: a state change is sent at once");
        assertFalse(packet(entry, TcpStates.TCP_ACK, T0 + 201), "no change, 122 % 50 != 3");
        assertEquals(1, drain().size());
        assertEquals(TcpStates.FIN_WAIT, records.get(0)[1]);
        assertEquals(120, records.get(0)[6]);
        assertEquals(4, sync.recordsWritten());
    }

    @Test
    void aConnectionIsFollowedByItsTemplate()
    {
        sync.master(true);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        svc.persistence(360, 0xFFFFFFFF);
        final int entry = lab.connect(svc, CIP, 40000, 80, T0);
        sync.onCreate(entry);
        packet(entry, TcpStates.TCP_SYN, T0);
        packet(entry, TcpStates.TCP_ACK, T0);
        assertTrue(packet(entry, TcpStates.TCP_ACK, T0));
        assertEquals(2, drain().size());
        assertEquals(0, records.get(0)[0] & ConnectionTable.F_TEMPLATE);
        assertEquals(ConnectionTable.F_TEMPLATE, records.get(1)[0] & ConnectionTable.F_TEMPLATE);
        assertEquals(0, records.get(1)[3], "template: client port 0");
        assertEquals(360, records.get(1)[6], "template: the persistence timeout");
    }

    @Test
    void withARefreshPeriodAndNoSyncPeriodAConnectionIsSentWhenItsExpiryMovedEnough()
    {
        sync.master(true);
        sync.configure(3, 0, 30 * S);
        final VirtualService svc = Lab.service(ServiceKey.TCP, 80, ForwardMethod.ROUTE, false, RIP1);
        final int entry = lab.connect(svc, CIP, 40000, 80, T0);
        sync.onCreate(entry);
        packet(entry, TcpStates.TCP_SYN, T0);
        assertTrue(packet(entry, TcpStates.TCP_ACK, T0), "first ESTABLISHED packet: nothing sent before");
        assertFalse(packet(entry, TcpStates.TCP_ACK, T0 + 10 * S), "expiry moved 10 s < min(30 s, 450 s)");
        assertTrue(packet(entry, TcpStates.TCP_ACK, T0 + 31 * S), "expiry moved 31 s");
        assertEquals(2, drain().size());
    }

    @Test
    void aFullRingDropsAndCounts()
    {
        final ConnectionSync small = new ConnectionSync(64, 1024);
        small.master(true);
        final VirtualService svc = Lab.service(ServiceKey.UDP, 53, ForwardMethod.ROUTE, false, RIP1);
        int written = 0;
        for (int i = 0; i < 20; i++)
        {
            final int entry = lab.connect(svc, CIP, 40000 + i, 53, T0);
            small.onCreate(entry);
            for (int n = 0; n < 3; n++)
            {
                lab.table.onPacket(entry, TcpStates.INPUT, 0, T0);
                written += small.onInPacket(lab.table, entry, T0) ? 1 : 0;
            }
        }
        assertEquals(20, written, "UDP: packet 3 of each");
        assertEquals(10, small.recordsWritten(), "a 1 KiB ring holds ten 88-byte records (96 with the header)");
        assertEquals(10, small.ringFull());
    }

    @Test
    void settingsAreChecked()
    {
        assertThrows(IllegalArgumentException.class, () -> sync.configure(50, 50, 0));
        assertThrows(IllegalArgumentException.class, () -> sync.configure(3, 50, -1));
    }
}
