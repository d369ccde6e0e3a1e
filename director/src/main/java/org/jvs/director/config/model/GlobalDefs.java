package org.jvs.director.config.model;

import java.util.List;

import org.jvs.director.config.Location;

/**
 * {@code global_defs}. The mail settings are kept (jvs sends no mail yet).
 *
 * @param location              where the block starts, or null when there is none.
 * @param routerId              {@code router_id}, null when not set.
 * @param notificationEmail     {@code notification_email { ... }} addresses.
 * @param notificationEmailFrom {@code notification_email_from}, null when not set.
 * @param smtpServer            {@code smtp_server} host or address, null when not set.
 * @param smtpServerPort        its port, 25 by default.
 * @param smtpHeloName          {@code smtp_helo_name}, null when not set.
 * @param smtpConnectTimeoutS   {@code smtp_connect_timeout}, 30 by default.
 * @param lvsSyncDaemon         {@code lvs_sync_daemon IF INSTANCE [id N]}, null when not set.
 * @param keywords              where each keyword was set.
 */
public record GlobalDefs(
    Location location,
    String routerId,
    List<String> notificationEmail,
    String notificationEmailFrom,
    String smtpServer,
    int smtpServerPort,
    String smtpHeloName,
    int smtpConnectTimeoutS,
    LvsSyncDaemon lvsSyncDaemon,
    Keywords keywords)
{
    /** keepalived's default SMTP connect timeout in seconds. */
    public static final int DEFAULT_SMTP_CONNECT_TIMEOUT_S = 30;

    /** An absent global_defs. */
    public static final GlobalDefs DEFAULTS = new GlobalDefs(
        null, null, List.of(), null, null, 25, null, DEFAULT_SMTP_CONNECT_TIMEOUT_S, null, Keywords.NONE);

    /**
     * Copies the list.
     */
    public GlobalDefs
    {
        notificationEmail = List.copyOf(notificationEmail);
    }

    /**
     * {@code lvs_sync_daemon INTERFACE VRRP_INSTANCE [id SYNCID] [maxlen N] [port N] [ttl N] [group IP]}.
     *
     * @param interfaceName where sync messages go.
     * @param vrrpInstance  the instance whose state decides master or backup.
     * @param syncId        {@code id}, 255 by default (IPVS's default syncid).
     * @param maxLength     {@code maxlen}: largest message, 0 for the interface's MTU's.
     * @param group         {@code group}: the IPv4 multicast group, host order, 0 for 224.0.0.81.
     * @param port          {@code port}: the UDP port, 0 for 8848.
     * @param ttl           {@code ttl}: the multicast TTL, 0 for 1.
     * @param location      where it was set.
     */
    public record LvsSyncDaemon(
        String interfaceName, String vrrpInstance, int syncId, int maxLength, int group, int port, int ttl,
        Location location)
    {
        /**
         * @param interfaceName where sync messages go.
         * @param vrrpInstance  the instance whose state decides master or backup.
         * @param syncId        the sync id.
         * @param location      where it was set.
         */
        public LvsSyncDaemon(
            final String interfaceName, final String vrrpInstance, final int syncId, final Location location)
        {
            this(interfaceName, vrrpInstance, syncId, 0, 0, 0, 0, location);
        }
    }
}
