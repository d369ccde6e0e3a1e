package org.jvs.director.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jvs.core.conn.FlowShard;
import org.jvs.core.conn.Timeouts;
import org.jvs.core.port.PacketPort;
import org.jvs.core.route.RouteTable;
import org.jvs.core.sched.SchedulerRegistry;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.ServiceTableRef;
import org.jvs.core.service.VipSet;
import org.jvs.core.worker.PortAgent;
import org.jvs.core.worker.Ports;
import org.jvs.core.worker.Worker;
import org.jvs.core.worker.WorkerSettings;
import org.jvs.director.admin.AdminContext;
import org.jvs.director.admin.AdminExecutor;
import org.jvs.director.check.HealthCheckValidator;
import org.jvs.director.check.HealthChecks;
import org.jvs.director.config.ConfigLoadResult;
import org.jvs.director.config.KeepalivedConfigLoader;
import org.jvs.director.config.ServiceTableBuilder;
import org.jvs.director.config.model.GlobalDefs;
import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.control.ControlServer;
import org.jvs.director.control.RuleSet;
import org.jvs.director.control.VrrpReport;
import org.jvs.director.net.InterfaceInfo;
import org.jvs.director.net.KernelRoutes;
import org.jvs.director.vrrp.VrrpAgent;
import org.jvs.director.sync.SyncDaemon;
import org.jvs.director.sync.SyncSettings;
import org.jvs.forwarders.afpacket.AfPacketPort;
import org.jvs.forwarders.afpacket.PollIdleStrategy;
import org.jvs.forwarders.method.Forwarders;
import org.jvs.forwarders.port.Pcap4jPort;

/**
 * A running director: the rule table loaded from keepalived.conf or an ipvsadm rules file, one port agent per
 * interface, the workers, the control socket for jvsadm, and the housekeeping agent, each on its own thread
 * under an {@link AgentRunner}. {@link #close} stops them (ports first, then workers) and removes the socket.
 */
public final class Director implements AutoCloseable
{
    private static final int RECEIVE_RING_BYTES = 8 << 20;
    private static final int TRANSMIT_RING_BYTES = 8 << 20;
    private static final long DRAIN_TIMEOUT_NS = 2_000_000_000L;
    private static final int SNAPLEN_HEADROOM = 18 + 4;
    private static final int PCAP_BUFFER_BYTES = 16 << 20;
    private static final int VRRP_SNAPLEN = 2048;
    private static final int VRRP_BUFFER_BYTES = 1 << 20;

    private final DirectorOptions options;
    private final Log log;
    private final SchedulerRegistry registry = new SchedulerRegistry();
    private final ServiceTableRef tables = new ServiceTableRef();
    private final RuleSet rules;
    private final Timeouts timeouts = new Timeouts();
    private final List<AgentRunner> runners = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final List<PortAgent> portAgents = new ArrayList<>();
    private final List<RingBuffer> rings = new ArrayList<>();
    private final AtomicLong agentErrors = new AtomicLong();
    private DataPlaneStats stats;
    private HealthChecks checks;
    private KeepalivedConfig vrrpConfig;
    private VrrpAgent vrrp;
    private AgentRunner vrrpRunner;
    private SyncDaemon sync;
    private GlobalDefs.LvsSyncDaemon syncConfig;
    private KernelFilter kernelFilter;

    /**
     * @param options what to run.
     * @param log     where state changes are logged.
     */
    public Director(final DirectorOptions options, final Log log)
    {
        this.options = options;
        this.log = log;
        this.rules = new RuleSet(tables, registry::has);
    }

