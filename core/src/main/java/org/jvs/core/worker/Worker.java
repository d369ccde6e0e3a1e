package org.jvs.core.worker;

import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Consumer;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.jvs.core.arp.NeighbourTable;
import org.jvs.core.arp.PendingFrames;
import org.jvs.core.conn.ConnectionScheduler;
import org.jvs.core.conn.FlowShard;
import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.conn.TcpStates;
import org.jvs.core.forward.ForwardVerdict;
import org.jvs.core.forward.Forwarder;
import org.jvs.core.forward.PacketContext;
import org.jvs.core.packet.DropReason;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.packet.FrameParser;
import org.jvs.core.packet.IcmpFlyweight;
import org.jvs.core.packet.Ipv4Flyweight;
import org.jvs.core.packet.ParsedFrame;
import org.jvs.core.packet.TcpFlyweight;
import org.jvs.core.port.FrameHandler;
import org.jvs.core.port.PacketPort;
import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.service.RealServer;
import org.jvs.core.service.ServiceLookup;
import org.jvs.core.service.ServiceRuntime;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.VipSet;
import org.jvs.core.service.VirtualService;

/**
 * A worker ("worker-N"): owns a share of the connections, its copy of the services and real servers, and runs
 * each frame of its receive ring to completion (STYLE.md sections 2, 3, 8). Per frame: parse; ARP and ICMP
 * echo for a VIP are answered; a TCP/UDP packet for a virtual service finds or makes its connection and is
 * handed to the connection's forwarding handler; a NAT reply finds its connection by the out-direction
 * lookup; the result is routed, its next-hop MAC filled, and written to the egress port's transmit ring.
 * Nothing allocates and nothing is locked on that path; a configuration change is picked up between frames
 * by comparing the published table's version.
 */
public final class Worker implements Agent, MessageHandler, FrameHandler
{
    /** Bytes in front of each frame in a receive ring: the receive time. */
    public static final int RX_HEADER = Long.BYTES;

    private static final int READ_LIMIT = 64;
    private static final int COMMAND_LIMIT = 4;
    private static final int FRAGMENT_SLOTS = 4096;
    private static final int TO_CLIENT = 1 << 30;
    private static final int EXPIRE_LIMIT = 256;
    private static final long POLL_INTERVAL_NS = 10_000_000L;
    private static final int NEIGHBOURS = 1024;
    private static final int PENDING_FRAMES = 256;
    private static final long REACHABLE_NS = 30_000_000_000L;
    private static final long PROBE_INTERVAL_NS = 1_000_000_000L;
    private static final int PROBES = 3;

    private static final PacketPort[] NO_PORTS = new PacketPort[0];

    private final String roleName;
    private final int id;
    private final WorkerSettings settings;
    private final RingBuffer input;
    private final NanoClock clock;
    private final ServiceRuntime runtime;
    private final ConnectionTable table;
    private final ConnectionScheduler connections;
    private final Forwarder[] handlers;
    private final FrameParser parser = new FrameParser();
    private final Ipv4Flyweight quoted = new Ipv4Flyweight();
    private final FragmentTable fragments = new FragmentTable(FRAGMENT_SLOTS);
    private final ScheduleRequest request = new ScheduleRequest();
    private final WorkerStats stats = new WorkerStats();
    private final ManyToOneConcurrentArrayQueue<WorkerCommand> commands =
        new ManyToOneConcurrentArrayQueue<>(64);
    private final Consumer<WorkerCommand> runCommand = this::runCommand;
    private final Transmitter transmitter;
    private final LocalResponder responder;
    private final PacketContext context;
    private final ConnectionSync sync;
    private final boolean announces;
    private final PacketPort[] ownPorts;
    private final RingBuffer[] workerRings;
    private final FrameOwner frameOwner;
    private int receivingPort;
    private volatile boolean receiving = true;
    private volatile VipSet standbyVips = VipSet.EMPTY;
    private volatile List<VirtualService> published = List.of();
    private ServiceLookup lookup;
    private VipSet vips = VipSet.EMPTY;
    private boolean syncMaster;
    private long nowNs;
    private long lastPollNs;
    private long rxNs;

