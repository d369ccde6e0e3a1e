package org.jvs.schedulers;

import java.util.Arrays;

import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * A tournament tree over the positions of a service's real-server list: each node holds the list position
 * of the best usable server below it, by a scheduler's {@link Order}, a tie going to the lower position.
 * The root is therefore exactly the server the kernel's full list scan returns ("first in list order wins a
 * tie"), read in O(1); a change of one server's counts, weight or flags costs O(log n), told through
 * {@link RealServer#loadObserver}. The tree is rebuilt, O(n), by the add/delete/update hooks.
 * <p>
 * Each server in the index carries a {@link ServerSlot} (its {@code schedulerData} and its load observer)
 * that knows its list position. Owned by the service's worker thread; nothing here allocates after a rebuild.
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
         * @param candidate a usable server later in list order.
         * @param incumbent a usable server earlier in list order.
         * @return true when the candidate strictly beats the incumbent.
         */
        boolean before(RealServer candidate, RealServer incumbent);

        /**
         * @return true when {@link #before} looks only at weights, so a change of counts that leaves a server
         * as usable as it was cannot change any node (weights change only through ipvsadm -e, whose hook
         * rebuilds the tree): the refresh stops at the leaf.
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
    private int leafBase = 2;
    private int count;

    ServerIndex(final Order order)
    {
        this.order = order;
    }

    /**
     * Re-read the service's list: positions, leaves and every node. Attaches a {@link ServerSlot} to each server.
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
        }
        leafBase = capacity;
        for (int i = 0; i < capacity; i++)
        {
            final RealServer server = i < count ? service.server(i) : null;
            servers[i] = server;
            if (server != null)
            {
                ServerSlot.attach(server, this, i);
                best[capacity + i] = order.usable(server) ? i : NONE;
            }
            else
            {
                best[capacity + i] = NONE;
            }
        }
        for (int node = capacity - 1; node >= 1; node--)
        {
            best[node] = pick(best[node << 1], best[(node << 1) + 1]);
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

    /**
     * @param server a server.
     * @return its list position in this index, or -1 when it is not indexed here.
     */
    int positionOf(final RealServer server)
    {
        final int position = ServerSlot.positionOf(server, this);
        return position >= 0 && position < count && servers[position] == server ? position : NONE;
    }

    /**
     * Recompute one leaf and its ancestors.
     *
     * @param position list position of the changed server.
     */
    @Override
    public void refresh(final int position)
    {
        int node = leafBase + position;
        final RealServer server = servers[position];
        final int leaf = server != null && order.usable(server) ? position : NONE;
        if (leaf == best[node] && order.ranksByWeightOnly())
        {
            return;
        }
        best[node] = leaf;
        node >>= 1;
        while (node >= 1)
        {
            best[node] = pick(best[node << 1], best[(node << 1) + 1]);
            node >>= 1;
        }
    }

    private int pick(final int left, final int right)
    {
        if (left == NONE)
        {
            return right;
        }
        if (right == NONE)
        {
            return left;
        }
        return order.before(servers[right], servers[left]) ? right : left;
    }

    /**
     * @return the best usable server (first in list order among equals), or null when none is usable.
     */
    RealServer best()
    {
        final int position = best[1];
        return position == NONE ? null : servers[position];
    }

    /**
     * @return number of servers indexed.
     */
    int count()
    {
        return count;
    }

    /**
     * @param position list position.
     * @return the server there.
     */
    RealServer server(final int position)
    {
        return servers[position];
    }

    /**
     * First usable server at or after a list position whose weight is at least {@code minWeight}. Valid only
     * when the order prefers the higher weight (each node's best then has its subtree's highest usable
     * weight), as rr and wrr use it. O(log n).
     *
     * @param from      first list position to consider.
     * @param minWeight lowest acceptable weight.
     * @return the position, or -1 when there is none.
     */
    int firstFrom(final int from, final int minWeight)
    {
        if (from >= count)
        {
            return NONE;
        }
        int node = leafBase + from;
        if (!qualifies(best[node], minWeight))
        {
            while (true)
            {
                if ((node & 1) == 0 && qualifies(best[node + 1], minWeight))
                {
                    node++;
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
                node <<= 1;
                if (!qualifies(best[node], minWeight))
                {
                    node++;
                }
            }
        }
        return node - leafBase;
    }

    private boolean qualifies(final int position, final int minWeight)
    {
        return position != NONE && servers[position].weight() >= minWeight;
    }

    /**
     * @return the highest weight of a usable server (when the order prefers the higher weight), 0 if none.
     */
    int bestWeight()
    {
        final int position = best[1];
        return position == NONE ? 0 : servers[position].weight();
    }
}
