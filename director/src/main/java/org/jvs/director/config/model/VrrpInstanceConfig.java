package org.jvs.director.config.model;

import java.util.List;

import org.jvs.core.service.InetAddr;
import org.jvs.director.config.Location;

/**
 * {@code vrrp_instance NAME { ... }}. Read in full; the VRRP work acts on it.
 *
 * @param location            where the block starts.
 * @param name                instance name.
 * @param state               {@code state}: MASTER or BACKUP (BACKUP by default).
 * @param interfaceName       {@code interface}.
 * @param virtualRouterId     {@code virtual_router_id} 1..255.
 * @param priority            {@code priority} 1..255, 100 by default.
 * @param advertIntMs         {@code advert_int}, 1 s by default.
 * @param nopreempt           {@code nopreempt}.
 * @param preemptDelayS       {@code preempt_delay}, 0 by default.
 * @param authentication      {@code authentication { }}, null for none.
 * @param virtualIpAddresses  {@code virtual_ipaddress { }} entries.
 * @param trackScripts        {@code track_script { }} entries.
 * @param trackInterfaces     {@code track_interface { }} entries.
 * @param unicastSrcIp        {@code unicast_src_ip}, null for none.
 * @param unicastPeers        {@code unicast_peer { }} addresses.
 * @param notifyCommands      {@code notify_master}, {@code notify_backup}, {@code notify_fault}, {@code notify}.
 * @param garp                {@code garp_master_delay}, {@code garp_master_repeat}, {@code garp_master_refresh}.
 * @param useVmac             {@code use_vmac}: true when set, with its interface name or null.
 * @param vmacName            {@code use_vmac NAME}, null for the default name.
 * @param version             {@code version} 2 or 3, 2 by default.
 * @param keywords            where each keyword was set.
 */
public record VrrpInstanceConfig(
    Location location,
    String name,
    String state,
    String interfaceName,
    int virtualRouterId,
    int priority,
    long advertIntMs,
    boolean nopreempt,
    int preemptDelayS,
    Authentication authentication,
    List<VirtualIpAddress> virtualIpAddresses,
    List<TrackScript> trackScripts,
    List<String> trackInterfaces,
    InetAddr unicastSrcIp,
    List<InetAddr> unicastPeers,
    Notify notifyCommands,
    Garp garp,
    boolean useVmac,
    String vmacName,
    int version,
    Keywords keywords)
{
    /**
     * Copies the lists.
     */
    public VrrpInstanceConfig
    {
        virtualIpAddresses = List.copyOf(virtualIpAddresses);
        trackScripts = List.copyOf(trackScripts);
        trackInterfaces = List.copyOf(trackInterfaces);
        unicastPeers = List.copyOf(unicastPeers);
    }

    /**
     * {@code authentication { auth_type PASS|AH; auth_pass SECRET }}.
     *
     * @param authType PASS or AH.
     * @param authPass the secret, cut to 8 characters as keepalived does.
     * @param location where the block starts.
     */
    public record Authentication(String authType, String authPass, Location location)
    {
    }

    /**
     * One line of {@code virtual_ipaddress}: {@code ADDR[/LEN] [dev IF] [label LABEL] ...}.
     *
     * @param address      the VIP.
     * @param prefixLength /LEN, 32 (128 for IPv6) when not given.
     * @param device       {@code dev}, null for the instance's interface.
     * @param label        {@code label}, null for none.
     * @param location     where it stands.
     */
    public record VirtualIpAddress(InetAddr address, int prefixLength, String device, String label,
        Location location)
    {
    }

    /**
     * One line of {@code track_script}: {@code NAME [weight N]}.
     *
     * @param name     a {@code vrrp_script}'s name.
     * @param weight   weight override, or Integer.MIN_VALUE for the script's.
     * @param location where it stands.
     */
    public record TrackScript(String name, int weight, Location location)
    {
    }

    /**
     * Notify commands; null where none is set.
     *
     * @param master {@code notify_master}.
     * @param backup {@code notify_backup}.
     * @param fault  {@code notify_fault}.
     * @param any    {@code notify}.
     */
    public record Notify(String master, String backup, String fault, String any)
    {
        /** No commands. */
        public static final Notify NONE = new Notify(null, null, null, null);
    }

    /**
     * Gratuitous ARP settings.
     *
     * @param masterDelayS    {@code garp_master_delay}, 5 by default.
     * @param masterRepeat    {@code garp_master_repeat}, 5 by default.
     * @param masterRefreshS  {@code garp_master_refresh}, 0 (off) by default.
     */
    public record Garp(int masterDelayS, int masterRepeat, int masterRefreshS)
    {
        /** keepalived's defaults. */
        public static final Garp DEFAULTS = new Garp(5, 5, 0);
    }
}
