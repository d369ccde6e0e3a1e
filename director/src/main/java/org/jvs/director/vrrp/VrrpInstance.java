package org.jvs.director.vrrp;

import org.jvs.core.packet.VrrpFlyweight;

/**
 * One VRRP instance's state machine, RFC 3768 (v2) and RFC 5798 (v3), with keepalived's FAULT state,
 * {@code nopreempt} and {@code preempt_delay}. Pure logic: no thread, no socket, no clock. The caller (the VRRP
 * agent) calls {@link #start}, {@link #onAdvert} for each received advertisement, {@link #onTimer} when
 * {@link #nextDeadlineNs()} is reached, and {@link #shutdown}; each returns a bit set of {@code ACTION_*} for it
 * to carry out (send an advertisement with {@link #advertPriority()}, take or release the VIPs, send
 * {@link #garpRepeat()} gratuitous ARPs per VIP).
 * <p>
 * Timers, as the RFCs: Master_Down_Interval = 3 × Master_Adver_Interval + Skew_Time. v2: Skew_Time =
 * (256 − Priority) / 256 s. v3: Skew_Time = ((256 − Priority) × Master_Adver_Interval) / 256 cs, where a backup
 * learns Master_Adver_Interval from the master's advertisements. Integer arithmetic only.
 */
public final class VrrpInstance
{
    /** Send an advertisement now, with priority {@link #advertPriority()}. */
    public static final int ACTION_SEND_ADVERT = 1;
    /** Became MASTER: answer ARP for the VIPs (and use the virtual MAC with use_vmac). */
    public static final int ACTION_TAKE_VIPS = 2;
    /** Left MASTER: stop answering for the VIPs. */
    public static final int ACTION_RELEASE_VIPS = 4;
    /** Send {@link #garpRepeat()} gratuitous ARPs for each VIP. */
    public static final int ACTION_SEND_GARP = 8;
    /** The state changed (notify scripts, log once). */
    public static final int ACTION_STATE_CHANGED = 16;

    private static final long NONE = Long.MAX_VALUE;
    private static final long CS_NS = 10_000_000L;
    private static final long S_NS = 1_000_000_000L;

    private final VrrpSettings settings;
    private VrrpState state = VrrpState.INIT;
    private int priority;
    private int advertPriority;
    private boolean fault;
    private long startNs;
    private long masterDownAtNs = NONE;
    private long advertAtNs = NONE;
    private long garpAtNs = NONE;
    private long transitionNs;
    private int masterAdverIntervalCs;
    private int masterAddress;

    private long accepted;
    private long ttlDrops;
    private long versionDrops;
    private long authDrops;
    private long intervalDrops;
    private long otherRouterIds;
    private long ownAdverts;

    /**
     * @param settings the instance's settings.
     */
    public VrrpInstance(final VrrpSettings settings)
    {
        this.settings = settings;
        this.priority = settings.priority();
        this.advertPriority = settings.priority();
        this.masterAdverIntervalCs = settings.advertIntervalCs();
    }

    /**
     * Startup event: the address owner becomes MASTER at once, others BACKUP (FAULT while faulted).
     *
     * @param nowNs time now.
     * @return actions.
     */
    public int start(final long nowNs)
    {
        startNs = nowNs;
        if (fault)
        {
            return enterFault(nowNs);
        }
        return settings.isOwner() ? enterMaster(nowNs) : enterBackup(nowNs);
    }

    /**
     * Shutdown event: a MASTER sends an advertisement with priority 0 and releases the VIPs; → INIT.
     *
     * @param nowNs time now.
     * @return actions.
     */
    public int shutdown(final long nowNs)
    {
        int actions = 0;
        if (state == VrrpState.MASTER)
        {
            advertPriority = VrrpFlyweight.PRIORITY_STOP;
            actions = ACTION_SEND_ADVERT | ACTION_RELEASE_VIPS;
        }
        return actions | transition(VrrpState.INIT, nowNs);
    }

    /**
     * A received advertisement, checked first: TTL 255, our version, our VRID, our auth, (v2) our interval;
     * failures are counted and ignored.
     *
     * @param advert the advertisement.
     * @param nowNs  time of arrival.
     * @return actions.
     */
    public int onAdvert(final VrrpAdvert advert, final long nowNs)
    {
        if (!valid(advert))
        {
            return 0;
        }
        accepted++;
        if (state == VrrpState.BACKUP)
        {
            return onAdvertAsBackup(advert, nowNs);
        }
        if (state == VrrpState.MASTER)
        {
            return onAdvertAsMaster(advert, nowNs);
        }
        return 0;
    }

