package org.jvs.director.control;

import java.util.List;

/**
 * Where {@code jvsadm -L -c} finds connections: implemented by the data plane (a snapshot gathered from the
 * workers' connection tables). Called on the control socket's thread.
 */
public interface ConnectionSource
{
    /** No connections. */
    ConnectionSource NONE = List::of;

    /**
     * @return the current connection entries, in any order (ipvsadm prints them in the kernel's hash order).
     */
    List<ConnectionEntry> connections();
}
