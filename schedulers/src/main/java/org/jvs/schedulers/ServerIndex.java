package org.jvs.schedulers;

import java.util.Arrays;

import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * A tournament tree over a service's real-server list: each node holds the best usable server below it, by a
 * scheduler's {@link Order}, a tie going to the server earlier in list order. The root is therefore exactly the
 * server the kernel's full list scan returns ("first in list order wins a tie"), read in O(1); a change of one
 * server's counts, weight or flags costs O(log n), told through {@link RealServer#loadObserver}.
 * <p>
 * Leaves are numbered from the list's tail (slot = count − 1 − list position), so that {@code ipvsadm -a}, which
 * puts the new server at the head, appends a leaf in O(log n) and leaves every other slot as it was; an edit
 * refreshes one leaf; a delete, which shifts the servers after it, rebuilds the tree in O(n). Each server
 * carries a {@link ServerSlot} (its {@code schedulerData} and its load observer) that knows its slot. Owned by
 * the service's worker thread; nothing here allocates except when the tree grows or a server joins.
 */
final class ServerIndex implements ServerSlot.Owner
{
    /**
     * A scheduler's notion of usable and better. {@code before} must be a strict weak order on usable
     * servers (the kernel's comparisons are: counts compared directly or as ratios by cross-multiplication).
     */
    interface Order
    {
        /**
         * @param server a server in the list.
         * @return true when the scheduler may give it a new connection.
         */
        boolean usable(RealServer server);

        /**
         * @param candidate a usable server.
         * @param incumbent another usable server.
         * @return true when the candidate strictly beats the incumbent.
         */
        boolean before(RealServer candidate, RealServer incumbent);

        /**
         * @return true when {@link #before} looks only at weights, so a change of counts that leaves a server
         * as usable as it was, with the same weight, cannot change any node: the refresh stops at the leaf.
         */
        default boolean ranksByWeightOnly()
        {
            return false;
        }
    }

    private static final int NONE = -1;

    private final Order order;
    private RealServer[] servers = new RealServer[2];
    private int[] best = new int[] {NONE, NONE, NONE, NONE};
    private int[] leafWeight = new int[2];
    private int leafBase = 2;
    private int count;

    ServerIndex(final Order order)
    {
        this.order = order;
    }

    /**
     * Re-read the whole list: slots, leaves and every node. Attaches a {@link ServerSlot} to each server.
     *
     * @param service the service whose list changed.
     */
    void rebuild(final VirtualService service)
    {
        count = service.serverCount();
        int capacity = 2;
        while (capacity < count)
        {
            capacity <<= 1;
        }
        if (servers.length != capacity)
        {
            servers = new RealServer[capacity];
            best = new int[capacity << 1];
            leafWeight = new int[capacity];
        }
        leafBase = capacity;
        for (int slot = 0; slot < capacity; slot++)
        {
            final RealServer server = slot < count ? service.server(count - 1 - slot) : null;
            servers[slot] = server;
            if (server != null)
            {
                ServerSlot.attach(server, this, slot);
                best[capacity + slot] = order.usable(server) ? slot : NONE;
                leafWeight[slot] = server.weight();
            }
            else
            {
                best[capacity + slot] = NONE;
            }
        }
        for (int node = capacity - 1; node >= 1; node--)
        {
            best[node] = pick(best[node << 1], best[(node << 1) + 1]);
        }
    }

    /**
     * A server was added at the head of the list: append its leaf, O(log n) (a rebuild when the tree is full
     * or the list is not what this index saw plus the new head).
     *
     * @param service the service.
     * @param server  the new first server.
     */
    void added(final VirtualService service, final RealServer server)
    {
        if (count < leafBase && service.serverCount() == count + 1 && service.server(0) == server)
        {
            final int slot = count++;
            servers[slot] = server;
            ServerSlot.attach(server, this, slot);
            update(slot);
        }
        else
        {
            rebuild(service);
        }
    }

    /**
     * A server's weight or thresholds were edited: refresh its leaf.
     *
     * @param service the service.
     * @param server  the edited server.
     */
    void updated(final VirtualService service, final RealServer server)
    {
        final int slot = slotOf(server);
        if (slot == NONE)
        {
            rebuild(service);
        }
        else
        {
            update(slot);
        }
    }

