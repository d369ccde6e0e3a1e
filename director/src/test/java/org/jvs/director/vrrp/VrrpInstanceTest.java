package org.jvs.director.vrrp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jvs.director.vrrp.VrrpInstance.ACTION_RELEASE_VIPS;
import static org.jvs.director.vrrp.VrrpInstance.ACTION_SEND_ADVERT;
import static org.jvs.director.vrrp.VrrpInstance.ACTION_SEND_GARP;
import static org.jvs.director.vrrp.VrrpInstance.ACTION_STATE_CHANGED;
import static org.jvs.director.vrrp.VrrpInstance.ACTION_TAKE_VIPS;

class VrrpInstanceTest
{
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;
    static final long T0 = 1_000 * S;
    /** 198.18.0.1: this director. */
    static final int SELF = 0xC6120001;
    /** 198.18.0.2: the peer, a higher address. */
    static final int PEER = 0xC6120002;
    /** 198.18.0.0: a lower address. */
    static final int LOWER = 0xC6120000;
    static final int VIP = 0xC6120064;
    static final int VRID = 51;
    static final int BECAME_MASTER = ACTION_SEND_ADVERT | ACTION_TAKE_VIPS | ACTION_SEND_GARP | ACTION_STATE_CHANGED;

    static VrrpSettings v2(final int priority, final boolean preempt, final long preemptDelayNs, final byte[] pass)
    {
        return new VrrpSettings(2, VRID, priority, 100, preempt, preemptDelayNs, pass, SELF, new int[]{VIP},
            5 * S, 5, false);
    }

    static VrrpSettings v3(final int priority, final int intervalCs)
    {
        return new VrrpSettings(3, VRID, priority, intervalCs, true, 0, null, SELF, new int[]{VIP}, 0, 5, false);
    }

    static VrrpAdvert advert(final int version, final int priority, final int intervalCs, final int source)
    {
        return new VrrpAdvert().set(version, VRID, priority, intervalCs, source);
    }

    @Test
    void v2BackupTakesOverAtThreeIntervalsPlusSkew()
    {
        final VrrpInstance vrrp = new VrrpInstance(v2(100, true, 0, null));
        assertEquals(ACTION_STATE_CHANGED, vrrp.start(T0));
        assertEquals(VrrpState.BACKUP, vrrp.state());
        // RFC 3768: Skew_Time = (256 - 100) / 256 s = 609.375 ms; Master_Down_Interval = 3 s + skew.
        assertEquals(609_375_000L, vrrp.skewTimeNs());
        final long bound = T0 + 3 * S + 609_375_000L;
        assertEquals(bound, vrrp.nextDeadlineNs());
        assertEquals(0, vrrp.onTimer(bound - 1));
        assertEquals(VrrpState.BACKUP, vrrp.state());
        assertEquals(BECAME_MASTER, vrrp.onTimer(bound));
        assertEquals(VrrpState.MASTER, vrrp.state());
        assertEquals(100, vrrp.advertPriority());
        assertEquals(bound + S, vrrp.nextDeadlineNs(), "next advert one interval later");
        assertEquals(ACTION_SEND_ADVERT, vrrp.onTimer(bound + S));
        assertEquals(bound + 2 * S, vrrp.nextDeadlineNs());
    }

    @Test
    void v3SkewScalesWithTheMastersInterval()
    {
        final VrrpInstance vrrp = new VrrpInstance(v3(100, 100));
        vrrp.start(T0);
        // RFC 5798: Skew_Time = ((256 - 100) * 100) / 256 cs = 60 cs; MDI = 300 + 60 cs.
        assertEquals(600 * MS, vrrp.skewTimeNs());
        assertEquals(T0 + 3_600 * MS, vrrp.nextDeadlineNs());
        vrrp.onAdvert(advert(3, 200, 50, PEER), T0 + S);
        // Master_Adver_Interval learned: 50 cs; skew = 156 * 50 / 256 = 30 cs; MDI = 150 + 30 cs.
        assertEquals(300 * MS, vrrp.skewTimeNs());
        assertEquals(T0 + S + 1_800 * MS, vrrp.nextDeadlineNs());
        assertEquals(0, vrrp.onTimer(T0 + S + 1_800 * MS - 1));
        assertEquals(BECAME_MASTER, vrrp.onTimer(T0 + S + 1_800 * MS));
    }

    @Test
    void v3DiscardedAdvertTeachesNoInterval()
    {
        final VrrpInstance vrrp = new VrrpInstance(v3(200, 100));
        vrrp.start(T0);
        vrrp.onAdvert(advert(3, 100, 50, PEER), T0 + S);
        // Preempting: the lower advert is discarded, so Master_Adver_Interval stays 100 cs: skew 56*100/256 = 21 cs.
        assertEquals(210 * MS, vrrp.skewTimeNs());
        assertEquals(T0 + 3_210 * MS, vrrp.nextDeadlineNs());
        assertEquals(0, vrrp.masterAddress());
    }