    /**
     * @param nowNs time now (at or after {@link #nextDeadlineNs()} for anything to happen).
     * @return actions.
     */
    public int onTimer(final long nowNs)
    {
        int actions = 0;
        if (state == VrrpState.BACKUP && nowNs >= masterDownAtNs)
        {
            return enterMaster(nowNs);
        }
        if (state == VrrpState.MASTER)
        {
            if (nowNs >= advertAtNs)
            {
                advertPriority = priority;
                advertAtNs = nowNs + settings.advertIntervalNs();
                actions |= ACTION_SEND_ADVERT;
            }
            if (nowNs >= garpAtNs)
            {
                garpAtNs = NONE;
                actions |= ACTION_SEND_GARP;
            }
        }
        return actions;
    }

    /**
     * Tracking changed the effective priority (base ± script weights); the next advertisement carries it.
     * The address owner keeps 255.
     *
     * @param effective the effective priority, clamped to 1..254.
     */
    public void priority(final int effective)
    {
        if (!settings.isOwner())
        {
            priority = Math.max(1, Math.min(254, effective));
        }
    }

    /**
     * A tracked interface went down or a weight-0 script failed (true), or all are well again (false).
     *
     * @param faulted the fault condition.
     * @param nowNs   time now.
     * @return actions.
     */
    public int fault(final boolean faulted, final long nowNs)
    {
        if (faulted == fault)
        {
            return 0;
        }
        fault = faulted;
        if (state == VrrpState.INIT)
        {
            return 0;
        }
        if (faulted)
        {
            return enterFault(nowNs);
        }
        return settings.isOwner() ? enterMaster(nowNs) : enterBackup(nowNs);
    }

    /**
     * {@code vrrp_sync_group}: another member of this instance's group changed to {@code target}; this one follows
     * (MASTER, BACKUP or FAULT) unless it is stopped, already there, or faulted itself (then it stays in FAULT).
     *
     * @param target the state the group moves to.
     * @param nowNs  time now.
     * @return actions.
     */
    public int follow(final VrrpState target, final long nowNs)
    {
        if (state == target || state == VrrpState.INIT || (fault && target != VrrpState.FAULT))
        {
            return 0;
        }
        switch (target)
        {
            case MASTER:
                return enterMaster(nowNs);
            case BACKUP:
                return enterBackup(nowNs);
            case FAULT:
                return enterFault(nowNs);
            default:
                return 0;
        }
    }

    /**
     * @return true while a tracked interface or a weight-0 script holds this instance in FAULT.
     */
    public boolean faulted()
    {
        return fault;
    }

    private boolean valid(final VrrpAdvert advert)
    {
        if (advert.ttl != VrrpFlyweight.REQUIRED_TTL)
        {
            ttlDrops++;
            return false;
        }
        if (advert.version != settings.version() || advert.type != VrrpFlyweight.TYPE_ADVERTISEMENT)
        {
            versionDrops++;
            return false;
        }
        if (advert.virtualRouterId != settings.virtualRouterId())
        {
            otherRouterIds++;
            return false;
        }
        if (settings.version() == VrrpFlyweight.VERSION_2 && !advert.authOk)
        {
            authDrops++;
            return false;
        }
        if (settings.version() == VrrpFlyweight.VERSION_2 && advert.advertIntervalCs != settings.advertIntervalCs())
        {
            intervalDrops++;
            return false;
        }
        if (advert.sourceAddress == settings.primaryAddress())
        {
            ownAdverts++;
            return false;
        }
        return true;
    }

    private int onAdvertAsBackup(final VrrpAdvert advert, final long nowNs)
    {
        if (advert.priority == VrrpFlyweight.PRIORITY_STOP)
        {
            masterDownAtNs = nowNs + skewTimeNs();
            return 0;
        }
        final boolean preemptNow = settings.preempt() && nowNs - startNs >= settings.preemptDelayNs();
        if (!preemptNow || advert.priority >= priority)
        {
            // Accepted: learn the master (v3: its interval), re-arm Master_Down_Timer.
            masterAddress = advert.sourceAddress;
            if (settings.version() == VrrpFlyweight.VERSION_3)
            {
                masterAdverIntervalCs = advert.advertIntervalCs;
            }
            masterDownAtNs = nowNs + masterDownIntervalNs();
        }
        return 0;
    }