    /**
     * Unhook a server that left the list (or the whole service).
     *
     * @param server the server.
     */
    static void detach(final RealServer server)
    {
        ServerSlot.detach(server);
    }

    /**
     * Unhook every server of the service (the service is going away).
     *
     * @param service the service.
     */
    void detachAll(final VirtualService service)
    {
        for (int i = 0; i < service.serverCount(); i++)
        {
            detach(service.server(i));
        }
        count = 0;
        Arrays.fill(servers, null);
        Arrays.fill(best, NONE);
    }

    private int slotOf(final RealServer server)
    {
        final int slot = ServerSlot.positionOf(server, this);
        return slot >= 0 && slot < count && servers[slot] == server ? slot : NONE;
    }

    /**
     * @param server a server.
     * @return its list position as this index last saw the list, or -1 when it is not indexed here.
     */
    int positionOf(final RealServer server)
    {
        final int slot = slotOf(server);
        return slot == NONE ? NONE : count - 1 - slot;
    }

    /**
     * A server's counts or flags changed: recompute its leaf and the leaf's ancestors.
     *
     * @param slot the server's slot.
     */
    @Override
    public void refresh(final int slot)
    {
        final int node = leafBase + slot;
        final RealServer server = servers[slot];
        final int leaf = server != null && order.usable(server) ? slot : NONE;
        final boolean same = leaf == best[node] && server != null && server.weight() == leafWeight[slot];
        if (!same || !order.ranksByWeightOnly())
        {
            update(slot);
        }
    }

    private void update(final int slot)
    {
        int node = leafBase + slot;
        final RealServer server = servers[slot];
        best[node] = server != null && order.usable(server) ? slot : NONE;
        leafWeight[slot] = server != null ? server.weight() : 0;
        node >>= 1;
        while (node >= 1)
        {
            best[node] = pick(best[node << 1], best[(node << 1) + 1]);
            node >>= 1;
        }
    }

    /**
     * @param lower a slot of the left subtree (later in list order), or NONE.
     * @param upper a slot of the right subtree (earlier in list order), or NONE.
     */
    private int pick(final int lower, final int upper)
    {
        if (lower == NONE)
        {
            return upper;
        }
        if (upper == NONE)
        {
            return lower;
        }
        return order.before(servers[lower], servers[upper]) ? lower : upper;
    }

    /**
     * @return the best usable server (first in list order among equals), or null when none is usable.
     */
    RealServer best()
    {
        final int slot = best[1];
        return slot == NONE ? null : servers[slot];
    }

    /**
     * @return number of servers indexed.
     */
    int count()
    {
        return count;
    }

    /**
     * @param position list position (0 = head).
     * @return the server there.
     */
    RealServer server(final int position)
    {
        return servers[count - 1 - position];
    }

    /**
     * First usable server at or after a list position whose weight is at least {@code minWeight}. Valid only
     * when the order prefers the higher weight (each node's best then has its subtree's highest usable
     * weight), as rr and wrr use it. O(log n).
     *
     * @param from      first list position to consider.
     * @param minWeight lowest acceptable weight.
     * @return the list position, or -1 when there is none.
     */
    int firstFrom(final int from, final int minWeight)
    {
        if (from >= count)
        {
            return NONE;
        }
        int node = leafBase + count - 1 - from;
        if (!qualifies(best[node], minWeight))
        {
            while (true)
            {
                if ((node & 1) == 1 && qualifies(best[node - 1], minWeight))
                {
                    node--;
                    break;
                }
                node >>= 1;
                if (node <= 1)
                {
                    return NONE;
                }
            }
            while (node < leafBase)
            {
                node = (node << 1) + 1;
                if (!qualifies(best[node], minWeight))
                {
                    node--;
                }
            }
        }
        return count - 1 - (node - leafBase);
    }

    private boolean qualifies(final int slot, final int minWeight)
    {
        return slot != NONE && servers[slot].weight() >= minWeight;
    }

    /**
     * @return the highest weight of a usable server (when the order prefers the higher weight), 0 if none.
     */
    int bestWeight()
    {
        final int slot = best[1];
        return slot == NONE ? 0 : servers[slot].weight();
    }
}
