package org.jvs.director.config.model;

import java.util.List;

import org.jvs.director.config.Location;

/**
 * {@code vrrp_sync_group NAME { group { INSTANCE ... } notify_* }}.
 *
 * @param location  where the block starts.
 * @param name      its name.
 * @param instances the {@code vrrp_instance} names of {@code group { }}.
 * @param notifyCommands its notify commands.
 */
public record VrrpSyncGroupConfig(Location location, String name, List<String> instances,
    VrrpInstanceConfig.Notify notifyCommands)
{
    /**
     * Copies the list.
     */
    public VrrpSyncGroupConfig
    {
        instances = List.copyOf(instances);
    }
}
