package org.jvs.schedulers;

import org.jvs.core.service.LoadObserver;
import org.jvs.core.service.RealServer;

/**
 * A real server's link into a scheduler's index: its list position, and the load observer that tells the
 * index when the server's counts, weight or flags change. Kept in the server's {@code schedulerData}, reused
 * across rebuilds, removed when the server leaves the list.
 */
final class ServerSlot implements LoadObserver
{
    /**
     * An index over list positions.
     */
    interface Owner
    {
        /**
         * @param position list position of a server whose load or usability changed.
         */
        void refresh(int position);
    }

    private final Owner owner;
    private int position;

    private ServerSlot(final Owner owner)
    {
        this.owner = owner;
    }

    @Override
    public void onLoadChanged(final RealServer server)
    {
        owner.refresh(position);
    }

    /**
     * Link a server to an index at a list position (reusing its slot when it has one for that index).
     *
     * @param server   the server.
     * @param owner    the index.
     * @param position its list position.
     */
    static void attach(final RealServer server, final Owner owner, final int position)
    {
        final Object data = server.schedulerData();
        final ServerSlot slot =
            data instanceof ServerSlot && ((ServerSlot)data).owner == owner ? (ServerSlot)data : new ServerSlot(owner);
        slot.position = position;
        server.schedulerData(slot);
        server.loadObserver(slot);
    }

    /**
     * Unlink a server that left the list.
     *
     * @param server the server.
     */
    static void detach(final RealServer server)
    {
        if (server.schedulerData() instanceof ServerSlot)
        {
            server.schedulerData(null);
            server.loadObserver(null);
        }
    }

    /**
     * @param server a server.
     * @param owner  an index.
     * @return the position the server has in that index, or -1 when it is not linked to it.
     */
    static int positionOf(final RealServer server, final Owner owner)
    {
        final Object data = server.schedulerData();
        return data instanceof ServerSlot && ((ServerSlot)data).owner == owner ? ((ServerSlot)data).position : -1;
    }
}