    /**
     * Load the rules, check the kernel, start every agent and the control socket.
     *
     * @throws Exception with a message naming what is wrong (file:line, interface, VIP).
     */
    public void start() throws Exception
    {
        loadRules();
        KernelGuard.checkVipsNotOnKernel(rules.table());
        KernelGuard.warnIfForwarding(log);
        if (!options.keepOffloads)
        {
            KernelGuard.disableOffloads(options.interfaces, log);
        }
        final List<InterfaceInfo> interfaces = new ArrayList<>();
        for (final String name : options.interfaces)
        {
            interfaces.add(InterfaceInfo.read(name));
        }
        installKernelFilter(interfaces);
        final RouteTable routes = KernelRoutes.read(interfaces);
        final RingBuffer[] transmit = new RingBuffer[interfaces.size()];
        for (int i = 0; i < transmit.length; i++)
        {
            transmit[i] = ring(TRANSMIT_RING_BYTES);
        }
        final Ports ports = ports(interfaces, transmit);
        final WorkerSettings settings = new WorkerSettings(tables, registry, ports, routes, Forwarders::forOneWorker,
            ownAddresses(interfaces), options.connections, staticNeighbours(), timeouts);
        startAgents(interfaces, transmit, settings);
        startVrrp();
        startControl();
        log.info("director started: " + options.workers + " worker(s) on " + String.join(", ", options.interfaces) +
            ", " + rules.table().services().size() + " virtual service(s)");
    }

    private void installKernelFilter(final List<InterfaceInfo> interfaces)
    {
        if (options.kernelFilter)
        {
            final KernelFilter filter = new KernelFilter(log);
            try
            {
                filter.install(options.interfaces, ownAddresses(interfaces), rules.table());
                kernelFilter = filter;
            }
            catch (final IOException ex)
            {
                log.info("warning: no nftables filter: the kernel sees the traffic jvs forwards (keep " +
                    "net.ipv4.ip_forward=0): " + ex.getMessage());
            }
        }
    }

    private void loadRules() throws Exception
    {
        if (options.config != null)
        {
            final KeepalivedConfig config = loadKeepalived();
            rules.replaceAll(ServiceTableBuilder.build(config, 1).services());
            vrrpConfig = config.vrrpInstances().isEmpty() ? null : config;
            checks = HealthChecks.start(config, rules, log::info);
            syncConfig = config.globalDefs().lvsSyncDaemon();
            return;
        }
        final List<String> lines = Files.readAllLines(options.rules);
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = new AdminExecutor(AdminContext.of(rules)).execute(new String[] {"-R"}, lines,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0)
        {
            throw new IllegalArgumentException(options.rules + ": " + err.toString(StandardCharsets.UTF_8).trim());
        }
    }

    private KeepalivedConfig loadKeepalived()
    {
        final ConfigLoadResult result =
            new KeepalivedConfigLoader(KeepalivedConfigLoader.knownSchedulers(registry)).load(options.config);
        result.warnings().forEach(w -> log.info(w.toString()));
        if (!result.ok())
        {
            throw new IllegalArgumentException(result.errors().stream().map(Object::toString)
                .collect(Collectors.joining("\n")));
        }
        final List<String> checkErrors = HealthCheckValidator.validate(result.config()).stream()
            .map(Object::toString).toList();
        if (!checkErrors.isEmpty())
        {
            throw new IllegalArgumentException(String.join("\n", checkErrors));
        }
        return result.config();
    }

    /**
     * Read the configuration file again and apply the difference ({@code jvsadm --reload}, SIGHUP): services
     * and real servers that remain keep their connections; removed real servers keep theirs until they end
     * (IPVS's dest trash) and get no new ones. An invalid file is refused whole; the running table stays.
     *
     * @return what was done, one line.
     */
    public synchronized String reload()
    {
        if (options.config == null)
        {
            throw new IllegalStateException("started with --rules: there is no configuration file to reload");
        }
        final KeepalivedConfig config;
        try
        {
            config = loadKeepalived();
        }
        catch (final IllegalArgumentException ex)
        {
            log.info("reload of " + options.config + " refused, running configuration kept:\n" + ex.getMessage());
            throw ex;
        }
        final int services;
        try
        {
            final ServiceTable table = ServiceTableBuilder.build(config, 1);
            services = table.services().size();
            rules.replaceAll(table.services());
            if (checks != null)
            {
                checks.reload(config);
            }
        }
        catch (final RuntimeException ex)
        {
            log.info("reload of " + options.config + " failed: " + ex);
            throw ex;
        }
        final String line = "reloaded " + options.config + ": " + services + " virtual service(s)";
        log.info(line);
        return line;
    }

