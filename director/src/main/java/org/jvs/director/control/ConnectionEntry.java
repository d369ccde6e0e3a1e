package org.jvs.director.control;

import org.jvs.core.service.InetAddr;

/**
 * One line of {@code ipvsadm -L -n -c}: a connection (or persistence template) as {@code /proc/net/ip_vs_conn}
 * shows it.
 *
 * @param protocol      "TCP", "UDP", "SCTP", or "IP" for a fwmark service's template.
 * @param clientAddress CIP.
 * @param clientPort    client port (0 in a template).
 * @param virtualAddress VIP (for a fwmark template, the kernel shows the mark as an address).
 * @param virtualPort   virtual port.
 * @param destAddress   RIP.
 * @param destPort      real port.
 * @param state         IPVS state name: ESTABLISHED, SYN_RECV, FIN_WAIT, TIME_WAIT, CLOSE, NONE, UDP...
 * @param expiresS      seconds until the entry expires.
 */
public record ConnectionEntry(
    String protocol,
    InetAddr clientAddress,
    int clientPort,
    InetAddr virtualAddress,
    int virtualPort,
    InetAddr destAddress,
    int destPort,
    String state,
    long expiresS)
{
}
