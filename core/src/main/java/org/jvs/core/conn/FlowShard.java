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
 * <b>IPv4: a function the kernel can compute too.</b> For IPv4 the owner is {@link #mix4} (two multiplications,
 * a shift and xors on 32 bits) modulo N, so that the AF_PACKET port can load the same function as a classic BPF
 * program into its PACKET_FANOUT group (PACKET_FANOUT_CBPF; the kernel takes the program's result modulo the
 * group's size): the kernel then puts each frame in the ring of the worker that owns it, and no frame crosses
 * threads on the common path. The kernel's own PACKET_FANOUT_HASH could not do that: it hashes the whole
 * 4-tuple (symmetric in source and destination), and a NAT reply (RIP:rport → CIP:cport) shares only half of
 * its tuple with its request (CIP:cport → VIP:vport).
 * <p>
 * <b>Misdelivered frames.</b> A worker may still receive a frame it does not own (ARP, a later fragment, an
 * ICMP error, a frame that arrived while the VIP list in the kernel was older than the worker's): it hands the
 * frame over rather than look it up: each worker has an inbound Agrona {@code ManyToOneRingBuffer}; a worker
 * that computes an owner other than itself writes the frame (its bytes, with the ingress port as message type)
 * into the owner's ring and moves on; the owner drains its ring at the top of {@code doWork()}, bounded, and
 * runs each frame exactly as if it had received it. Only the owner ever touches its {@link ConnectionTable}, so
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
    /** First multiplier of {@link #mix4} (golden ratio, 32 bits). */
    public static final int MIX_MULTIPLIER_1 = 0x9E3779B1;
    /** Second multiplier of {@link #mix4} (murmur3's fmix32). */
    public static final int MIX_MULTIPLIER_2 = 0x85EBCA6B;
    /** Right shift of {@link #mix4}'s last step. */
    public static final int MIX_SHIFT = 15;

    private final int workerCount;
    private final long seed;
    private final int seed32;

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
        this.seed32 = (int)(seed ^ (seed >>> 32));
    }

    /**
     * @return the 32-bit seed {@link #mix4} uses (for a kernel-side copy of the function).
     */
    public int seed32()
    {
        return seed32;
    }

    /**
     * The IPv4 flow hash, written so that a classic BPF program can compute it bit for bit (32-bit unsigned
     * arithmetic): {@code h = (ip ^ seed) * M1; h = (h ^ port) * M2; h ^= h >>> 15}.
     *
     * @param seed       {@link #seed32()}.
     * @param clientIp   CIP, host order.
     * @param clientPort cport.
     * @return the hash; the owner is its unsigned value modulo the worker count.
     */
    public static int mix4(final int seed, final int clientIp, final int clientPort)
    {
        int h = (clientIp ^ seed) * MIX_MULTIPLIER_1;
        h = (h ^ clientPort) * MIX_MULTIPLIER_2;
        return h ^ (h >>> MIX_SHIFT);
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
        if (family == InetAddr.AF_INET)
        {
            return owner4(protocol, (int)clientLo, clientPort);
        }
        final int h = ConnectionTable.hash(seed, protocol, family, clientHi, clientLo, clientPort);
        // Lemire's multiply-shift range reduction: uniform like a modulo, without a division.
        return (int)(((h & 0xFFFF_FFFFL) * workerCount) >>> 32);
    }

    /**
     * @param protocol   IP protocol number (not part of the IPv4 hash: a client's TCP and UDP meet one worker).
     * @param clientIp   CIP, host order.
     * @param clientPort cport.
     * @return the owning worker: {@link #mix4} modulo the worker count, as the kernel's fanout takes it.
     */
    public int owner4(final int protocol, final int clientIp, final int clientPort)
    {
        return workerCount == 1 ? 0 : Integer.remainderUnsigned(mix4(seed32, clientIp, clientPort), workerCount);
    }
}
