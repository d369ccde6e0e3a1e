package org.jvs.core.conn;

import java.util.concurrent.TimeUnit;

/**
 * Idle timeouts of connection entries, per TCP state and for UDP, as IPVS's per-protocol
 * {@code timeout_table}s. Defaults (seconds): NONE 2, ESTABLISHED 900, SYN_SENT 120, SYN_RECV 60, FIN_WAIT 120,
 * TIME_WAIT 120, CLOSE 10, CLOSE_WAIT 60, LAST_ACK 30, LISTEN 120, SYNACK 120, UDP 300.
 * <p>
 * {@link #set} is {@code ipvsadm --set tcp tcpfin udp}: it changes ESTABLISHED, FIN_WAIT and UDP only, and a 0
 * leaves that value as it was. {@link #toString} is what {@code ipvsadm -L --timeout} prints.
 * <p>
 * Owned by one worker like its {@link ConnectionTable}: the control plane sends the change as a command that
 * the worker applies. The new values apply from each entry's next packet, as in IPVS.
 */
public final class Timeouts
{
    /** Default TCP timeouts in seconds, indexed by {@link TcpStates} state. */
    private static final int[] DEFAULT_TCP_S = {2, 900, 120, 60, 120, 120, 10, 60, 30, 120, 120};
    /** Default UDP timeout in seconds. */
    public static final int DEFAULT_UDP_S = 300;

    private final int[] tcpS = DEFAULT_TCP_S.clone();
    private final long[] tcpNs = new long[TcpStates.STATE_COUNT];
    private int udpS = DEFAULT_UDP_S;
    private long udpNs;

    /**
     * IPVS's defaults.
     */
    public Timeouts()
    {
        refresh();
    }

    /**
     * {@code ipvsadm --set tcp tcpfin udp}.
     *
     * @param tcpS    ESTABLISHED timeout in seconds, 0 to keep it.
     * @param tcpFinS FIN_WAIT timeout in seconds, 0 to keep it.
     * @param udpS    UDP timeout in seconds, 0 to keep it.
     * @return this.
     * @throws IllegalArgumentException naming the argument when one is negative or above IPVS's limit.
     */
    public Timeouts set(final int tcpS, final int tcpFinS, final int udpS)
    {
        check("tcp", tcpS);
        check("tcpfin", tcpFinS);
        check("udp", udpS);
        if (tcpS != 0)
        {
            this.tcpS[TcpStates.ESTABLISHED] = tcpS;
        }
        if (tcpFinS != 0)
        {
            this.tcpS[TcpStates.FIN_WAIT] = tcpFinS;
        }
        if (udpS != 0)
        {
            this.udpS = udpS;
        }
        refresh();
        return this;
    }

    /**
     * Set one TCP state's timeout (what IPVS's per-state timeout table holds; ipvsadm reaches only three).
     *
     * @param state    a {@link TcpStates} state.
     * @param timeoutS seconds, above 0.
     * @return this.
     */
    public Timeouts tcpStateS(final int state, final int timeoutS)
    {
        if (state < 0 || state >= TcpStates.STATE_COUNT)
        {
            throw new IllegalArgumentException("no TCP state " + state);
        }
        check(TcpStates.name(state), timeoutS);
        if (timeoutS == 0)
        {
            throw new IllegalArgumentException("timeout of " + TcpStates.name(state) + " must be above 0");
        }
        tcpS[state] = timeoutS;
        refresh();
        return this;
    }

    private static void check(final String name, final int valueS)
    {
        // IPVS refuses values whose jiffies overflow an int (INT_MAX / HZ, with HZ up to 1000).
        if (valueS < 0 || valueS > Integer.MAX_VALUE / 1000)
        {
            throw new IllegalArgumentException("invalid " + name + " timeout: " + valueS + " (0.." +
                (Integer.MAX_VALUE / 1000) + " seconds)");
        }
    }

    private void refresh()
    {
        for (int i = 0; i < tcpS.length; i++)
        {
            tcpNs[i] = TimeUnit.SECONDS.toNanos(tcpS[i]);
        }
        udpNs = TimeUnit.SECONDS.toNanos(udpS);
    }

    /**
     * @param state a {@link TcpStates} state.
     * @return its timeout in seconds.
     */
    public int tcpS(final int state)
    {
        return tcpS[state];
    }

    /**
     * @param state a {@link TcpStates} state.
     * @return its timeout in nanoseconds.
     */
    public long tcpNs(final int state)
    {
        return tcpNs[state];
    }

    /**
     * @return the UDP timeout in seconds.
     */
    public int udpS()
    {
        return udpS;
    }

    /**
     * @return the UDP timeout in nanoseconds.
     */
    public long udpNs()
    {
        return udpNs;
    }

    /**
     * @return as {@code ipvsadm -L --timeout} prints it: {@code Timeout (tcp tcpfin udp): 900 120 300}.
     */
    @Override
    public String toString()
    {
        return "Timeout (tcp tcpfin udp): " + tcpS[TcpStates.ESTABLISHED] + " " + tcpS[TcpStates.FIN_WAIT] + " " +
            udpS;
    }
}
