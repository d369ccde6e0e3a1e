package org.jvs.director.vrrp;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.packet.ArpFlyweight;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.port.FrameHandler;
import org.jvs.core.port.PacketPort;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.VipSet;
import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.config.model.VrrpInstanceConfig;
import org.jvs.director.config.model.VrrpScriptConfig;
import org.jvs.director.config.model.VrrpSyncGroupConfig;
import org.jvs.director.net.InterfaceInfo;
import org.jvs.director.net.ScriptRunner;

/**
 * The director's VRRP side (role "vrrp", a management agent, never on the packet path): its own packet port per
 * interface with the kernel filter {@code ip proto 112}, so the data path is untouched; each
 * {@code vrrp_instance} a {@link VrrpInstance} driven with real time. Advertisements go to 224.0.0.18 (or each
 * {@code unicast_peer}) with TTL 255. While any instance is MASTER the workers own the VIPs (answer ARP, forward);
 * taking over sends {@code garp_master_repeat} gratuitous ARPs per VIP at once and again after
 * {@code garp_master_delay}, and every {@code garp_master_refresh}. {@code track_interface} (and the instance's
 * own interface) down, or a failing weight-0 {@code track_script}, is FAULT; other scripts move the effective
 * priority by their weight. Members of a {@code vrrp_sync_group} follow each other to MASTER, BACKUP and FAULT.
 * Notify scripts run on each change with a time limit. Closing sends priority 0 from every MASTER.
 */
public final class VrrpAgent implements Agent
{
    private static final int FRAME_LIMIT = 64;
    private static final int FRAME_BYTES = 1514;
    private static final long INTERFACE_POLL_NS = 100_000_000L;
    private static final long NOTIFY_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long NEIGHBOUR_REFRESH_NS = TimeUnit.SECONDS.toNanos(1);
    private static final Path SYS_NET = Path.of("/sys/class/net");

