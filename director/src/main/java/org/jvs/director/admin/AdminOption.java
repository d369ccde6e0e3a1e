package org.jvs.director.admin;

/**
 * ipvsadm's option classes ({@code OPTC_*}), in its order, with its names for them (its error messages use
 * them: "Illegal 'weight' option with the 'add-service' command").
 */
enum AdminOption
{
    NUMERIC("numeric"),
    CONNECTION("connection"),
    SERVICE("service-address"),
    SCHEDULER("scheduler"),
    PERSISTENT("persistent"),
    NETMASK("netmask"),
    SERVER("real-server"),
    FORWARD("forwarding-method"),
    WEIGHT("weight"),
    U_THRESHOLD("u-threshold"),
    L_THRESHOLD("l-threshold"),
    MCAST("mcast-interface"),
    TIMEOUT("timeout"),
    DAEMON("daemon"),
    STATS("stats"),
    RATE("rate"),
    THRESHOLDS("thresholds"),
    PERSISTENT_CONN("persistent-conn"),
    NOSORT("nosort"),
    SYNCID("syncid"),
    EXACT("exact"),
    OPS("ops"),
    PE("pe"),
    SCHED_FLAGS("sched-flags"),
    MCAST_GROUP("mcast-group"),
    MCAST_PORT("mcast-port"),
    MCAST_TTL("mcast-ttl"),
    SYNC_MAXLEN("sync-maxlen"),
    TUN_TYPE("tun-type");

    private final String ipvsadmName;

    AdminOption(final String ipvsadmName)
    {
        this.ipvsadmName = ipvsadmName;
    }

    /**
     * @return ipvsadm's name of the option.
     */
    String ipvsadmName()
    {
        return ipvsadmName;
    }

    /**
     * @return this option's bit in a set of options.
     */
    long bit()
    {
        return 1L << ordinal();
    }
}
