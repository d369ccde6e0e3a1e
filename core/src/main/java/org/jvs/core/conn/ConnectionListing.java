package org.jvs.core.conn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;

/**
 * {@code ipvsadm -L -n -c}: the connection entries of a table as ipvsadm prints them. Control plane only (it
 * allocates); run it on the table's owning worker thread, e.g. as a command the worker drains.
 * <pre>
 * IPVS connection entries
 * pro expire state       source             virtual            destination
 * TCP 14:59  ESTABLISHED 198.18.0.10:40000  198.18.0.100:80    198.18.1.1:80
 * TCP 05:59  NONE        198.18.0.10:0      198.18.0.100:80    198.18.1.1:80
 * </pre>
 * Expiry is the whole seconds left, as {@code mm:ss} (minutes go past 99 for long persistence timeouts).
 */
public final class ConnectionListing
{
    /** First line of {@code ipvsadm -L -c}. */
    public static final String TITLE = "IPVS connection entries";
    /** Column header of {@code ipvsadm -L -c}. */
    public static final String HEADER = String.format("pro expire %-11s %-18s %-18s %s",
        "state", "source", "virtual", "destination");

    private ConnectionListing()
    {
    }

    /**
     * @param table a worker's table.
     * @param nowNs time now.
     * @return one line per live entry, no title or header, in pool order.
     */
    public static List<String> lines(final ConnectionTable table, final long nowNs)
    {
        final List<String> lines = new ArrayList<>(table.size());
        table.forEach((t, entry) -> lines.add(line(t, entry, nowNs)));
        return lines;
    }

    /**
     * @param table a table.
     * @param entry a live entry.
     * @param nowNs time now.
     * @return the entry as ipvsadm prints it.
     */
    public static String line(final ConnectionTable table, final int entry, final long nowNs)
    {
        final long leftS = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(table.expiresAtNs(entry) - nowNs));
        final String expire = String.format("%02d:%02d", leftS / 60, leftS % 60);
        return String.format("%-3s %-6s %-11s %-18s %-18s %s",
            ServiceKey.protocolName(table.protocol(entry)),
            expire,
            table.stateName(entry),
            addressPort(table.clientAddress(entry), table.clientPort(entry)),
            addressPort(table.virtualAddress(entry), table.virtualPort(entry)),
            addressPort(table.destinationAddress(entry), table.destinationPort(entry)));
    }

    /**
     * @param address an address.
     * @param port    a port.
     * @return {@code a.b.c.d:port}, or {@code [v6]:port}.
     */
    public static String addressPort(final InetAddr address, final int port)
    {
        return (address.isIpv6() ? "[" + address + "]" : address.toString()) + ":" + port;
    }
}
