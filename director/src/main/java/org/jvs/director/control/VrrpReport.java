package org.jvs.director.control;

/**
 * What {@code jvsadm --vrrp} prints: the director's VRRP instances, their state and counters.
 */
@FunctionalInterface
public interface VrrpReport
{
    /** A director without {@code vrrp_instance}. */
    VrrpReport NONE = () -> null;

    /**
     * @return the report, or null when this director runs no VRRP instance.
     */
    String report();
}