    private static RingBuffer ring(final int bytes)
    {
        return new ManyToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(bytes + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    private static Ports ports(final List<InterfaceInfo> interfaces, final RingBuffer[] transmit)
    {
        final int n = interfaces.size();
        final String[] names = new String[n];
        final long[] macs = new long[n];
        final int[] mtus = new int[n];
        for (int i = 0; i < n; i++)
        {
            names[i] = interfaces.get(i).name();
            macs[i] = interfaces.get(i).mac();
            mtus[i] = interfaces.get(i).mtu();
        }
        return new Ports(names, macs, mtus, transmit);
    }

    private static int[] ownAddresses(final List<InterfaceInfo> interfaces)
    {
        return interfaces.stream().flatMap(i -> i.addresses().stream()).mapToInt(InterfaceInfo.Prefix::address)
            .toArray();
    }

    private long[] staticNeighbours()
    {
        final long[] pairs = new long[options.staticArp.size() * 2];
        for (int i = 0; i < options.staticArp.size(); i++)
        {
            final String[] parts = options.staticArp.get(i).split("=");
            if (parts.length != 2)
            {
                throw new IllegalArgumentException("--static-arp " + options.staticArp.get(i) + ": expected IP=MAC");
            }
            pairs[2 * i] = InetAddr.parse(parts[0]).ipv4();
            pairs[2 * i + 1] = InterfaceInfo.parseMac(parts[1]);
        }
        return pairs;
    }

    private void startAgents(
        final List<InterfaceInfo> interfaces, final RingBuffer[] transmit, final WorkerSettings settings)
    {
        final SystemNanoClock clock = SystemNanoClock.INSTANCE;
        final RingBuffer[] receive = new RingBuffer[options.workers];
        for (int w = 0; w < options.workers; w++)
        {
            receive[w] = ring(RECEIVE_RING_BYTES);
            rings.add(receive[w]);
        }
        final FlowShard shard = new FlowShard(options.workers, ThreadLocalRandom.current().nextLong());
        final boolean afPacket = "afpacket".equals(options.port);
        final PacketPort[][] own = afPacket ? openFanoutPorts(interfaces, shard) : null;
        for (int w = 0; w < options.workers; w++)
        {
            final Worker worker = afPacket ? new Worker(w, settings, receive[w], clock, own[w], receive, shard) :
                new Worker(w, settings, receive[w], clock);
            // With VRRP the director owns an instance's VIPs only while it is MASTER (the VRRP agent says).
            worker.standbyVips(null == vrrpConfig ? VipSet.EMPTY : VrrpAgent.virtualAddresses(vrrpConfig));
            workers.add(worker);
            run(worker, afPacket ? workerIdle(own[w]) : packetIdle());
        }
        for (int p = 0; !afPacket && p < interfaces.size(); p++)
        {
            final PacketPort port = openPort(interfaces.get(p), interfaces);
            final PortAgent agent = new PortAgent(p, port, transmit[p], receive, shard, tables, clock);
            portAgents.add(agent);
            rings.add(transmit[p]);
            run(agent, packetIdle());
        }
        final DataPlaneStats stats = new DataPlaneStats(workers);
        this.stats = stats;
        final KernelFilter filter = kernelFilter;
        run(new ManagementAgent(rules, tables, timeouts, stats, log, table ->
        {
            if (filter != null)
            {
                filter.update(table);
            }
        }), new SleepingMillisIdleStrategy(100));
        sync = new SyncDaemon(workers, shard, log::info);
        if (syncConfig != null)
        {
            // keepalived starts the backup daemon, and the master one when the VRRP instance becomes MASTER.
            try
            {
                sync.follow(false, syncSettings());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(syncConfig.location() + ": lvs_sync_daemon " +
                    syncConfig.interfaceName() + ": " + ex.getMessage(), ex);
            }
        }
        run(sync, new SleepingMillisIdleStrategy(1));
    }

    private SyncSettings syncSettings()
    {
        return new SyncSettings(syncConfig.interfaceName(), syncConfig.syncId(), syncConfig.maxLength(),
            syncConfig.group(), syncConfig.port(), syncConfig.ttl());
    }

    /**
     * VRRP instances changed state: the workers answer ARP for and forward to the VIPs of the instances that are
     * MASTER here and stand by for the others' (keepalived adds and removes each instance's
     * {@code virtual_ipaddress}); with keepalived's {@code lvs_sync_daemon} the master sync daemon runs while an
     * instance is MASTER, the backup one otherwise (keepalived's {@code ipvs_syncd_master}/{@code _backup}).
     */
    private void onVipOwnership(final VipSet standby, final boolean owns)
    {
        workers.forEach(w -> w.standbyVips(standby));
        if (syncConfig != null)
        {
            try
            {
                sync.follow(owns, syncSettings());
            }
            catch (final RuntimeException ex)
            {
                log.info("connection sync: " + syncConfig.location() + ": lvs_sync_daemon " +
                    syncConfig.interfaceName() + ": " + ex.getMessage());
            }
        }
    }

    /**
     * One AF_PACKET socket per worker and interface; with several workers the sockets of an interface form a
     * fanout group steered by the workers' {@link FlowShard} (they join in worker order, so the kernel's member
     * index is the worker number). TPACKET_V2 hands each frame over at once; V3's block timeout (1 ms at least)
     * would hold a lone request back (bench/RESULTS.md, "AF_PACKET port (first look)").
     */
    private PacketPort[][] openFanoutPorts(final List<InterfaceInfo> interfaces, final FlowShard shard)
    {
        final PacketPort[][] own = new PacketPort[options.workers][interfaces.size()];
        for (int p = 0; p < interfaces.size(); p++)
        {
            final AfPacketPort.Context context = new AfPacketPort.Context().tpacketVersion(2)
                .blockCount(options.ringMiB * 8).blockSizeBytes(128 << 10).frameSizeBytes(options.frameBytes);
            if (options.workers > 1)
            {
                context.fanoutGroup((int)((ProcessHandle.current().pid() * 16 + p) & 0xffff))
                    .fanoutSteered(shard.seed32());
            }
            for (int w = 0; w < options.workers; w++)
            {
                own[w][p] = AfPacketPort.open(interfaces.get(p).name(), context);
            }
        }
        if (options.workers > 1)
        {
            log.info("af_packet: " + options.workers + " workers, each with its own socket per interface in a " +
                "fanout group steered by connection owner");
        }
        return own;
    }

    private PacketPort openPort(final InterfaceInfo info, final List<InterfaceInfo> interfaces)
    {
        // A snaplen of the MTU (not 64 KiB) and a large buffer, so libpcap's buffer holds thousands of frames.
        final Pcap4jPort.Context context = new Pcap4jPort.Context()
            .snaplenBytes(info.mtu() + SNAPLEN_HEADROOM).bufferSizeBytes(PCAP_BUFFER_BYTES);
        return Pcap4jPort.open(info.name(), captureFilter(interfaces), context);
    }

    /**
     * Capture what jvs may have to act on: ARP, and IPv4 not addressed to the director's own kernel (health
     * check replies, ssh and the like stay the kernel's alone).
     */
    private static String captureFilter(final List<InterfaceInfo> interfaces)
    {
        final StringBuilder filter = new StringBuilder("arp or (ip");
        interfaces.stream().flatMap(i -> i.addresses().stream()).forEach(p ->
            filter.append(" and not dst host ").append(InetAddr.ipv4(p.address())));
        return filter.append(')').toString();
    }

    /**
     * With {@code --idle poll} a worker on AF_PACKET sockets sleeps in poll(2) on them when idle: a frame wakes it
     * at once (lower latency at low load than back-off's parks) but each wake-up costs a system call, so under load
     * back-off forwards more (bench/RESULTS.md, "Packet rate"): back-off stays the default.
     */
    private IdleStrategy workerIdle(final PacketPort[] ports)
    {
        if (!"poll".equals(options.idle))
        {
            return packetIdle();
        }
        final AfPacketPort[] sockets = new AfPacketPort[ports.length];
        for (int i = 0; i < ports.length; i++)
        {
            sockets[i] = (AfPacketPort)ports[i];
        }
        return PollIdleStrategy.of(sockets);
    }

    private IdleStrategy packetIdle()
    {
        switch (options.idle)
        {
            case "busy":
                return new BusySpinIdleStrategy();
            case "sleep":
                return new SleepingMillisIdleStrategy(1);
            default:
                return new BackoffIdleStrategy(10, 20, 1_000, 100_000);
        }
    }

    private void run(final Agent agent, final IdleStrategy idle)
    {
        final AgentRunner runner = new AgentRunner(idle, this::onAgentError, null, agent);
        runners.add(runner);
        AgentRunner.startOnThread(runner);
    }

    private void onAgentError(final Throwable error)
    {
        if (agentErrors.incrementAndGet() <= 10)
        {
            log.info("agent error (" + agentErrors.get() + "): " + error);
        }
    }

    /**
     * The VRRP agent on its own thread, with its own packet port per interface (filter ip proto 112).
     */
    private void startVrrp()
    {
        if (null == vrrpConfig)
        {
            return;
        }
        vrrp = new VrrpAgent(vrrpConfig,
            name -> Pcap4jPort.open(name, "ip proto 112",
                new Pcap4jPort.Context().snaplenBytes(VRRP_SNAPLEN).bufferSizeBytes(VRRP_BUFFER_BYTES)),
            Director::primaryAddress, this::onVipOwnership, log::info);
        vrrpRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), this::onAgentError, null, vrrp);
        AgentRunner.startOnThread(vrrpRunner);
    }

