package org.jvs.director.control;

/**
 * The three connection timeouts {@code ipvsadm --set tcp tcpfin udp} changes and {@code --timeout} prints,
 * in seconds: TCP ESTABLISHED, TCP FIN_WAIT and UDP.
 *
 * @param tcpS    TCP ESTABLISHED timeout.
 * @param tcpFinS TCP FIN_WAIT timeout.
 * @param udpS    UDP timeout.
 */
public record Timeouts(int tcpS, int tcpFinS, int udpS)
{
    /** IPVS's defaults: 900 120 300. */
    public static final Timeouts DEFAULT = new Timeouts(900, 120, 300);

    /**
     * {@code --set}: a value of 0 leaves the current one as it was.
     *
     * @param tcpS    new TCP timeout, or 0.
     * @param tcpFinS new TCP FIN_WAIT timeout, or 0.
     * @param udpS    new UDP timeout, or 0.
     * @return the timeouts after the change.
     */
    public Timeouts with(final int tcpS, final int tcpFinS, final int udpS)
    {
        return new Timeouts(
            tcpS != 0 ? tcpS : this.tcpS, tcpFinS != 0 ? tcpFinS : this.tcpFinS, udpS != 0 ? udpS : this.udpS);
    }
}
