package org.jvs.core.conn;

import static org.jvs.core.conn.TcpStates.CLOSE;
import static org.jvs.core.conn.TcpStates.CLOSE_WAIT;
import static org.jvs.core.conn.TcpStates.ESTABLISHED;
import static org.jvs.core.conn.TcpStates.FIN_WAIT;
import static org.jvs.core.conn.TcpStates.LAST_ACK;
import static org.jvs.core.conn.TcpStates.LISTEN;
import static org.jvs.core.conn.TcpStates.NONE;
import static org.jvs.core.conn.TcpStates.SYNACK;
import static org.jvs.core.conn.TcpStates.SYN_RECV;
import static org.jvs.core.conn.TcpStates.SYN_SENT;
import static org.jvs.core.conn.TcpStates.TCP_ACK;
import static org.jvs.core.conn.TcpStates.TCP_FIN;
import static org.jvs.core.conn.TcpStates.TCP_RST;
import static org.jvs.core.conn.TcpStates.TCP_SYN;
import static org.jvs.core.conn.TcpStates.TIME_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The three transition tables of {@code ip_vs_proto_tcp.c}, cell by cell, written out again here by name so
 * that a row or column shifted in {@link TcpStates} fails.
 */
class TcpStatesTest
{
    /** Column order of the expectations: the state the connection is in. */
    static final int[] FROM = {NONE, ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT, TIME_WAIT, CLOSE, CLOSE_WAIT,
        LAST_ACK, LISTEN, SYNACK};
    /** Row order: the packet's flags. */
    static final int[] EVENTS = {TCP_SYN, TCP_FIN, TCP_ACK, TCP_RST};

    static final int[][] INPUT_TABLE =
    {
        {SYN_RECV, ESTABLISHED, ESTABLISHED, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV,
            SYN_RECV},
        {CLOSE, CLOSE_WAIT, SYN_SENT, TIME_WAIT, TIME_WAIT, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, LISTEN,
            TIME_WAIT},
        {CLOSE, ESTABLISHED, SYN_SENT, ESTABLISHED, FIN_WAIT, TIME_WAIT, CLOSE, CLOSE_WAIT, CLOSE, LISTEN,
            ESTABLISHED},
        {CLOSE, CLOSE, CLOSE, SYN_RECV, CLOSE, CLOSE, CLOSE, CLOSE, LAST_ACK, LISTEN, SYN_RECV},
    };

    static final int[][] OUTPUT_TABLE =
    {
        {SYN_SENT, ESTABLISHED, SYN_SENT, SYN_RECV, SYN_SENT, SYN_SENT, SYN_SENT, SYN_SENT, SYN_SENT, LISTEN,
            SYN_RECV},
        {TIME_WAIT, FIN_WAIT, SYN_SENT, TIME_WAIT, FIN_WAIT, TIME_WAIT, CLOSE, TIME_WAIT, LAST_ACK, LISTEN,
            TIME_WAIT},
        {ESTABLISHED, ESTABLISHED, SYN_SENT, ESTABLISHED, FIN_WAIT, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK,
            ESTABLISHED, ESTABLISHED},
        {CLOSE, CLOSE, SYN_SENT, CLOSE, CLOSE, TIME_WAIT, CLOSE, CLOSE, CLOSE, CLOSE, CLOSE},
    };

    static final int[][] INPUT_ONLY_TABLE =
    {
        {SYN_RECV, ESTABLISHED, ESTABLISHED, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV, SYN_RECV,
            SYN_RECV},
        {CLOSE, FIN_WAIT, SYN_SENT, TIME_WAIT, FIN_WAIT, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, LISTEN,
            TIME_WAIT},
        {CLOSE, ESTABLISHED, SYN_SENT, ESTABLISHED, FIN_WAIT, TIME_WAIT, CLOSE, CLOSE_WAIT, CLOSE, LISTEN,
            ESTABLISHED},
        {CLOSE, CLOSE, CLOSE, SYN_RECV, CLOSE, CLOSE, CLOSE, CLOSE, LAST_ACK, LISTEN, CLOSE},
    };

    static int[][] table(final int direction)
    {
        switch (direction)
        {
            case TcpStates.INPUT:
                return INPUT_TABLE;
            case TcpStates.OUTPUT:
                return OUTPUT_TABLE;
            default:
                return INPUT_ONLY_TABLE;
        }
    }

    @Test
    void everyCellOfTheThreeTables()
    {
        int cells = 0;
        for (final int direction : new int[] {TcpStates.INPUT, TcpStates.OUTPUT, TcpStates.INPUT_ONLY})
        {
            for (int e = 0; e < EVENTS.length; e++)
            {
                for (int s = 0; s < FROM.length; s++)
                {
                    assertEquals(table(direction)[e][s], TcpStates.next(direction, EVENTS[e], FROM[s]),
                        "direction " + direction + " flags " + EVENTS[e] + " from " + TcpStates.name(FROM[s]));
                    cells++;
                }
            }
        }
        assertEquals(3 * 4 * 11, cells);
    }

    @Test
    void flagPriorityIsRstSynFinAck()
    {
        // SYN+ACK is a SYN, FIN+ACK a FIN, RST+ACK a RST.
        assertEquals(SYN_RECV, TcpStates.next(TcpStates.OUTPUT, TCP_SYN | TCP_ACK, SYN_RECV));
        assertEquals(CLOSE_WAIT, TcpStates.next(TcpStates.INPUT, TCP_FIN | TCP_ACK, ESTABLISHED));
        assertEquals(CLOSE, TcpStates.next(TcpStates.INPUT, TCP_RST | TCP_ACK | TCP_SYN, ESTABLISHED));
        assertEquals(0, TcpStates.event(TCP_SYN | TCP_FIN));
    }

    @Test
    void packetWithoutFlagsClosesAsIpvsDoes()
    {
        assertEquals(-1, TcpStates.event(0x08));
        assertEquals(CLOSE, TcpStates.next(TcpStates.INPUT, 0x08, ESTABLISHED));
    }

    @Test
    void namesAsIpvsadmPrintsThem()
    {
        final String[] names = {"NONE", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT", "TIME_WAIT", "CLOSE",
            "CLOSE_WAIT", "LAST_ACK", "LISTEN", "SYNACK"};
        for (int s = 0; s < names.length; s++)
        {
            assertEquals(names[s], TcpStates.name(s));
        }
        assertEquals("ERR!", TcpStates.name(11));
    }

    @Test
    void onlySynWithoutRstStartsAConnection()
    {
        assertTrue(TcpStates.startsConnection(TCP_SYN, false));
        assertFalse(TcpStates.startsConnection(TCP_ACK, false));
        assertFalse(TcpStates.startsConnection(TCP_SYN | TCP_RST, false));
        assertTrue(TcpStates.startsConnection(TCP_ACK, true));
        assertFalse(TcpStates.startsConnection(TCP_RST, true));
    }
}
