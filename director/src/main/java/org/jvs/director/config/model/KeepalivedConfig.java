package org.jvs.director.config.model;

import java.util.List;

/**
 * A whole keepalived.conf, includes read.
 *
 * @param globalDefs          {@code global_defs}, defaults when absent.
 * @param virtualServers      {@code virtual_server} blocks in file order.
 * @param virtualServerGroups {@code virtual_server_group} blocks in file order.
 * @param vrrpInstances       {@code vrrp_instance} blocks in file order.
 * @param vrrpScripts         {@code vrrp_script} blocks in file order.
 * @param vrrpSyncGroups      {@code vrrp_sync_group} blocks in file order.
 */
public record KeepalivedConfig(
    GlobalDefs globalDefs,
    List<VirtualServerConfig> virtualServers,
    List<VirtualServerGroupConfig> virtualServerGroups,
    List<VrrpInstanceConfig> vrrpInstances,
    List<VrrpScriptConfig> vrrpScripts,
    List<VrrpSyncGroupConfig> vrrpSyncGroups)
{
    /**
     * Copies the lists.
     */
    public KeepalivedConfig
    {
        virtualServers = List.copyOf(virtualServers);
        virtualServerGroups = List.copyOf(virtualServerGroups);
        vrrpInstances = List.copyOf(vrrpInstances);
        vrrpScripts = List.copyOf(vrrpScripts);
        vrrpSyncGroups = List.copyOf(vrrpSyncGroups);
    }

    /**
     * @param name a group's name.
     * @return the {@code virtual_server_group} of that name, or null.
     */
    public VirtualServerGroupConfig group(final String name)
    {
        for (final VirtualServerGroupConfig group : virtualServerGroups)
        {
            if (group.name().equals(name))
            {
                return group;
            }
        }
        return null;
    }

    /**
     * @param name an instance's name.
     * @return the {@code vrrp_instance} of that name, or null.
     */
    public VrrpInstanceConfig vrrpInstance(final String name)
    {
        for (final VrrpInstanceConfig instance : vrrpInstances)
        {
            if (instance.name().equals(name))
            {
                return instance;
            }
        }
        return null;
    }
}