    private static Integer primaryAddress(final String name)
    {
        try
        {
            return InterfaceInfo.read(name).primaryAddress();
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("VRRP interface " + name + ": " + ex.getMessage(), ex);
        }
    }

    private void startControl() throws IOException
    {
        final ControlServer.Config config = new ControlServer.Config().socketPath(options.socket).log(log::info);
        if (options.socketGroup != null)
        {
            config.group(options.socketGroup);
        }
        final ControlServer server = new ControlServer(config,
            new AdminContext(rules, stats, stats, this::reload, AdminContext.DEFAULT_TABLE_SIZE,
                null == vrrp ? VrrpReport.NONE : vrrp::report, sync));
        run(server, new SleepingMillisIdleStrategy(5));
        log.info("control socket " + options.socket);
    }

    /**
     * @return the workers (tests read their counters).
     */
    public List<Worker> workers()
    {
        return workers;
    }

    /**
     * Stop: the ports stop receiving, the workers forward what their rings hold and the ports send it (bounded
     * wait), then every agent is closed and each worker's counters are logged once.
     */
    @Override
    public void close()
    {
        if (vrrpRunner != null)
        {
            vrrpRunner.close();
            vrrpRunner = null;
        }
        if (checks != null)
        {
            checks.close();
        }
        portAgents.forEach(PortAgent::stopReceiving);
        workers.forEach(Worker::stopReceiving);
        final long deadlineNs = System.nanoTime() + DRAIN_TIMEOUT_NS;
        while (rings.stream().anyMatch(r -> r.size() > 0) && System.nanoTime() - deadlineNs < 0)
        {
            Thread.onSpinWait();
        }
        for (int i = runners.size() - 1; i >= 0; i--)
        {
            runners.get(i).close();
        }
        runners.clear();
        workers.forEach(w -> log.info(WorkerReport.line(w)));
        if (kernelFilter != null)
        {
            kernelFilter.remove();
        }
        log.info("director stopped");
    }
}