    private int onAdvertAsMaster(final VrrpAdvert advert, final long nowNs)
    {
        if (advert.priority == VrrpFlyweight.PRIORITY_STOP)
        {
            advertPriority = priority;
            advertAtNs = nowNs + settings.advertIntervalNs();
            return ACTION_SEND_ADVERT;
        }
        if (advert.priority > priority || (advert.priority == priority &&
            Integer.compareUnsigned(advert.sourceAddress, settings.primaryAddress()) > 0))
        {
            masterAddress = advert.sourceAddress;
            if (settings.version() == VrrpFlyweight.VERSION_3)
            {
                masterAdverIntervalCs = advert.advertIntervalCs;
            }
            return ACTION_RELEASE_VIPS | enterBackup(nowNs);
        }
        return 0;
    }

    private int enterMaster(final long nowNs)
    {
        masterDownAtNs = NONE;
        advertPriority = priority;
        advertAtNs = nowNs + settings.advertIntervalNs();
        garpAtNs = settings.garpDelayNs() > 0 ? nowNs + settings.garpDelayNs() : NONE;
        masterAddress = settings.primaryAddress();
        return ACTION_SEND_ADVERT | ACTION_TAKE_VIPS | ACTION_SEND_GARP | transition(VrrpState.MASTER, nowNs);
    }

    private int enterBackup(final long nowNs)
    {
        final int actions = state == VrrpState.MASTER ? ACTION_RELEASE_VIPS : 0;
        if (masterAddress == settings.primaryAddress())
        {
            masterAddress = 0;
        }
        advertAtNs = NONE;
        garpAtNs = NONE;
        masterDownAtNs = nowNs + masterDownIntervalNs();
        return actions | transition(VrrpState.BACKUP, nowNs);
    }

    private int enterFault(final long nowNs)
    {
        int actions = 0;
        if (state == VrrpState.MASTER)
        {
            advertPriority = VrrpFlyweight.PRIORITY_STOP;
            actions = ACTION_SEND_ADVERT | ACTION_RELEASE_VIPS;
        }
        return actions | transition(VrrpState.FAULT, nowNs);
    }

    private int transition(final VrrpState next, final long nowNs)
    {
        if (next != VrrpState.MASTER)
        {
            advertAtNs = NONE;
            garpAtNs = NONE;
        }
        if (next != VrrpState.BACKUP)
        {
            masterDownAtNs = NONE;
        }
        if (next == state)
        {
            return 0;
        }
        state = next;
        transitionNs = nowNs;
        return ACTION_STATE_CHANGED;
    }

    /**
     * @return Skew_Time in ns for the current priority (v3: with the master's advertisement interval).
     */
    public long skewTimeNs()
    {
        if (settings.version() == VrrpFlyweight.VERSION_2)
        {
            return (256L - priority) * S_NS / 256;
        }
        return ((256L - priority) * masterAdverIntervalCs / 256) * CS_NS;
    }

    /**
     * @return Master_Down_Interval in ns: 3 × Master_Adver_Interval + Skew_Time.
     */
    public long masterDownIntervalNs()
    {
        final long intervalNs = settings.version() == VrrpFlyweight.VERSION_2 ?
            settings.advertIntervalNs() : masterAdverIntervalCs * CS_NS;
        return 3 * intervalNs + skewTimeNs();
    }

    /**
     * @return when {@link #onTimer} next has work, or Long.MAX_VALUE for never.
     */
    public long nextDeadlineNs()
    {
        return Math.min(masterDownAtNs, Math.min(advertAtNs, garpAtNs));
    }

    public VrrpState state()
    {
        return state;
    }

    public VrrpSettings settings()
    {
        return settings;
    }

    /**
     * @return the effective priority.
     */
    public int priority()
    {
        return priority;
    }

    /**
     * @return the priority for the advertisement an {@link #ACTION_SEND_ADVERT} asks for (0 when stopping).
     */
    public int advertPriority()
    {
        return advertPriority;
    }

    public int garpRepeat()
    {
        return settings.garpRepeat();
    }

    /**
     * @return the current master's primary address (ours when MASTER), 0 before any is known.
     */
    public int masterAddress()
    {
        return masterAddress;
    }

    public long transitionNs()
    {
        return transitionNs;
    }

    public long masterDownAtNs()
    {
        return masterDownAtNs;
    }

    public long accepted()
    {
        return accepted;
    }

    public long ttlDrops()
    {
        return ttlDrops;
    }

    public long versionDrops()
    {
        return versionDrops;
    }

    public long authDrops()
    {
        return authDrops;
    }

    public long intervalDrops()
    {
        return intervalDrops;
    }

    public long otherRouterIds()
    {
        return otherRouterIds;
    }

    public long ownAdverts()
    {
        return ownAdverts;
    }
}
