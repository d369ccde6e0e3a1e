package org.jvs.core.conn;

import org.jvs.core.service.InetAddr;

/**
 * Which worker owns a flow: worker = f(protocol, CIP, cport) mod N, computed from the client side of the
 * tuple only, so that both directions of a connection map to the same worker:
 * <ul>
 *     <li>a client packet CIP:cport → VIP:vport is owned by {@code owner(proto, source, source port)};</li>
 *     <li>a NAT reply RIP:rport → CIP:cport by {@code owner(proto, destination, destination port)} —
 *     the same CIP:cport, hence the same worker, although no address of the reply equals one of the
 *     request's other half (VIP vs RIP).</li>
 * </ul>
 * The seed must be the same in every worker (one {@code FlowShard} shared, it is immutable).
 * <p>
 * <b>Misdelivered frames.</b> The kernel spreads frames over workers by its own hash (PACKET_FANOUT, RSS),
 * which knows nothing of NAT, so a worker may receive a frame it does not own. The pipeline plans to hand it
 * over rather than look it up: each worker has an inbound Agrona {@code ManyToOneRingBuffer}; a worker that
 * computes an owner other than itself writes the frame (its bytes, with the ingress port as message type) into
 * the owner's ring and moves on; the owner drains its ring at the top of {@code doWork()}, bounded, and runs
 * each frame exactly as if it had received it. Only the owner ever touches its {@link ConnectionTable}, so
 * tables need no lock. When the ring is full the frame is dropped and counted.
 * <p>
 * <b>Persistence.</b> A persistence template groups all ports (and, with {@code -M}, all clients of a
 * network) of a client, so connections of one client must meet the same template: for a persistent service
 * the pipeline should shard on {@code owner(protocol, CIP & mask, 0)} instead, which is symmetric in the same
 * way (a NAT reply's destination masked the same). For a port-zero or fwmark persistent service, pass
 * protocol 0 so all protocols of the client meet.
 */
public final class FlowShard
{
    private final int workerCount;
    private final long seed;

    /**
     * @param workerCount number of workers, at least 1.
     * @param seed        hash seed, the same for all workers.
     */
    public FlowShard(final int workerCount, final long seed)
    {
        if (workerCount < 1)
        {
            throw new IllegalArgumentException("workerCount must be at least 1: " + workerCount);
        }
        this.workerCount = workerCount;
        this.seed = seed;
    }

    public int workerCount()
    {
        return workerCount;
    }

    /**
     * @param protocol   IP protocol number.
     * @param family     address family.
     * @param clientHi   CIP high 64 bits (0 for IPv4).
     * @param clientLo   CIP low 64 bits.
     * @param clientPort cport.
     * @return the owning worker, 0..workerCount-1.
     */
    public int owner(
        final int protocol, final int family, final long clientHi, final long clientLo, final int clientPort)
    {
        final int h = ConnectionTable.hash(seed, protocol, family, clientHi, clientLo, clientPort);
        // Lemire's multiply-shift range reduction: uniform like a modulo, without a division.
        return (int)(((h & 0xFFFF_FFFFL) * workerCount) >>> 32);
    }

    /**
     * @param protocol   IP protocol number.
     * @param clientIp   CIP, host order.
     * @param clientPort cport.
     * @return the owning worker.
     */
    public int owner4(final int protocol, final int clientIp, final int clientPort)
    {
        return owner(protocol, InetAddr.AF_INET, 0, clientIp & 0xFFFF_FFFFL, clientPort);
    }
}
