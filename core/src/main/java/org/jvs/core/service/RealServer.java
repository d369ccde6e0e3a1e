package org.jvs.core.service;

/**
 * A real server of one virtual service, as IPVS's {@code struct ip_vs_dest}: its address, weight,
 * thresholds and forwarding method, and the connection counts the schedulers read.
 * <p>
 * Owned by one worker (STYLE.md section 3): only that worker's thread changes it. Each worker holds its own
 * copy of every real server, as DPVS gives each core its own; readers sum the workers' counts.
 * The counting rules are IPVS's {@code ip_vs_bind_dest}/{@code ip_vs_unbind_dest}.
 */
public final class RealServer
{
    /** IPVS {@code IP_VS_DEST_F_AVAILABLE}: in the service's list (cleared when removed to the trash). */
    public static final int F_AVAILABLE = 0x0001;
    /** IPVS {@code IP_VS_DEST_F_OVERLOAD}: connections reached the upper threshold. */
    public static final int F_OVERLOAD = 0x0002;

    private final InetAddr address;
    private final int port;
    private final TrafficStats stats = new TrafficStats();
    private ForwardMethod forwardMethod;
    private int weight;
    private int lastWeight;
    private int upperThreshold;
    private int lowerThreshold;
    private int flags;
    private int activeConns;
    private int inactConns;
    private int persistConns;
    private Object schedulerData;
    private LoadObserver loadObserver;

    /**
     * @param address        RIP.
     * @param port           real port (0 for a port-zero service).
     * @param forwardMethod  how connections reach it.
     * @param weight         initial weight (0 = quiesced).
     * @param upperThreshold {@code -x}, 0 for none.
     * @param lowerThreshold {@code -y}, 0 for none.
     */
    public RealServer(
        final InetAddr address,
        final int port,
        final ForwardMethod forwardMethod,
        final int weight,
        final int upperThreshold,
        final int lowerThreshold)
    {
        this.address = address;
        this.port = port;
        this.forwardMethod = forwardMethod;
        update(weight, upperThreshold, lowerThreshold);
    }

    /**
     * Apply {@code ipvsadm -a/-e} settings as {@code __ip_vs_update_dest} does: set the weight (remembering
     * the last positive one), make it available, clear the overload flag when the upper threshold is
     * removed or raised.
     *
     * @param weight         new weight.
     * @param upperThreshold new upper threshold, 0 for none.
     * @param lowerThreshold new lower threshold, 0 for none.
     */
    public void update(final int weight, final int upperThreshold, final int lowerThreshold)
    {
        this.weight = weight;
        if (weight > 0)
        {
            lastWeight = weight;
        }
        flags |= F_AVAILABLE;
        if (upperThreshold == 0 || upperThreshold > this.upperThreshold)
        {
            flags &= ~F_OVERLOAD;
        }
        this.upperThreshold = upperThreshold;
        this.lowerThreshold = lowerThreshold;
        notifyLoad();
    }

    /**
     * A connection (or persistence template) was bound to this server: count it, and mark the server
     * overloaded when active + inactive connections reach the upper threshold.
     *
     * @param template true for a persistence template.
     * @param active   true when the connection starts active (new connections start inactive).
     */
    public void bind(final boolean template, final boolean active)
    {
        if (template)
        {
            persistConns++;
        }
        else if (active)
        {
            activeConns++;
        }
        else
        {
            inactConns++;
        }
        if (upperThreshold != 0 && totalConns() >= upperThreshold)
        {
            flags |= F_OVERLOAD;
        }
        notifyLoad();
    }

    /**
     * A connection (or template) left this server: uncount it and clear the overload flag as IPVS does
     * (below the lower threshold, or below 3/4 of the upper threshold when there is no lower one).
     *
     * @param template true for a persistence template.
     * @param active   true when the connection was counted active.
     */
    public void unbind(final boolean template, final boolean active)
    {
        if (template)
        {
            persistConns--;
        }
        else if (active)
        {
            activeConns--;
        }
        else
        {
            inactConns--;
        }
        if (lowerThreshold != 0)
        {
            if (totalConns() < lowerThreshold)
            {
                flags &= ~F_OVERLOAD;
            }
        }
        else if (upperThreshold != 0)
        {
            if ((long)totalConns() * 4 < (long)upperThreshold * 3)
            {
                flags &= ~F_OVERLOAD;
            }
        }
        else
        {
            flags &= ~F_OVERLOAD;
        }
        notifyLoad();
    }

    /**
     * A connection entered ESTABLISHED: it moves from inactive to active.
     */
    public void activate()
    {
        inactConns--;
        activeConns++;
        notifyLoad();
    }

    /**
     * A connection left ESTABLISHED: it moves from active to inactive.
     */
    public void deactivate()
    {
        activeConns--;
        inactConns++;
        notifyLoad();
    }

    /**
     * Removed from the service (to IPVS's dest trash): no longer available, its connections live on.
     */
    public void markRemoved()
    {
        flags &= ~F_AVAILABLE;
        notifyLoad();
    }

    /**
     * @param observer told of every change of counts or settings (a scheduler's load index), or null.
     */
    public void loadObserver(final LoadObserver observer)
    {
        this.loadObserver = observer;
    }

    private void notifyLoad()
    {
        final LoadObserver observer = loadObserver;
        if (observer != null)
        {
            observer.onLoadChanged(this);
        }
    }

    /**
     * @return IPVS's overhead for lc/wlc/lblc/lblcr: activeconns × 256 + inactconns.
     */
    public long overhead()
    {
        return ((long)activeConns << 8) + inactConns;
    }

    /**
     * @return active + inactive connections ({@code ip_vs_dest_totalconns}).
     */
    public int totalConns()
    {
        return activeConns + inactConns;
    }

    public InetAddr address()
    {
        return address;
    }

    public int port()
    {
        return port;
    }

    public ForwardMethod forwardMethod()
    {
        return forwardMethod;
    }

    public void forwardMethod(final ForwardMethod method)
    {
        this.forwardMethod = method;
    }

    public int weight()
    {
        return weight;
    }

    /**
     * @return the last weight above zero (Maglev keeps a server's table turns when it is set to 0).
     */
    public int lastWeight()
    {
        return lastWeight;
    }

    public int upperThreshold()
    {
        return upperThreshold;
    }

    public int lowerThreshold()
    {
        return lowerThreshold;
    }

    public int flags()
    {
        return flags;
    }

    public boolean isOverloaded()
    {
        return (flags & F_OVERLOAD) != 0;
    }

    public boolean isAvailable()
    {
        return (flags & F_AVAILABLE) != 0;
    }

    public int activeConns()
    {
        return activeConns;
    }

    public int inactConns()
    {
        return inactConns;
    }

    public int persistConns()
    {
        return persistConns;
    }

    /**
     * @return packet and byte counters of this server.
     */
    public TrafficStats stats()
    {
        return stats;
    }

    /**
     * @return per-server state a scheduler keeps (like IPVS's per-dest scheduler fields), or null.
     */
    public Object schedulerData()
    {
        return schedulerData;
    }

    public void schedulerData(final Object data)
    {
        this.schedulerData = data;
    }

    /**
     * @param address RIP.
     * @param port    real port.
     * @return true when this is that real server.
     */
    public boolean is(final InetAddr address, final int port)
    {
        return this.port == port && this.address.equals(address);
    }

    @Override
    public String toString()
    {
        return (address.isIpv6() ? "[" + address + "]" : address.toString()) + ":" + port;
    }
}
