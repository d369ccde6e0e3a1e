package org.jvs.director.vrrp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.jvs.core.packet.VrrpFlyweight;
import org.jvs.director.config.model.VrrpInstanceConfig;

/**
 * What one VRRP instance needs, checked once: version, VRID, base priority, advertisement interval, preemption,
 * PASS password, its primary IPv4 address, its VIPs and gratuitous ARP settings. Immutable.
 *
 * @param version          2 (RFC 3768) or 3 (RFC 5798).
 * @param virtualRouterId  1..255.
 * @param priority         base priority 1..255 (255: address owner).
 * @param advertIntervalCs advertisement interval in centiseconds (v2: whole seconds, 1..255 s).
 * @param preempt          false with {@code nopreempt}.
 * @param preemptDelayNs   {@code preempt_delay}: no preemption this long after start.
 * @param password         {@code auth_pass} (at most 8 bytes) for {@code auth_type PASS}, null for none (v2 only).
 * @param primaryAddress   the interface's primary IPv4 address: advert source and election tie-break.
 * @param virtualAddresses the VIPs (IPv4, host order).
 * @param garpDelayNs      {@code garp_master_delay}: the second batch of gratuitous ARPs this long after takeover.
 * @param garpRepeat       {@code garp_master_repeat}: gratuitous ARPs per VIP in each batch.
 * @param useVmac          {@code use_vmac}: send from 00:00:5e:00:01:VRID.
 */
public record VrrpSettings(
    int version, int virtualRouterId, int priority, int advertIntervalCs, boolean preempt, long preemptDelayNs,
    byte[] password, int primaryAddress, int[] virtualAddresses, long garpDelayNs, int garpRepeat, boolean useVmac)
{
    /**
     * Checks every field; names the bad one.
     */
    public VrrpSettings
    {
        if (version != VrrpFlyweight.VERSION_2 && version != VrrpFlyweight.VERSION_3)
        {
            throw new IllegalArgumentException("VRRP version must be 2 or 3: " + version);
        }
        if (virtualRouterId < 1 || virtualRouterId > 255)
        {
            throw new IllegalArgumentException("virtual_router_id must be 1..255: " + virtualRouterId);
        }
        if (priority < 1 || priority > 255)
        {
            throw new IllegalArgumentException("priority must be 1..255: " + priority);
        }
        final boolean v2 = version == VrrpFlyweight.VERSION_2;
        if (v2 ? advertIntervalCs < 100 || advertIntervalCs > 25500 || advertIntervalCs % 100 != 0 :
            advertIntervalCs < 1 || advertIntervalCs > VrrpFlyweight.MAX_ADVERT_INTERVAL_MASK)
        {
            throw new IllegalArgumentException("advert_int out of range for VRRPv" + version + ": " +
                advertIntervalCs + " cs (v2: 1..255 s whole, v3: 0.01..40.95 s)");
        }
        if (null != password && (!v2 || password.length > VrrpFlyweight.AUTH_DATA_LENGTH))
        {
            throw new IllegalArgumentException("auth_pass needs VRRPv2 and at most 8 bytes");
        }
        if (virtualAddresses.length == 0 || virtualAddresses.length > 255)
        {
            throw new IllegalArgumentException("virtual_ipaddress needs 1..255 IPv4 addresses: " +
                virtualAddresses.length);
        }
        if (preemptDelayNs < 0 || garpDelayNs < 0 || garpRepeat < 0)
        {
            throw new IllegalArgumentException("preempt_delay, garp_master_delay, garp_master_repeat must be >= 0");
        }
        password = null == password ? null : password.clone();
        virtualAddresses = virtualAddresses.clone();
    }

    /**
     * @param config         a parsed {@code vrrp_instance} (IPv4 VIPs).
     * @param primaryAddress the interface's primary IPv4 address.
     * @return its settings.
     */
    public static VrrpSettings from(final VrrpInstanceConfig config, final int primaryAddress)
    {
        final int[] vips = config.virtualIpAddresses().stream().filter(v -> !v.address().isIpv6())
            .mapToInt(v -> v.address().ipv4()).toArray();
        final VrrpInstanceConfig.Authentication auth = config.authentication();
        final byte[] password = null != auth && "PASS".equalsIgnoreCase(auth.authType()) ?
            Arrays.copyOf(auth.authPass().getBytes(StandardCharsets.US_ASCII),
                Math.min(8, auth.authPass().length())) : null;
        final VrrpInstanceConfig.Garp garp = null == config.garp() ? VrrpInstanceConfig.Garp.DEFAULTS : config.garp();
        return new VrrpSettings(config.version(), config.virtualRouterId(), config.priority(),
            (int)(config.advertIntMs() / 10), !config.nopreempt(), TimeUnit.SECONDS.toNanos(config.preemptDelayS()),
            password, primaryAddress, vips, TimeUnit.SECONDS.toNanos(garp.masterDelayS()), garp.masterRepeat(),
            config.useVmac());
    }

    /**
     * @return the advertisement interval in ns.
     */
    public long advertIntervalNs()
    {
        return advertIntervalCs * 10_000_000L;
    }

    /**
     * @return true for the address owner (priority 255).
     */
    public boolean isOwner()
    {
        return priority == VrrpFlyweight.PRIORITY_OWNER;
    }
}
