package org.jvs.director.check;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

import org.jvs.core.service.InetAddr;
import org.jvs.director.config.model.CheckerConfig;
import org.jvs.director.config.model.VirtualServerConfig;

/**
 * One running checker: its timing, its state (up, retries used, when next due) and its attempt in flight. Counts
 * as keepalived's checkers do: a failed attempt is retried {@code retry} times, {@code delay_before_retry} apart,
 * before the checker goes down; any attempt after {@code delay_loop}.
 */
final class CheckerState
{
    private final CheckerConfig config;
    private final CheckSettings settings;
    private final RealServerState server;
    private final String name;
    private final InetSocketAddress target;
    private final InetSocketAddress bindTo;
    private final String host;
    private final String defaultHelo;
    private boolean up;
    private String reason;
    private long nextDueNs;
    private int retriesUsed;
    private boolean retried;
    private int step;
    private Probe probe;

    CheckerState(final VirtualServerConfig virtualServer, final CheckerConfig config, final CheckSettings settings,
        final RealServerState server, final String defaultHelo)
    {
        this.defaultHelo = defaultHelo;
        this.config = config;
        this.settings = settings;
        this.server = server;
        final CheckerConfig.Common common = config.common();
        final InetAddr ip = common.connectIp() != null ? common.connectIp() : server.config().address();
        final int port = common.connectPort() >= 0 ? common.connectPort() : server.config().port();
        final InetAddress address = ip.toInetAddress();
        this.target = new InetSocketAddress(address, port);
        this.bindTo = common.bindTo() == null && common.bindPort() < 0 ? null : new InetSocketAddress(
            common.bindTo() == null ? null : common.bindTo().toInetAddress(), Math.max(0, common.bindPort()));
        this.name = config.kind() + " " + (ip.isIpv6() ? "[" + ip + "]" : ip.toString()) + ":" + port;
        String vhost = virtualServer.options().virtualhost();
        if (config instanceof CheckerConfig.Http http && http.virtualhost() != null)
        {
            vhost = http.virtualhost();
        }
        this.host = vhost != null ? vhost : (ip.isIpv6() ? "[" + ip + "]" : ip.toString()) + ":" + port;
        this.up = !settings.alpha();
        this.reason = settings.alpha() ? "alpha: not checked yet" : null;
    }

    /**
     * @param nowNs now.
     */
    void schedule(final long nowNs)
    {
        final long warmupNs = settings.warmupNs();
        nextDueNs = nowNs + (warmupNs > 0 ? ThreadLocalRandom.current().nextLong(warmupNs) : 0);
    }

    /**
     * Carry state from the same checker before a reload.
     *
     * @param old the checker it replaces.
     */
    void inherit(final CheckerState old)
    {
        up = old.up;
        reason = old.reason;
        nextDueNs = old.nextDueNs;
    }

    Probe newProbe(final int index)
    {
        if (config instanceof CheckerConfig.Http http)
        {
            return new HttpProbe(target, bindTo, settings.connectTimeoutNs(), http.urls().get(index), urlHost(http,
                index), http.ssl());
        }
        if (config instanceof CheckerConfig.Misc misc)
        {
            final long timeoutNs = misc.miscTimeoutMs() >= 0 ? misc.miscTimeoutMs() * 1_000_000L :
                settings.delayLoopNs();
            return new MiscProbe(misc.miscPath(), timeoutNs, misc.miscDynamic());
        }
        if (config instanceof CheckerConfig.Dns dns)
        {
            return new DnsProbe(target, bindTo, settings.connectTimeoutNs(), dns.type(), dns.name());
        }
        if (config instanceof CheckerConfig.Udp udp)
        {
            return new UdpProbe(target, bindTo, settings.connectTimeoutNs(), udp);
        }
        if (config instanceof CheckerConfig.Ping)
        {
            return new PingProbe(target.getAddress(), settings.connectTimeoutNs());
        }
        if (config instanceof CheckerConfig.Smtp smtp)
        {
            return new SmtpProbe(target, bindTo, settings.connectTimeoutNs(),
                smtp.heloName() != null ? smtp.heloName() : defaultHelo);
        }
        return new ConnectProbe(target, bindTo, settings.connectTimeoutNs());
    }

    private String urlHost(final CheckerConfig.Http http, final int index)
    {
        final String urlHost = http.urls().get(index).virtualhost();
        return urlHost != null ? urlHost : host;
    }

    int steps()
    {
        return config instanceof CheckerConfig.Http http ? http.urls().size() : 1;
    }

    /**
     * Count the result of a whole attempt as keepalived does and say when it is due next.
     *
     * @param failure null for success, else the reason.
     * @param nowNs   now.
     * @return true when the checker changed between up and down.
     */
    boolean onResult(final String failure, final long nowNs)
    {
        probe = null;
        step = 0;
        if (failure != null && retriesUsed < settings.retry())
        {
            retriesUsed++;
            retried = true;
            nextDueNs = nowNs + settings.delayBeforeRetryNs();
            return false;
        }
        retriesUsed = 0;
        final boolean nowUp = failure == null;
        if (nowUp && !retried && nowNs - (nextDueNs + settings.delayLoopNs()) < 0)
        {
            // a first-try success: keep the checker on its delay_loop grid, so the time an attempt takes (and the
            // agent's own cycle) does not stretch the interval; after failures, keepalived's "now + delay_loop"
            nextDueNs += settings.delayLoopNs();
        }
        else
        {
            nextDueNs = nowNs + settings.delayLoopNs();
        }
        retried = false;
        final boolean changed = nowUp != up;
        up = nowUp;
        if (!nowUp)
        {
            reason = failure;
        }
        return changed;
    }

    CheckerConfig config()
    {
        return config;
    }

    CheckSettings settings()
    {
        return settings;
    }

    RealServerState server()
    {
        return server;
    }

    String name()
    {
        return name;
    }

    boolean up()
    {
        return up;
    }

    String reason()
    {
        return reason;
    }

    long nextDueNs()
    {
        return nextDueNs;
    }

    Probe probe()
    {
        return probe;
    }

    void probe(final Probe probe)
    {
        this.probe = probe;
    }

    int step()
    {
        return step;
    }

    void step(final int step)
    {
        this.step = step;
    }
}
