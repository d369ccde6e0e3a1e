package org.jvs.core.forward;

import org.jvs.core.conn.ConnectionTable;

/**
 * One forwarding method (DR, NAT, TUN), chosen once per connection (STYLE.md section 6): the connection entry
 * holds the index of its handler and the packet path calls it without switching on the method. A handler
 * rewrites the frame in {@link PacketContext} (in place, or into the context's scratch buffer) and names the
 * IP destination the result must be routed to; the worker then picks the egress port and next-hop MAC.
 * Handlers allocate nothing and never throw; a refusal is a {@link ForwardVerdict} the worker counts.
 */
public interface Forwarder
{
    /**
     * A client's packet of the connection, toward its real server.
     *
     * @param context the frame, parsed; the output is set here.
     * @param table   the worker's connection table.
     * @param entry   the connection entry.
     * @return {@link ForwardVerdict#FORWARD} or the reason it is not forwarded.
     */
    ForwardVerdict toRealServer(PacketContext context, ConnectionTable table, int entry);

    /**
     * A real server's reply, toward the client: only NAT sees these (DR and TUN replies go straight back).
     *
     * @param context the frame, parsed; the output is set here.
     * @param table   the worker's connection table.
     * @param entry   the connection entry.
     * @return {@link ForwardVerdict#FORWARD} or the reason it is not forwarded.
     */
    default ForwardVerdict toClient(final PacketContext context, final ConnectionTable table, final int entry)
    {
        return ForwardVerdict.NOT_NAT;
    }

    /**
     * An ICMP error from the client's side about a packet the connection sent it (it quotes VIP:vport to
     * CIP:cport, or RIP:rport in DR/TUN): toward the real server, as IPVS's {@code ip_vs_in_icmp}. By default the
     * error goes as any client packet of the connection does (DR: new MAC; TUN: encapsulated).
     *
     * @param context the ICMP error frame, parsed.
     * @param table   the worker's connection table.
     * @param entry   the connection the quoted packet belongs to.
     * @return {@link ForwardVerdict#FORWARD} or the reason it is not forwarded.
     */
    default ForwardVerdict icmpToRealServer(final PacketContext context, final ConnectionTable table, final int entry)
    {
        return toRealServer(context, table, entry);
    }

    /**
     * An ICMP error from a real server (or a router on its way) about a packet of the connection it received
     * (it quotes CIP:cport to RIP:rport): toward the client, as IPVS's {@code ip_vs_out_icmp}. Only NAT sees these.
     *
     * @param context the ICMP error frame, parsed.
     * @param table   the worker's connection table.
     * @param entry   the connection the quoted packet belongs to.
     * @return {@link ForwardVerdict#FORWARD} or the reason it is not forwarded.
     */
    default ForwardVerdict icmpToClient(final PacketContext context, final ConnectionTable table, final int entry)
    {
        return ForwardVerdict.NOT_NAT;
    }
}
