package org.jvs.core.sched;

import org.jvs.core.service.RealServer;
import org.jvs.core.service.VirtualService;

/**
 * An IPVS scheduler (STYLE.md section 4): one small final class per algorithm, registered by its ipvsadm name
 * in {@code META-INF/services/org.jvs.core.sched.Scheduler} and found through {@link SchedulerRegistry}.
 * Each virtual service gets its own instance (made with the class's public no-argument constructor).
 * <p>
 * Rules: integer arithmetic only (compare {@code overhead/weight} by 64-bit cross-multiplication); weight 0 is
 * quiesced; {@link #schedule} allocates nothing, never throws, and returns null when no server is usable.
 * The hooks run after the service's list has changed, on the thread that owns the service.
 */
public interface Scheduler
{
    /**
     * @return the ipvsadm name: rr, wrr, lc, wlc, sed, nq, lblc, lblcr, dh, sh, mh, fo, ovf, twos, ...
     */
    String name();

    /**
     * The scheduler was bound to the service: when the service is made ({@code -A}, no server yet), or when
     * {@code -E} changes the scheduler, in which case the list already holds servers and the scheduler must
     * build its state from them, as IPVS's {@code init_service} does.
     *
     * @param service the service.
     */
    default void initService(final VirtualService service)
    {
    }

    /**
     * The service is being removed.
     *
     * @param service the service.
     */
    default void doneService(final VirtualService service)
    {
    }

    /**
     * A server was added at the head of the list.
     *
     * @param service the service.
     * @param server  the new server.
     */
    default void addDest(final VirtualService service, final RealServer server)
    {
    }

    /**
     * A server's weight or thresholds changed.
     *
     * @param service the service.
     * @param server  the changed server.
     */
    default void updDest(final VirtualService service, final RealServer server)
    {
    }

    /**
     * A server was removed from the list (it is in the trash, not available).
     *
     * @param service the service.
     * @param server  the removed server.
     */
    default void delDest(final VirtualService service, final RealServer server)
    {
    }

    /**
     * Choose a real server for a new connection.
     *
     * @param service the service.
     * @param request the first packet's addresses and ports, and the time.
     * @return the server, or null when none is usable.
     */
    RealServer schedule(VirtualService service, ScheduleRequest request);
}