    private final List<PacketPort> ports = new ArrayList<>();
    private final List<Slot> slots = new ArrayList<>();
    private final List<TrackScriptRun> scripts = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final Ownership ownership;
    private final LongSupplier clock;
    private final Predicate<String> interfaceState;
    private final Consumer<String> log;
    private final ScriptRunner notify;
    private final VrrpAdvertCodec codec = new VrrpAdvertCodec();
    private final VrrpAdvert advert = new VrrpAdvert();
    private final EthernetFlyweight ethernet = new EthernetFlyweight();
    private final ArpFlyweight arp = new ArpFlyweight();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[FRAME_BYTES]);
    private final FrameHandler onFrame = this::onFrame;
    private int receivingPort;
    private long nowNs;
    private long nextInterfacePollNs;
    private boolean published;
    private int identification;
    private volatile long unknownRouterIds;
    private volatile long advertsSent;
    private volatile long garpsSent;
    private volatile long receiveErrors;

    /** One {@code vrrp_instance} and what drives it. */
    static final class Slot
    {
        final VrrpInstanceConfig config;
        final VrrpInstance instance;
        final int port;
        final String[] interfaces;
        final boolean[] interfacesUp;
        final VrrpScriptTracker[] trackers;
        final int[] trackerScript;
        final int[] peers;
        final long[] peerMacs;
        final long garpRefreshNs;
        Group group;
        boolean master;
        long garpRefreshAtNs = Long.MAX_VALUE;
        long neighboursReadNs = Long.MIN_VALUE;

        Slot(final VrrpInstanceConfig config, final VrrpSettings settings, final int port,
            final VrrpScriptTracker[] trackers, final int[] trackerScript)
        {
            this.config = config;
            this.instance = new VrrpInstance(settings);
            this.port = port;
            final List<String> tracked = new ArrayList<>(config.trackInterfaces());
            if (!tracked.contains(config.interfaceName()))
            {
                tracked.add(0, config.interfaceName());
            }
            this.interfaces = tracked.toArray(new String[0]);
            this.interfacesUp = new boolean[interfaces.length];
            Arrays.fill(interfacesUp, true);
            this.trackers = trackers;
            this.trackerScript = trackerScript;
            this.peers = config.unicastPeers().stream().filter(a -> !a.isIpv6()).mapToInt(InetAddr::ipv4).toArray();
            this.peerMacs = new long[peers.length];
            Arrays.fill(peerMacs, EthernetFlyweight.BROADCAST_MAC);
            this.garpRefreshNs = null == config.garp() ? 0 : TimeUnit.SECONDS.toNanos(config.garp().masterRefreshS());
        }
    }

    /** What the agent tells the director when the instances' states change which VIPs it owns. */
    @FunctionalInterface
    public interface Ownership
    {
        /**
         * @param standby   the {@code virtual_ipaddress}es of instances not MASTER here (less those a MASTER
         *                  instance here also holds): the workers neither answer ARP for them nor forward to them.
         * @param anyMaster whether at least one instance is MASTER here (the sync daemon's role follows it).
         */
        void onOwnership(VipSet standby, boolean anyMaster);
    }

    /** One {@code vrrp_sync_group}. */
    static final class Group
    {
        final VrrpSyncGroupConfig config;
        final List<Slot> members = new ArrayList<>();
        VrrpState state = VrrpState.INIT;
        boolean following;

        Group(final VrrpSyncGroupConfig config)
        {
            this.config = config;
        }
    }

    /**
     * @param config      the loaded keepalived.conf (at least one {@code vrrp_instance}).
     * @param openPort    opens the VRRP port of an interface (filter {@code ip proto 112}).
     * @param addressOf   an interface's primary IPv4 address.
     * @param ownership   told which VIPs this director stands by for, whenever that changes; called from this agent.
     * @param log         where transitions and failures are logged.
     */
    public VrrpAgent(
        final KeepalivedConfig config, final Function<String, PacketPort> openPort,
        final Function<String, Integer> addressOf, final Ownership ownership, final Consumer<String> log)
    {
        this(config, openPort, addressOf, ownership, log, System::nanoTime, VrrpAgent::interfaceUp);
    }

    /**
     * As above, with the clock and the interface state given (tests).
     *
     * @param config      the loaded keepalived.conf.
     * @param openPort    opens the VRRP port of an interface.
     * @param addressOf   an interface's primary IPv4 address.
     * @param ownership   told which VIPs this director stands by for.
     * @param log         where transitions and failures are logged.
     * @param clock       monotonic time in ns.
     * @param interfaceUp whether an interface is up.
     */
    VrrpAgent(
        final KeepalivedConfig config, final Function<String, PacketPort> openPort,
        final Function<String, Integer> addressOf, final Ownership ownership, final Consumer<String> log,
        final LongSupplier clock, final Predicate<String> interfaceUp)
    {
        this.clock = clock;
        this.interfaceState = interfaceUp;
        this.ownership = ownership;
        this.log = log;
        this.notify = new ScriptRunner(NOTIFY_TIMEOUT_NS, log);
        final Map<String, Integer> portByInterface = new LinkedHashMap<>();
        for (final VrrpScriptConfig script : config.vrrpScripts())
        {
            scripts.add(new TrackScriptRun(script, log));
        }
        try
        {
            for (final VrrpInstanceConfig instance : config.vrrpInstances())
            {
                final String where = "vrrp_instance " + instance.name() + " (" + instance.location() + ")";
                if (null == instance.interfaceName())
                {
                    throw new IllegalArgumentException(where + ": no 'interface'");
                }
                final Integer port = portByInterface.computeIfAbsent(instance.interfaceName(), name ->
                {
                    ports.add(openPort.apply(name));
                    return ports.size() - 1;
                });
                final int source = null != instance.unicastSrcIp() ? instance.unicastSrcIp().ipv4() :
                    addressOf.apply(instance.interfaceName());
                slots.add(slot(instance, where, source, port));
            }
            bindGroups(config);
        }
        catch (final RuntimeException ex)
        {
            ports.forEach(PacketPort::close);
            throw ex;
        }
    }

    private Slot slot(final VrrpInstanceConfig instance, final String where, final int source, final int port)
    {
        final VrrpSettings settings;
        try
        {
            settings = VrrpSettings.from(instance, source);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
        }
        final List<VrrpInstanceConfig.TrackScript> tracks = instance.trackScripts();
        final VrrpScriptTracker[] trackers = new VrrpScriptTracker[tracks.size()];
        final int[] trackerScript = new int[tracks.size()];
        for (int i = 0; i < trackers.length; i++)
        {
            final VrrpInstanceConfig.TrackScript track = tracks.get(i);
            trackerScript[i] = scriptIndex(track.name());
            if (trackerScript[i] < 0)
            {
                throw new IllegalArgumentException(where + ": track_script " + track.name() + " (" +
                    track.location() + ") names no vrrp_script");
            }
            final VrrpScriptConfig script = scripts.get(trackerScript[i]).config();
            final int weight = track.weight() != Integer.MIN_VALUE ? track.weight() : script.weight();
            trackers[i] = new VrrpScriptTracker(weight, Math.max(1, script.rise()), Math.max(1, script.fall()), true);
        }
        return new Slot(instance, settings, port, trackers, trackerScript);
    }

    private int scriptIndex(final String name)
    {
        for (int i = 0; i < scripts.size(); i++)
        {
            if (scripts.get(i).name().equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    private void bindGroups(final KeepalivedConfig config)
    {
        for (final VrrpSyncGroupConfig groupConfig : config.vrrpSyncGroups())
        {
            final Group group = new Group(groupConfig);
            for (final String name : groupConfig.instances())
            {
                final Slot member = slots.stream().filter(s -> s.config.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("vrrp_sync_group " + groupConfig.name() + " (" +
                        groupConfig.location() + "): no vrrp_instance " + name));
                if (null != member.group)
                {
                    throw new IllegalArgumentException("vrrp_instance " + name + " is in two vrrp_sync_groups: " +
                        member.group.config.name() + " and " + groupConfig.name());
                }
                member.group = group;
                group.members.add(member);
            }
            groups.add(group);
        }
    }

    @Override
    public String roleName()
    {
        return "vrrp";
    }

    @Override
    public void onStart()
    {
        nowNs = clock.getAsLong();
        for (final Slot slot : slots)
        {
            readInterfaces(slot);
            slot.instance.priority(VrrpScriptTracker.effectivePriority(slot.instance.settings().priority(),
                slot.trackers));
            slot.instance.fault(VrrpScriptTracker.faulted(slot.trackers, slot.interfacesUp), nowNs);
            log.accept("VRRP instance " + slot.config.name() + ": VRRPv" + slot.instance.settings().version() +
                " vrid " + slot.instance.settings().virtualRouterId() + " on " + slot.config.interfaceName() +
                ", priority " + slot.instance.priority() + ", source " +
                InetAddr.ipv4(slot.instance.settings().primaryAddress()) +
                (slot.peers.length > 0 ? ", unicast to " + slot.peers.length + " peer(s)" : ", multicast 224.0.0.18") +
                (slot.config.useVmac() ? "; use_vmac is not acted on (adverts from the interface MAC)" : ""));
            apply(slot, slot.instance.start(nowNs));
        }
        publishOwnership();
    }

    @Override
    public int doWork()
    {
        nowNs = clock.getAsLong();
        int work = 0;
        for (int p = 0; p < ports.size(); p++)
        {
            receivingPort = p;
            work += receive(ports.get(p));
        }
        for (int i = 0; i < slots.size(); i++)
        {
            final Slot slot = slots.get(i);
            if (nowNs >= slot.instance.nextDeadlineNs())
            {
                apply(slot, slot.instance.onTimer(nowNs));
                work++;
            }
            if (nowNs >= slot.garpRefreshAtNs && slot.instance.state() == VrrpState.MASTER)
            {
                sendGarps(slot);
                slot.garpRefreshAtNs = nowNs + slot.garpRefreshNs;
                work++;
            }
        }
        work += track();
        work += notify.poll(nowNs);
        publishOwnership();
        return work;
    }

    /**
     * A port whose interface went down may fail to read: counted and told once, so timers and tracking (which
     * put the instance in FAULT) still run.
     */
    private int receive(final PacketPort port)
    {
        try
        {
            return port.receive(onFrame, FRAME_LIMIT);
        }
        catch (final RuntimeException ex)
        {
            if (receiveErrors++ == 0)
            {
                log.accept("VRRP: reading " + port.name() + " failed (told once): " + ex.getMessage());
            }
            return 0;
        }
    }

    private void onFrame(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (length < EthernetFlyweight.HEADER_LENGTH + 28 ||
            (buffer.getShort(offset + 12, ByteOrder.BIG_ENDIAN) & 0xFFFF) != EthernetFlyweight.ETHER_TYPE_IPV4)
        {
            return;
        }
        final int ip = offset + EthernetFlyweight.HEADER_LENGTH;
        final int ipHeader = (buffer.getByte(ip) & 0x0F) * 4;
        if (ipHeader < 20 || ipHeader + 2 > length - EthernetFlyweight.HEADER_LENGTH)
        {
            return;
        }
        final int vrid = buffer.getByte(ip + ipHeader + 1) & 0xFF;
        final Slot slot = slotFor(receivingPort, vrid);
        if (null == slot)
        {
            unknownRouterIds++;
            return;
        }
        if (codec.parseIpv4(buffer, ip, length - EthernetFlyweight.HEADER_LENGTH,
            slot.instance.settings().password(), advert))
        {
            apply(slot, slot.instance.onAdvert(advert, nowNs));
        }
    }

    private Slot slotFor(final int port, final int vrid)
    {
        for (int i = 0; i < slots.size(); i++)
        {
            final Slot slot = slots.get(i);
            if (slot.port == port && slot.instance.settings().virtualRouterId() == vrid)
            {
                return slot;
            }
        }
        return null;
    }

    private void apply(final Slot slot, final int actions)
    {
        if ((actions & VrrpInstance.ACTION_SEND_ADVERT) != 0)
        {
            sendAdvert(slot, slot.instance.advertPriority());
        }
        if ((actions & (VrrpInstance.ACTION_TAKE_VIPS | VrrpInstance.ACTION_RELEASE_VIPS)) != 0)
        {
            publishOwnership();
        }
        if ((actions & VrrpInstance.ACTION_SEND_GARP) != 0)
        {
            sendGarps(slot);
        }
        if ((actions & VrrpInstance.ACTION_STATE_CHANGED) != 0)
        {
            onStateChanged(slot);
        }
    }

    private void publishOwnership()
    {
        boolean changed = !published;
        for (int i = 0; i < slots.size(); i++)
        {
            final Slot slot = slots.get(i);
            final boolean master = slot.instance.state() == VrrpState.MASTER;
            changed |= master != slot.master;
            slot.master = master;
        }
        if (changed)
        {
            published = true;
            final VipSet owned = VipSet.of(addresses(true));
            final VipSet standby = VipSet.of(Arrays.stream(addresses(false)).filter(a -> !owned.contains(a)).toArray());
            ownership.onOwnership(standby, !owned.isEmpty());
            log.accept("VRRP: this director owns " + describe(owned) + " (answers ARP, forwards) and stands by for " +
                describe(standby));
        }
    }

    /**
     * @param config a keepalived.conf with {@code vrrp_instance}s.
     * @return every IPv4 {@code virtual_ipaddress} of them: what a director stands by for before VRRP has spoken.
     */
    public static VipSet virtualAddresses(final KeepalivedConfig config)
    {
        return VipSet.of(config.vrrpInstances().stream()
            .flatMap(instance -> instance.virtualIpAddresses().stream())
            .map(VrrpInstanceConfig.VirtualIpAddress::address)
            .filter(address -> !address.isIpv6())
            .mapToInt(InetAddr::ipv4)
            .toArray());
    }

    private int[] addresses(final boolean master)
    {
        return slots.stream()
            .filter(slot -> slot.master == master)
            .flatMapToInt(slot -> Arrays.stream(slot.instance.settings().virtualAddresses()))
            .toArray();
    }

    private static String describe(final VipSet vips)
    {
        return vips.isEmpty() ? "no VIP" : Arrays.stream(vips.addresses()).mapToObj(InetAddr::ipv4)
            .map(String::valueOf).collect(Collectors.joining(", "));
    }

    private void onStateChanged(final Slot slot)
    {
        final VrrpInstance instance = slot.instance;
        final VrrpState state = instance.state();
        log.accept("VRRP instance " + slot.config.name() + ": now " + state + " (priority " + instance.priority() +
            (state == VrrpState.BACKUP && instance.masterAddress() != 0 ?
            ", master " + InetAddr.ipv4(instance.masterAddress()) : "") + ")");
        slot.garpRefreshAtNs = state == VrrpState.MASTER && slot.garpRefreshNs > 0 ?
            nowNs + slot.garpRefreshNs : Long.MAX_VALUE;
        if (state == VrrpState.INIT)
        {
            return;
        }
        runNotify(slot.config.notifyCommands(), "INSTANCE", slot.config.name(), state, instance.priority());
        final Group group = slot.group;
        if (null != group && !group.following)
        {
            group.following = true;
            for (final Slot member : group.members)
            {
                if (member != slot)
                {
                    apply(member, member.instance.follow(state, nowNs));
                }
            }
            group.following = false;
            if (group.state != state && group.members.stream().allMatch(m -> m.instance.state() == state))
            {
                group.state = state;
                log.accept("VRRP sync group " + group.config.name() + ": now " + state);
                runNotify(group.config.notifyCommands(), "GROUP", group.config.name(), state, 0);
            }
        }
    }

    private void runNotify(
        final VrrpInstanceConfig.Notify commands, final String kind, final String name, final VrrpState state,
        final int priority)
    {
        if (null == commands)
        {
            return;
        }
        switch (state)
        {
            case MASTER -> notify.run("notify_master", commands.master(), nowNs);
            case BACKUP -> notify.run("notify_backup", commands.backup(), nowNs);
            case FAULT -> notify.run("notify_fault", commands.fault(), nowNs);
            default ->
            {
            }
        }
        if (null != commands.any())
        {
            notify.run("notify", commands.any() + " " + kind + " " + name + " " + state + " " + priority, nowNs);
        }
    }

    private void sendAdvert(final Slot slot, final int priority)
    {
        final PacketPort port = ports.get(slot.port);
        final VrrpSettings settings = slot.instance.settings();
        identification = (identification + 1) & 0xFFFF;
        if (slot.peers.length == 0)
        {
            final int length = codec.build(frame, 0, settings, priority, port.macAddress(), identification);
            port.send(frame, 0, length);
        }
        else
        {
            refreshPeerMacs(slot);
            for (int i = 0; i < slot.peers.length; i++)
            {
                final int length = codec.build(frame, 0, settings, priority, port.macAddress(), identification,
                    slot.peers[i], slot.peerMacs[i]);
                port.send(frame, 0, length);
            }
        }
        port.flush();
        advertsSent++;
    }

    private void sendGarps(final Slot slot)
    {
        final PacketPort port = ports.get(slot.port);
        final long mac = port.macAddress();
        final int[] vips = slot.instance.settings().virtualAddresses();
        final int repeat = Math.max(1, slot.instance.garpRepeat());
        for (int r = 0; r < repeat; r++)
        {
            for (final int vip : vips)
            {
                ethernet.wrap(frame, 0).destinationMac(EthernetFlyweight.BROADCAST_MAC).sourceMac(mac)
                    .etherType(EthernetFlyweight.ETHER_TYPE_ARP);
                arp.wrap(frame, EthernetFlyweight.HEADER_LENGTH).ethernetIpv4()
                    .operation(ArpFlyweight.OPERATION_REQUEST).senderMac(mac).senderAddress(vip).targetMac(0L)
                    .targetAddress(vip);
                port.send(frame, 0, EthernetFlyweight.HEADER_LENGTH + ArpFlyweight.LENGTH);
                garpsSent++;
            }
            port.flush();
        }
    }

    /**
     * Unicast peers' MACs from the kernel's neighbour table (the director's kernel holds the source address and
     * resolves peers); broadcast until one is known.
     */
    private void refreshPeerMacs(final Slot slot)
    {
        if (slot.neighboursReadNs != Long.MIN_VALUE && nowNs - slot.neighboursReadNs < NEIGHBOUR_REFRESH_NS)
        {
            return;
        }
        slot.neighboursReadNs = nowNs;
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/net/arp")))
            {
                final String[] f = line.trim().split("\\s+");
                if (f.length < 4 || !f[0].matches("[0-9.]+") || "0x0".equals(f[2]))
                {
                    continue;
                }
                final int address = InetAddr.parse(f[0]).ipv4();
                for (int i = 0; i < slot.peers.length; i++)
                {
                    if (slot.peers[i] == address)
                    {
                        slot.peerMacs[i] = InterfaceInfo.parseMac(f[3]);
                    }
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return;
        }
    }

    private int track()
    {
        int work = 0;
        boolean changed = false;
        for (int s = 0; s < scripts.size(); s++)
        {
            final int result = scripts.get(s).poll(nowNs);
            if (result == TrackScriptRun.NONE)
            {
                continue;
            }
            work++;
            for (final Slot slot : slots)
            {
                for (int t = 0; t < slot.trackers.length; t++)
                {
                    if (slot.trackerScript[t] == s && slot.trackers[t].onResult(result == TrackScriptRun.OK))
                    {
                        log.accept("VRRP instance " + slot.config.name() + ": track_script " +
                            scripts.get(s).name() + " now " + (slot.trackers[t].up() ? "up" : "down"));
                        changed = true;
                    }
                }
            }
        }
        if (nowNs >= nextInterfacePollNs)
        {
            nextInterfacePollNs = nowNs + INTERFACE_POLL_NS;
            for (final Slot slot : slots)
            {
                changed |= readInterfaces(slot);
            }
        }
        if (changed)
        {
            for (final Slot slot : slots)
            {
                retrack(slot);
            }
            work++;
        }
        return work;
    }

    private void retrack(final Slot slot)
    {
        final int effective = VrrpScriptTracker.effectivePriority(slot.instance.settings().priority(), slot.trackers);
        if (effective != slot.instance.priority())
        {
            log.accept("VRRP instance " + slot.config.name() + ": effective priority " + slot.instance.priority() +
                " -> " + effective);
            slot.instance.priority(effective);
        }
        apply(slot, slot.instance.fault(VrrpScriptTracker.faulted(slot.trackers, slot.interfacesUp), nowNs));
    }

    private boolean readInterfaces(final Slot slot)
    {
        boolean changed = false;
        for (int i = 0; i < slot.interfaces.length; i++)
        {
            final boolean up = interfaceState.test(slot.interfaces[i]);
            if (up != slot.interfacesUp[i])
            {
                slot.interfacesUp[i] = up;
                log.accept("VRRP instance " + slot.config.name() + ": interface " + slot.interfaces[i] + " " +
                    (up ? "up" : "down"));
                changed = true;
            }
        }
        return changed;
    }

    private static boolean interfaceUp(final String name)
    {
        try
        {
            final String state = Files.readString(SYS_NET.resolve(name).resolve("operstate")).trim();
            return "up".equals(state) || "unknown".equals(state);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * Stop: every MASTER sends priority 0 and releases its VIPs; scripts are stopped, the ports closed.
     */
    @Override
    public void onClose()
    {
        nowNs = clock.getAsLong();
        for (final Slot slot : slots)
        {
            apply(slot, slot.instance.shutdown(nowNs));
        }
        publishOwnership();
        scripts.forEach(TrackScriptRun::close);
        notify.close(false); // a notify of the last transitions may still be at work
        ports.forEach(PacketPort::close);
        log.accept("VRRP stopped");
    }

    /**
     * What {@code jvsadm --vrrp} prints: one block per instance (read racily from another thread).
     *
     * @return the report.
     */
    public String report()
    {
        final StringBuilder out = new StringBuilder();
        for (final Slot slot : slots)
        {
            final VrrpInstance i = slot.instance;
            final VrrpSettings s = i.settings();
            final int master = i.masterAddress();
            out.append("VRRP Instance ").append(slot.config.name()).append('\n')
                .append("  State ").append(i.state()).append(i.faulted() ? " (fault)" : "").append('\n')
                .append("  Interface ").append(slot.config.interfaceName()).append(" vrid ")
                .append(s.virtualRouterId()).append(" version ").append(s.version()).append('\n')
                .append("  Priority ").append(i.priority()).append(" base ").append(s.priority())
                .append(s.preempt() ? "" : " nopreempt").append('\n')
                .append("  Master ").append(master == 0 ? "-" : InetAddr.ipv4(master).toString()).append('\n')
                .append("  Adverts received ").append(i.accepted()).append('\n')
                .append("  Bad auth ").append(i.authDrops()).append('\n')
                .append("  Bad version ").append(i.versionDrops()).append('\n')
                .append("  Bad TTL ").append(i.ttlDrops()).append('\n')
                .append("  Bad interval ").append(i.intervalDrops()).append('\n');
        }
        out.append("VRRP port: adverts sent ").append(advertsSent).append(", gratuitous ARPs sent ").append(garpsSent)
            .append(", other VRID ").append(unknownRouterIds).append(", malformed ").append(codec.malformed())
            .append(", bad checksum ").append(codec.checksumDrops()).append(", receive errors ").append(receiveErrors)
            .append('\n');
        return out.toString();
    }
}
