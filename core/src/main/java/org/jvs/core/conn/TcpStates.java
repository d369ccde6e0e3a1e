package org.jvs.core.conn;

/**
 * IPVS's TCP connection states and its transition tables ({@code tcp_states} in {@code ip_vs_proto_tcp.c},
 * the normal table, not the {@code secure_tcp} one).
 * <p>
 * The director does not see a TCP stack, only packets, so IPVS keeps a small state machine of its own per
 * connection. A packet's event is chosen from its flags in IPVS's order: RST, else SYN, else FIN, else ACK;
 * a packet with none of them moves the connection to CLOSE. Three tables, by direction:
 * <ul>
 *     <li>{@link #INPUT}: client → real server, when the director also sees replies (NAT);</li>
 *     <li>{@link #OUTPUT}: real server → client (NAT replies);</li>
 *     <li>{@link #INPUT_ONLY}: client → real server while no reply has been seen, which in DR and TUN is
 *     always: such a connection carries {@link ConnectionTable#F_NOOUTPUT} until a reply appears.</li>
 * </ul>
 * <pre>
 *            NONE  ES    SS    SR    FW    TW    CL    CW    LA    LI    SA
 * INPUT
 *   syn      SR    ES    ES    SR    SR    SR    SR    SR    SR    SR    SR
 *   fin      CL    CW    SS    TW    TW    TW    CL    CW    LA    LI    TW
 *   ack      CL    ES    SS    ES    FW    TW    CL    CW    CL    LI    ES
 *   rst      CL    CL    CL    SR    CL    CL    CL    CL    LA    LI    SR
 * OUTPUT
 *   syn      SS    ES    SS    SR    SS    SS    SS    SS    SS    LI    SR
 *   fin      TW    FW    SS    TW    FW    TW    CL    TW    LA    LI    TW
 *   ack      ES    ES    SS    ES    FW    TW    CL    CW    LA    ES    ES
 *   rst      CL    CL    SS    CL    CL    TW    CL    CL    CL    CL    CL
 * INPUT-ONLY
 *   syn      SR    ES    ES    SR    SR    SR    SR    SR    SR    SR    SR
 *   fin      CL    FW    SS    TW    FW    TW    CL    CW    LA    LI    TW
 *   ack      CL    ES    SS    ES    FW    TW    CL    CW    CL    LI    ES
 *   rst      CL    CL    CL    SR    CL    CL    CL    CL    LA    LI    CL
 * </pre>
 */
public final class TcpStates
{
    /** IP_VS_TCP_S_NONE. */
    public static final int NONE = 0;
    /** IP_VS_TCP_S_ESTABLISHED. */
    public static final int ESTABLISHED = 1;
    /** IP_VS_TCP_S_SYN_SENT. */
    public static final int SYN_SENT = 2;
    /** IP_VS_TCP_S_SYN_RECV. */
    public static final int SYN_RECV = 3;
    /** IP_VS_TCP_S_FIN_WAIT. */
    public static final int FIN_WAIT = 4;
    /** IP_VS_TCP_S_TIME_WAIT. */
    public static final int TIME_WAIT = 5;
    /** IP_VS_TCP_S_CLOSE. */
    public static final int CLOSE = 6;
    /** IP_VS_TCP_S_CLOSE_WAIT. */
    public static final int CLOSE_WAIT = 7;
    /** IP_VS_TCP_S_LAST_ACK. */
    public static final int LAST_ACK = 8;
    /** IP_VS_TCP_S_LISTEN. */
    public static final int LISTEN = 9;
    /** IP_VS_TCP_S_SYNACK. */
    public static final int SYNACK = 10;
    /** Number of TCP states (IP_VS_TCP_S_LAST). */
    public static final int STATE_COUNT = 11;

    /** Direction: client → real server, replies seen too (IP_VS_DIR_INPUT). */
    public static final int INPUT = 0;
    /** Direction: real server → client (IP_VS_DIR_OUTPUT). */
    public static final int OUTPUT = 1;
    /** Direction: client → real server, no reply seen yet (IP_VS_DIR_INPUT_ONLY). */
    public static final int INPUT_ONLY = 2;

    /** TCP header flag FIN. */
    public static final int TCP_FIN = 0x01;
    /** TCP header flag SYN. */
    public static final int TCP_SYN = 0x02;
    /** TCP header flag RST. */
    public static final int TCP_RST = 0x04;
    /** TCP header flag ACK. */
    public static final int TCP_ACK = 0x10;