    @Test
    void backupDefersToAHigherMasterAndTakesOverWhenItFallsSilent()
    {
        final VrrpInstance vrrp = new VrrpInstance(v2(100, true, 0, null));
        vrrp.start(T0);
        long t = T0;
        for (int i = 0; i < 10; i++)
        {
            t += S;
            assertEquals(0, vrrp.onAdvert(advert(2, 200, 100, PEER), t));
            assertEquals(0, vrrp.onTimer(t));
            assertEquals(VrrpState.BACKUP, vrrp.state());
        }
        assertEquals(PEER, vrrp.masterAddress());
        final long down = t + vrrp.masterDownIntervalNs();
        assertEquals(down, vrrp.nextDeadlineNs());
        assertEquals(0, vrrp.onTimer(down - 1));
        assertEquals(BECAME_MASTER, vrrp.onTimer(down));
    }

    @Test
    void priorityZeroMakesTheBackupTakeOverAfterSkewTime()
    {
        final VrrpInstance vrrp = new VrrpInstance(v2(100, true, 0, null));
        vrrp.start(T0);
        vrrp.onAdvert(advert(2, 200, 100, PEER), T0 + S);
        vrrp.onAdvert(advert(2, 0, 100, PEER), T0 + 2 * S);
        assertEquals(T0 + 2 * S + 609_375_000L, vrrp.nextDeadlineNs());
        assertEquals(0, vrrp.onTimer(T0 + 2 * S + 609_375_000L - 1));
        assertEquals(BECAME_MASTER, vrrp.onTimer(T0 + 2 * S + 609_375_000L));
    }

    @Test
    void masterYieldsToHigherPriorityOrEqualPriorityWithHigherAddress()
    {
        final VrrpInstance vrrp = masterAt(100);
        assertEquals(0, vrrp.onAdvert(advert(2, 99, 100, PEER), T0 + 5 * S), "lower priority ignored");
        assertEquals(0, vrrp.onAdvert(advert(2, 100, 100, LOWER), T0 + 5 * S), "equal priority, lower address");
        assertEquals(VrrpState.MASTER, vrrp.state());
        assertEquals(ACTION_RELEASE_VIPS | ACTION_STATE_CHANGED, vrrp.onAdvert(advert(2, 100, 100, PEER),
            T0 + 6 * S));
        assertEquals(VrrpState.BACKUP, vrrp.state());
        assertEquals(PEER, vrrp.masterAddress());
        assertEquals(T0 + 6 * S + vrrp.masterDownIntervalNs(), vrrp.nextDeadlineNs());

        final VrrpInstance other = masterAt(100);
        assertEquals(ACTION_RELEASE_VIPS | ACTION_STATE_CHANGED, other.onAdvert(advert(2, 150, 100, LOWER),
            T0 + 6 * S));
    }

    @Test
    void masterAnswersPriorityZeroWithAnAdvertAtOnce()
    {
        final VrrpInstance vrrp = masterAt(100);
        assertEquals(ACTION_SEND_ADVERT, vrrp.onAdvert(advert(2, 0, 100, PEER), T0 + 5 * S + 1));
        assertEquals(T0 + 6 * S + 1, vrrp.nextDeadlineNs());
    }

    @Test
    void higherBackupPreemptsALowerMaster()
    {
        final VrrpInstance vrrp = new VrrpInstance(v2(200, true, 0, null));
        vrrp.start(T0);
        for (long t = T0 + S; t < T0 + 3 * S + 781_250_000L; t += S)
        {
            assertEquals(0, vrrp.onAdvert(advert(2, 100, 100, PEER), t), "lower adverts do not reset the timer");
        }
        // skew for 200: 56/256 s = 218.75 ms
        final long bound = T0 + 3 * S + 218_750_000L;
        assertEquals(bound, vrrp.nextDeadlineNs());
        assertEquals(BECAME_MASTER, vrrp.onTimer(bound));
    }

    @Test
    void nopreemptBackupStaysBackupWhileALowerMasterAdvertises()
    {
        final VrrpInstance vrrp = new VrrpInstance(v2(200, false, 0, null));
        vrrp.start(T0);
        long t = T0;
        for (int i = 0; i < 20; i++)
        {
            t += S;
            vrrp.onAdvert(advert(2, 100, 100, PEER), t);
            assertEquals(0, vrrp.onTimer(t));
        }
        assertEquals(VrrpState.BACKUP, vrrp.state());
        assertEquals(BECAME_MASTER, vrrp.onTimer(t + vrrp.masterDownIntervalNs()), "still takes over on silence");
    }

    @Test
    void preemptDelayHoldsPreemptionAfterStart()
    {
        final VrrpInstance vrrp = new VrrpInstance(v2(200, true, 10 * S, null));
        vrrp.start(T0);
        long t = T0;
        for (int i = 0; i < 10; i++)
        {
            t += S;
            vrrp.onAdvert(advert(2, 100, 100, PEER), t);
            assertEquals(0, vrrp.onTimer(t), "no preemption before 10 s at " + (t - T0) / S + " s");
        }
        // From T0 + 10 s lower adverts no longer reset the timer: master at the last reset (T0 + 9 s) + MDI.
        vrrp.onAdvert(advert(2, 100, 100, PEER), t + S);
        final long bound = T0 + 9 * S + 3 * S + 218_750_000L;
        assertEquals(bound, vrrp.nextDeadlineNs());
        assertEquals(BECAME_MASTER, vrrp.onTimer(bound));
    }