    /**
     * @param id       worker number, 0 first; worker 0 announces VIPs with gratuitous ARP.
     * @param settings what the workers share.
     * @param input    this worker's receive ring, written by the port agents.
     * @param clock    the time source.
     */
    public Worker(final int id, final WorkerSettings settings, final RingBuffer input, final NanoClock clock)
    {
        this(id, settings, input, clock, null, new RingBuffer[] {input}, new FlowShard(1, 0));
    }

    /**
     * A worker that reads and writes its own sockets, one per port ({@code ownPorts[i]} for port i), each a
     * member of that port's fanout group: frames it owns are run where the kernel put them; a frame another
     * worker owns ({@link FlowShard}) is written to that worker's ring; ARP and later fragments are run here and
     * copied to every other worker. Its transmissions go out on its own sockets, without a port agent.
     *
     * @param id          worker number, 0 first; worker 0 announces VIPs and tells the ports the VIPs.
     * @param settings    what the workers share.
     * @param input       this worker's receive ring (frames other workers hand over).
     * @param clock       the time source.
     * @param ownPorts    this worker's sockets by port index, or null to be fed by port agents only.
     * @param workerRings every worker's receive ring, by worker number.
     * @param shard       the owner function, the same for every worker.
     */
    public Worker(
        final int id,
        final WorkerSettings settings,
        final RingBuffer input,
        final NanoClock clock,
        final PacketPort[] ownPorts,
        final RingBuffer[] workerRings,
        final FlowShard shard)
    {
        this.roleName = "worker-" + id;
        this.id = id;
        this.ownPorts = ownPorts == null ? NO_PORTS : ownPorts.clone();
        this.workerRings = workerRings.clone();
        this.frameOwner = new FrameOwner(shard);
        this.settings = settings;
        this.input = input;
        this.clock = clock;
        this.announces = id == 0;
        this.runtime = new ServiceRuntime(settings.registry());
        this.lookup = runtime.lookup();
        this.table = new ConnectionTable(settings.connectionCapacity(), settings.timeouts());
        this.connections = new ConnectionScheduler(table);
        this.handlers = settings.handlers().get();
        final NeighbourTable neighbours = new NeighbourTable(NEIGHBOURS, REACHABLE_NS, PROBE_INTERVAL_NS, PROBES);
        final long[] statics = settings.staticNeighbours();
        for (int i = 0; i + 1 < statics.length; i += 2)
        {
            neighbours.addStatic((int)statics[i], statics[i + 1]);
        }
        this.transmitter = new Transmitter(settings.ports(), ownPorts == null ? null : this.ownPorts,
            settings.routes(), neighbours,
            new PendingFrames(PENDING_FRAMES, PacketContext.MAX_FRAME), stats);
        this.responder = new LocalResponder(settings.ports(), neighbours, transmitter, settings.ownAddresses());
        this.context = new PacketContext(transmitter);
        this.sync = new ConnectionSync(settings.connectionCapacity(), ConnectionSync.DEFAULT_RING_BYTES);
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    @Override
    public int doWork()
    {
        nowNs = clock.nanoTime();
        syncMaster = sync.master();
        int work = applyTable();
        work += commands.drain(runCommand, COMMAND_LIMIT);
        if (receiving)
        {
            for (int p = 0; p < ownPorts.length; p++)
            {
                receivingPort = p;
                work += ownPorts[p].receive(this, READ_LIMIT);
            }
        }
        work += input.read(this, READ_LIMIT);
        work += table.expire(nowNs, EXPIRE_LIMIT);
        if (nowNs - lastPollNs >= POLL_INTERVAL_NS)
        {
            lastPollNs = nowNs;
            work += transmitter.poll(nowNs);
        }
        for (final PacketPort port : ownPorts)
        {
            port.flush();
        }
        return work;
    }

    /**
     * A frame from one of this worker's own sockets, where the kernel put it (rewritten in place when owned).
     */
    @Override
    public void onFrame(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        final long receivedNs = clock.nanoTime();
        final int owner = frameOwner.owner(buffer, offset, length);
        if (owner == id)
        {
            run(buffer, offset, length, receivingPort, receivedNs);
            return;
        }
        if (owner == FrameOwner.EVERY_WORKER)
        {
            for (int w = 0; w < workerRings.length; w++)
            {
                if (w != id)
                {
                    handOver(w, buffer, offset, length, receivedNs);
                }
            }
            run(buffer, offset, length, receivingPort, receivedNs);
            return;
        }
        handOver(owner, buffer, offset, length, receivedNs);
    }

    private void handOver(
        final int worker, final MutableDirectBuffer buffer, final int offset, final int length, final long receivedNs)
    {
        if (FrameOwner.deliver(workerRings[worker], receivingPort, buffer, offset, length, receivedNs))
        {
            stats.onHandedOff();
        }
        else
        {
            stats.onHandoffDropped();
        }
    }

    private void runCommand(final WorkerCommand command)
    {
        command.run(table, nowNs);
    }

    /**
     * Have the worker run a command on its own thread at the top of a duty cycle.
     *
     * @param command what to run.
     * @return false when the worker's command queue is full.
     */
    public boolean submit(final WorkerCommand command)
    {
        return commands.offer(command);
    }

    private int applyTable()
    {
        final ServiceTable current = settings.tables().current();
        if (current.version() == runtime.version())
        {
            return 0;
        }
        runtime.apply(current);
        lookup = runtime.lookup();
        published = runtime.services();
        final VipSet before = vips;
        vips = VipSet.of(current);
        frameOwner.vips(vips);
        if (id == 0)
        {
            for (final PacketPort port : ownPorts)
            {
                port.steer(vips);
            }
        }
        if (announces)
        {
            final VipSet standby = standbyVips;
            for (final int vip : vips.addresses())
            {
                if (!before.contains(vip) && !standby.contains(vip))
                {
                    announce(vip);
                }
            }
        }
        return 1;
    }

    private void announce(final int vip)
    {
        final int port = transmitter.portFor(vip);
        for (int p = 0; p < settings.ports().count(); p++)
        {
            if (port < 0 || p == port)
            {
                transmitter.sendGratuitousArp(p, vip);
            }
        }
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        run(buffer, index + RX_HEADER, length - RX_HEADER, msgTypeId - 1, buffer.getLong(index));
    }

    private void run(
        final MutableDirectBuffer buffer, final int offset, final int length, final int port, final long receivedNs)
    {
        rxNs = receivedNs;
        stats.onFrame();
        context.wrap(buffer, offset, length, port, nowNs);
        stats.onVerdict(handle());
    }

    private ForwardVerdict handle()
    {
        final ParsedFrame frame = context.frame();
        final DropReason reason = parser.parse(context.buffer(), context.offset(), context.length(), frame);
        if (reason != DropReason.NONE && reason != DropReason.FRAGMENT)
        {
            stats.onParseDrop(reason);
            return ForwardVerdict.MALFORMED;
        }
        switch (frame.etherType())
        {
            case EthernetFlyweight.ETHER_TYPE_ARP:
                return responder.onArp(context, lookup, standbyVips);
            case EthernetFlyweight.ETHER_TYPE_IPV4:
                return onIpv4(frame);
            default:
                return ForwardVerdict.NOT_OURS;
        }
    }

    private ForwardVerdict onIpv4(final ParsedFrame frame)
    {
        final int protocol = frame.l4Protocol();
        if (protocol == Ipv4Flyweight.PROTOCOL_TCP || protocol == Ipv4Flyweight.PROTOCOL_UDP)
        {
            if (frame.isFragment() && !frame.isFirstFragment())
            {
                return onLaterFragment(frame);
            }
            final VirtualService service =
                lookup.findIpv4(protocol, frame.destinationAddress(), frame.destinationPort());
            return service != null && owns(frame.destinationAddress()) ? onRequest(frame, service) : onReply(frame);
        }
        if (protocol == Ipv4Flyweight.PROTOCOL_ICMP && !frame.isFragment())
        {
            return onIcmp(frame);
        }
        return ForwardVerdict.NOT_OURS;
    }

    private ForwardVerdict onRequest(final ParsedFrame frame, final VirtualService service)
    {
        final int protocol = frame.l4Protocol();
        int entry = table.lookupIn4(protocol, frame.sourceAddress(), frame.sourcePort(),
            frame.destinationAddress(), frame.destinationPort(), nowNs);
        if (entry == ConnectionTable.NONE)
        {
            if (protocol == Ipv4Flyweight.PROTOCOL_TCP && !isSyn(frame.tcpFlags()))
            {
                return ForwardVerdict.NO_CONNECTION;
            }
            final long fullBefore = connections.tableFullDrops();
            entry = connect(frame, service);
            if (entry == ConnectionTable.NONE)
            {
                if (connections.tableFullDrops() != fullBefore)
                {
                    return ForwardVerdict.TABLE_FULL;
                }
                responder.sendIcmpError(
                    context, IcmpFlyweight.TYPE_DESTINATION_UNREACHABLE, IcmpFlyweight.CODE_PORT_UNREACHABLE, 0);
                return ForwardVerdict.NO_DESTINATION;
            }
        }
        table.onPacket(entry, TcpStates.INPUT, frame.tcpFlags(), nowNs);
        if (syncMaster)
        {
            sync.onInPacket(table, entry, nowNs);
        }
        rememberFirstFragment(frame, entry);
        table.service(entry).stats().onInPacket(frame.l3Length());
        table.server(entry).stats().onInPacket(frame.l3Length());
        return transmit(handlers[table.handler(entry)].toRealServer(context, table, entry));
    }

    private void rememberFirstFragment(final ParsedFrame frame, final int value)
    {
        if (frame.isFragment())
        {
            fragments.put(frame.sourceAddress(), frame.destinationAddress(), frame.fragmentIdentification(),
                frame.l4Protocol(), value, nowNs);
        }
    }

    /**
     * A later fragment (no ports): it follows the connection its datagram's first fragment took, in the same
     * direction; a fragment whose first fragment was not seen is dropped and counted.
     */
    private ForwardVerdict onLaterFragment(final ParsedFrame frame)
    {
        final int value = fragments.get(frame.sourceAddress(), frame.destinationAddress(),
            frame.fragmentIdentification(), frame.l4Protocol(), nowNs);
        final int entry = value & ~TO_CLIENT;
        if (value == FragmentTable.NONE || !table.isLive(entry))
        {
            return ForwardVerdict.FRAGMENT_UNKNOWN;
        }
        final Forwarder handler = handlers[table.handler(entry)];
        if ((value & TO_CLIENT) != 0)
        {
            table.service(entry).stats().onOutPacket(frame.l3Length());
            return transmit(handler.toClient(context, table, entry));
        }
        table.service(entry).stats().onInPacket(frame.l3Length());
        return transmit(handler.toRealServer(context, table, entry));
    }

    private static boolean isSyn(final int tcpFlags)
    {
        return (tcpFlags & (TcpFlyweight.FLAG_SYN | TcpFlyweight.FLAG_RST)) == TcpFlyweight.FLAG_SYN;
    }

    private int connect(final ParsedFrame frame, final VirtualService service)
    {
        request.ipv4(frame.l4Protocol(), frame.sourceAddress(), frame.sourcePort(), frame.destinationAddress(),
            frame.destinationPort(), nowNs);
        final int entry = connections.newConnection(service, request);
        if (entry != ConnectionTable.NONE)
        {
            final RealServer server = table.server(entry);
            table.handler(entry, server.forwardMethod().ordinal());
            sync.onCreate(entry);
            service.stats().onConnection();
            server.stats().onConnection();
        }
        return entry;
    }

    private ForwardVerdict onReply(final ParsedFrame frame)
    {
        final int entry = table.lookupOut4(frame.l4Protocol(), frame.sourceAddress(), frame.sourcePort(),
            frame.destinationAddress(), frame.destinationPort(), nowNs);
        if (entry == ConnectionTable.NONE)
        {
            return ForwardVerdict.NOT_OURS;
        }
        final int length = frame.l3Length();
        final ForwardVerdict verdict = handlers[table.handler(entry)].toClient(context, table, entry);
        if (verdict == ForwardVerdict.FORWARD)
        {
            rememberFirstFragment(frame, entry | TO_CLIENT);
            table.onPacket(entry, TcpStates.OUTPUT, frame.tcpFlags(), nowNs);
            table.service(entry).stats().onOutPacket(length);
            table.server(entry).stats().onOutPacket(length);
        }
        return transmit(verdict);
    }

    private ForwardVerdict onIcmp(final ParsedFrame frame)
    {
        if (frame.icmpType() == IcmpFlyweight.TYPE_ECHO_REQUEST)
        {
            return lookup.isVipV4(frame.destinationAddress()) && owns(frame.destinationAddress()) ?
                responder.onEcho(context) : ForwardVerdict.NOT_OURS;
        }
        if (!IcmpFlyweight.isError(frame.icmpType()) || frame.innerL3Offset() < 0)
        {
            return ForwardVerdict.NOT_OURS;
        }
        quoted.wrap(context.buffer(), frame.innerL3Offset());
        final int protocol = quoted.protocol();
        if (protocol != Ipv4Flyweight.PROTOCOL_TCP && protocol != Ipv4Flyweight.PROTOCOL_UDP)
        {
            return ForwardVerdict.NOT_OURS;
        }
        final int ports = frame.innerL3Offset() + quoted.headerLength();
        final int sourcePort = context.buffer().getShort(ports, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        final int destinationPort = context.buffer().getShort(ports + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        final int toClient = table.lookupOut4(protocol, quoted.destinationAddress(), destinationPort,
            quoted.sourceAddress(), sourcePort, nowNs);
        if (toClient != ConnectionTable.NONE)
        {
            return transmit(handlers[table.handler(toClient)].icmpToClient(context, table, toClient));
        }
        final int vip = quoted.sourceAddress(); // the quoted datagram went from the VIP to the client
        final int toServer = owns(vip) ?
            table.lookupIn4(protocol, quoted.destinationAddress(), destinationPort, vip, sourcePort, nowNs) :
            ConnectionTable.NONE;
        if (toServer != ConnectionTable.NONE)
        {
            return transmit(handlers[table.handler(toServer)].icmpToRealServer(context, table, toServer));
        }
        return ForwardVerdict.NOT_OURS;
    }

    private ForwardVerdict transmit(final ForwardVerdict verdict)
    {
        if (verdict == ForwardVerdict.FRAGMENTATION_NEEDED)
        {
            responder.sendIcmpError(context, IcmpFlyweight.TYPE_DESTINATION_UNREACHABLE,
                IcmpFlyweight.CODE_FRAGMENTATION_NEEDED, context.nextHopMtu());
            return verdict;
        }
        if (verdict != ForwardVerdict.FORWARD)
        {
            return verdict;
        }
        final ForwardVerdict sent = transmitter.send(
            context.outBuffer(), context.outOffset(), context.outLength(), context.routeTo(), nowNs);
        if (sent == ForwardVerdict.FORWARD)
        {
            stats.onLatency(clock.nanoTime() - rxNs);
        }
        return sent;
    }

    /**
     * The VIPs this director stands by for (keepalived's {@code virtual_ipaddress} of VRRP instances that are not
     * MASTER here): for them it neither answers ARP nor takes new requests or their ICMP errors; every other VIP
     * it owns. Empty (the default) without VRRP.
     *
     * @param standby the VIPs another director owns now.
     */
    public void standbyVips(final VipSet standby)
    {
        this.standbyVips = standby;
    }

    private boolean owns(final int vip)
    {
        return !standbyVips.contains(vip);
    }

    /**
     * Stop taking frames from the worker's own sockets (shutdown drains what the rings hold).
     */
    public void stopReceiving()
    {
        receiving = false;
    }

    @Override
    public void onClose()
    {
        for (final PacketPort port : ownPorts)
        {
            port.close();
        }
    }

    /**
     * @return this worker's counters (read racily by the control plane).
     */
    public WorkerStats stats()
    {
        return stats;
    }

    /**
     * @return this worker's runtime services as of its last applied table (for the control plane to read).
     */
    public List<VirtualService> services()
    {
        return published;
    }

    /**
     * @return this worker's connection-sync master side (its ring is read by the director's sync sender).
     */
    public ConnectionSync connectionSync()
    {
        return sync;
    }

    /**
     * @return the worker's connection table (to be read on the worker's thread only).
     */
    public ConnectionTable connectionTable()
    {
        return table;
    }
}