    private static final int EVENT_SYN = 0;
    private static final int EVENT_FIN = 1;
    private static final int EVENT_ACK = 2;
    private static final int EVENT_RST = 3;

    private static final String[] NAMES =
    {
        "NONE", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK",
        "LISTEN", "SYNACK"
    };

    private static final int NO = NONE;
    private static final int ES = ESTABLISHED;
    private static final int SS = SYN_SENT;
    private static final int SR = SYN_RECV;
    private static final int FW = FIN_WAIT;
    private static final int TW = TIME_WAIT;
    private static final int CL = CLOSE;
    private static final int CW = CLOSE_WAIT;
    private static final int LA = LAST_ACK;
    private static final int LI = LISTEN;
    private static final int SA = SYNACK;

    /** [direction * 4 + event][state] → next state; columns in state order NONE..SYNACK. */
    private static final byte[][] NEXT =
    {
        // INPUT
        row(SR, ES, ES, SR, SR, SR, SR, SR, SR, SR, SR),
        row(CL, CW, SS, TW, TW, TW, CL, CW, LA, LI, TW),
        row(CL, ES, SS, ES, FW, TW, CL, CW, CL, LI, ES),
        row(CL, CL, CL, SR, CL, CL, CL, CL, LA, LI, SR),
        // OUTPUT
        row(SS, ES, SS, SR, SS, SS, SS, SS, SS, LI, SR),
        row(TW, FW, SS, TW, FW, TW, CL, TW, LA, LI, TW),
        row(ES, ES, SS, ES, FW, TW, CL, CW, LA, ES, ES),
        row(CL, CL, SS, CL, CL, TW, CL, CL, CL, CL, CL),
        // INPUT-ONLY
        row(SR, ES, ES, SR, SR, SR, SR, SR, SR, SR, SR),
        row(CL, FW, SS, TW, FW, TW, CL, CW, LA, LI, TW),
        row(CL, ES, SS, ES, FW, TW, CL, CW, CL, LI, ES),
        row(CL, CL, CL, SR, CL, CL, CL, CL, LA, LI, CL),
    };

    private TcpStates()
    {
    }

    private static byte[] row(final int... states)
    {
        final byte[] row = new byte[states.length];
        for (int i = 0; i < states.length; i++)
        {
            row[i] = (byte)states[i];
        }
        return row;
    }

    /**
     * IPVS's {@code tcp_state_idx}: RST wins, then SYN, FIN, ACK.
     *
     * @param tcpFlags the TCP header's flags byte.
     * @return the event row 0..3, or -1 when none of the four flags is set.
     */
    public static int event(final int tcpFlags)
    {
        if ((tcpFlags & TCP_RST) != 0)
        {
            return EVENT_RST;
        }
        if ((tcpFlags & TCP_SYN) != 0)
        {
            return EVENT_SYN;
        }
        if ((tcpFlags & TCP_FIN) != 0)
        {
            return EVENT_FIN;
        }
        if ((tcpFlags & TCP_ACK) != 0)
        {
            return EVENT_ACK;
        }
        return -1;
    }

    /**
     * The next state, as {@code set_tcp_state} computes it (a packet with no SYN/FIN/ACK/RST gives CLOSE).
     *
     * @param direction {@link #INPUT}, {@link #OUTPUT} or {@link #INPUT_ONLY}.
     * @param tcpFlags  the TCP header's flags byte.
     * @param state     the current state.
     * @return the next state.
     */
    public static int next(final int direction, final int tcpFlags, final int state)
    {
        final int event = event(tcpFlags);
        if (event < 0)
        {
            return CLOSE;
        }
        return NEXT[(direction << 2) + event][state];
    }

    /**
     * Whether a packet may start a new connection ({@code tcp_conn_schedule}): a SYN without RST, or with
     * IPVS's {@code sloppy_tcp} any packet without RST.
     *
     * @param tcpFlags the TCP header's flags byte.
     * @param sloppy   the {@code sloppy_tcp} setting.
     * @return true when the packet may be scheduled.
     */
    public static boolean startsConnection(final int tcpFlags, final boolean sloppy)
    {
        return (tcpFlags & TCP_RST) == 0 && (sloppy || (tcpFlags & TCP_SYN) != 0);
    }

    /**
     * @param state a TCP state.
     * @return its name as {@code ipvsadm -L -c} prints it, or {@code ERR!} when out of range.
     */
    public static String name(final int state)
    {
        return state >= 0 && state < STATE_COUNT ? NAMES[state] : "ERR!";
    }
}
