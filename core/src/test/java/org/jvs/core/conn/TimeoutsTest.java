package org.jvs.core.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeoutsTest
{
    static final int[] DEFAULT_S = {2, 900, 120, 60, 120, 120, 10, 60, 30, 120, 120};

    @Test
    void defaultsAreIpvsDefaults()
    {
        final Timeouts timeouts = new Timeouts();
        for (int s = 0; s < TcpStates.STATE_COUNT; s++)
        {
            assertEquals(DEFAULT_S[s], timeouts.tcpS(s), TcpStates.name(s));
            assertEquals(DEFAULT_S[s] * 1_000_000_000L, timeouts.tcpNs(s), TcpStates.name(s));
        }
        assertEquals(300, timeouts.udpS());
        assertEquals(300_000_000_000L, timeouts.udpNs());
        assertEquals("Timeout (tcp tcpfin udp): 900 120 300", timeouts.toString());
    }

    @Test
    void setChangesEstablishedFinWaitAndUdpOnly()
    {
        final Timeouts timeouts = new Timeouts().set(7200, 30, 60);
        assertEquals("Timeout (tcp tcpfin udp): 7200 30 60", timeouts.toString());
        assertEquals(7200, timeouts.tcpS(TcpStates.ESTABLISHED));
        assertEquals(30, timeouts.tcpS(TcpStates.FIN_WAIT));
        assertEquals(60, timeouts.udpS());
        for (int s = 0; s < TcpStates.STATE_COUNT; s++)
        {
            if (s != TcpStates.ESTABLISHED && s != TcpStates.FIN_WAIT)
            {
                assertEquals(DEFAULT_S[s], timeouts.tcpS(s), "--set must not touch " + TcpStates.name(s));
            }
        }
        assertEquals(30_000_000_000L, timeouts.tcpNs(TcpStates.FIN_WAIT));
    }

    @Test
    void zeroLeavesAValueAsItWas()
    {
        final Timeouts timeouts = new Timeouts().set(7200, 30, 60).set(0, 0, 45);
        assertEquals("Timeout (tcp tcpfin udp): 7200 30 45", timeouts.toString());
        timeouts.set(0, 0, 0);
        assertEquals("Timeout (tcp tcpfin udp): 7200 30 45", timeouts.toString());
    }

    @Test
    void negativeIsRefusedNamingTheArgument()
    {
        final Timeouts timeouts = new Timeouts();
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> timeouts.set(1, -5, 1));
        assertTrue(ex.getMessage().contains("tcpfin"), ex.getMessage());
        assertEquals("Timeout (tcp tcpfin udp): 900 120 300", timeouts.toString(), "nothing applied on error");
    }
}
