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
}