    @Test
    void addressOwnerIsMasterAtStartAndShutdownSendsPriorityZero()
    {
        final VrrpInstance vrrp = new VrrpInstance(v2(255, true, 0, null));
        assertEquals(BECAME_MASTER, vrrp.start(T0));
        assertEquals(255, vrrp.advertPriority());
        assertEquals(0, vrrp.onAdvert(advert(2, 254, 100, PEER), T0 + S));
        assertEquals(ACTION_SEND_ADVERT | ACTION_RELEASE_VIPS | ACTION_STATE_CHANGED, vrrp.shutdown(T0 + 2 * S));
        assertEquals(0, vrrp.advertPriority());
        assertEquals(VrrpState.INIT, vrrp.state());
        assertEquals(Long.MAX_VALUE, vrrp.nextDeadlineNs());
    }

    @Test
    void wrongPasswordVersionTtlAndIntervalAreCountedAndIgnored()
    {
        final VrrpInstance vrrp = new VrrpInstance(v2(100, true, 0, "secret".getBytes()));
        vrrp.start(T0);
        final long bound = vrrp.nextDeadlineNs();
        for (long t = T0 + S; t < bound; t += S)
        {
            assertEquals(0, vrrp.onAdvert(advert(2, 200, 100, PEER).authOk(false), t));
            assertEquals(0, vrrp.onAdvert(advert(3, 200, 100, PEER), t));
            assertEquals(0, vrrp.onAdvert(advert(2, 200, 100, PEER).ttl(254), t));
            assertEquals(0, vrrp.onAdvert(advert(2, 200, 200, PEER), t));
            assertEquals(0, vrrp.onAdvert(new VrrpAdvert().set(2, VRID + 1, 200, 100, PEER), t));
        }
        assertEquals(3, vrrp.authDrops());
        assertEquals(3, vrrp.versionDrops());
        assertEquals(3, vrrp.ttlDrops());
        assertEquals(3, vrrp.intervalDrops());
        assertEquals(3, vrrp.otherRouterIds());
        assertEquals(0, vrrp.accepted());
        assertEquals(bound, vrrp.nextDeadlineNs(), "no ignored advert reset the master-down timer");
        assertEquals(BECAME_MASTER, vrrp.onTimer(bound));
    }

    @Test
    void gratuitousArpsAtTakeoverAndAgainAfterGarpMasterDelay()
    {
        final VrrpInstance vrrp = masterAt(100);
        final long takeover = vrrp.transitionNs();
        assertEquals(5, vrrp.garpRepeat());
        long t = takeover;
        int garps = 0;
        for (int i = 0; i < 10; i++)
        {
            t = vrrp.nextDeadlineNs();
            if ((vrrp.onTimer(t) & ACTION_SEND_GARP) != 0)
            {
                garps++;
                assertEquals(takeover + 5 * S, t, "second batch garp_master_delay after takeover");
            }
        }
        assertEquals(1, garps);
    }

    @Test
    void faultReleasesAndRecoversAsBackup()
    {
        final VrrpInstance vrrp = masterAt(100);
        assertEquals(ACTION_SEND_ADVERT | ACTION_RELEASE_VIPS | ACTION_STATE_CHANGED, vrrp.fault(true, T0 + 9 * S));
        assertEquals(0, vrrp.advertPriority());
        assertEquals(VrrpState.FAULT, vrrp.state());
        assertEquals(0, vrrp.onAdvert(advert(2, 50, 100, PEER), T0 + 10 * S));
        assertEquals(Long.MAX_VALUE, vrrp.nextDeadlineNs());
        assertEquals(ACTION_STATE_CHANGED, vrrp.fault(false, T0 + 11 * S));
        assertEquals(VrrpState.BACKUP, vrrp.state());
        assertEquals(T0 + 11 * S + vrrp.masterDownIntervalNs(), vrrp.nextDeadlineNs());
    }

    @Test
    void trackedPriorityIsAdvertisedAndLetsThePeerPreempt()
    {
        final VrrpInstance vrrp = masterAt(150);
        vrrp.priority(150 - 60);
        assertEquals(ACTION_SEND_ADVERT, vrrp.onTimer(vrrp.nextDeadlineNs()) & ACTION_SEND_ADVERT);
        assertEquals(90, vrrp.advertPriority());
        assertEquals(ACTION_RELEASE_VIPS | ACTION_STATE_CHANGED, vrrp.onAdvert(advert(2, 100, 100, PEER),
            T0 + 20 * S));
    }

    static VrrpInstance masterAt(final int priority)
    {
        final VrrpInstance vrrp = new VrrpInstance(v2(priority, true, 0, null));
        vrrp.start(T0);
        assertEquals(BECAME_MASTER, vrrp.onTimer(vrrp.nextDeadlineNs()));
        return vrrp;
    }
}
