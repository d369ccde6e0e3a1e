package org.jvs.forwarders.afpacket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.port.FrameHandler;
import org.jvs.core.port.PacketPort;
import org.jvs.core.service.VipSet;
import org.jvs.forwarders.port.NetInterfaces;

import static org.jvs.forwarders.afpacket.TpacketV3.AF_PACKET;
import static org.jvs.forwarders.afpacket.TpacketV3.BLOCK_NUM_PKTS_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.BLOCK_OFFSET_TO_FIRST_PKT_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.BLOCK_STATUS_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.EAGAIN;
import static org.jvs.forwarders.afpacket.TpacketV3.EINTR;
import static org.jvs.forwarders.afpacket.TpacketV3.ENOBUFS;
import static org.jvs.forwarders.afpacket.TpacketV3.ETH_P_ALL_NETWORK_ORDER;
import static org.jvs.forwarders.afpacket.TpacketV3.IOVEC_LENGTH;
import static org.jvs.forwarders.afpacket.TpacketV3.IOV_LEN_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.MAP_SHARED;
import static org.jvs.forwarders.afpacket.TpacketV3.MMSGHDR_LENGTH;
import static org.jvs.forwarders.afpacket.TpacketV3.MSG_DONTWAIT;
import static org.jvs.forwarders.afpacket.TpacketV3.MSG_IOVLEN_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.MSG_IOV_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_ADD_MEMBERSHIP;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_FANOUT;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_FANOUT_CBPF;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_FANOUT_DATA;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_FANOUT_FLAG_DEFRAG;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_FANOUT_HASH;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_MREQ_LENGTH;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_MR_PROMISC;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_OUTGOING;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_QDISC_BYPASS;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_RX_RING;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_STATISTICS;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_VERSION;
import static org.jvs.forwarders.afpacket.TpacketV3.PACKET_VNET_HDR;
import static org.jvs.forwarders.afpacket.TpacketV3.PROT_READ;
import static org.jvs.forwarders.afpacket.TpacketV3.PROT_WRITE;
import static org.jvs.forwarders.afpacket.TpacketV3.SENDMMSG_MAX;
import static org.jvs.forwarders.afpacket.TpacketV3.SOCKADDR_LL_LENGTH;
import static org.jvs.forwarders.afpacket.TpacketV3.SOCK_FPROG_LENGTH;
import static org.jvs.forwarders.afpacket.TpacketV3.SOCK_CLOEXEC;
import static org.jvs.forwarders.afpacket.TpacketV3.SOCK_RAW;
import static org.jvs.forwarders.afpacket.TpacketV3.SOL_PACKET;
import static org.jvs.forwarders.afpacket.TpacketV3.TPACKET_REQ3_LENGTH;
import static org.jvs.forwarders.afpacket.TpacketV3.TPACKET_REQ_LENGTH;
import static org.jvs.forwarders.afpacket.TpacketV3.TP2_SLL_PKTTYPE_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.TP2_MAC_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.TP2_SNAPLEN_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.TP2_LEN_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.TP2_STATUS_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.TPACKET_V2;
import static org.jvs.forwarders.afpacket.TpacketV3.TPACKET_STATS_V3_LENGTH;
import static org.jvs.forwarders.afpacket.TpacketV3.TPACKET_V3;
import static org.jvs.forwarders.afpacket.TpacketV3.TP_LEN_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.TP_MAC_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.TP_NEXT_OFFSET_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.TP_SLL_PKTTYPE_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.TP_SNAPLEN_OFFSET;
import static org.jvs.forwarders.afpacket.TpacketV3.TP_STATUS_KERNEL;
import static org.jvs.forwarders.afpacket.TpacketV3.TP_STATUS_USER;

/**
 * A packet port on a live Linux interface through an AF_PACKET socket with a TPACKET_V3 mmap receive ring,
 * bound by jnr-ffi (no C). Measured on this kind of machine, the same path forwards ≈500k frames/s from Java
 * against 90–240k for pcap4j (see /work/shared/PACKET-IO-NOTES.md).
 * <ul>
 * <li>Receive walks the ring in place through one {@link UnsafeBuffer} wrapped over the mapping: a block
 * whose status has TP_STATUS_USER is read frame by frame ({@code tp_next_offset}, {@code tp_mac},
 * {@code tp_snaplen}); each frame goes to the handler as a writable view of the ring, so a worker rewrites
 * it where it lies; then the block goes back to the kernel with an ordered store of TP_STATUS_KERNEL.
 * Frames whose {@code sll_pkttype} is PACKET_OUTGOING (sent from this host) and truncated frames are
 * skipped and counted.</li>
 * <li>Send copies the frame into a preallocated send area (the caller's buffer is usually its own ring,
 * reused at once); {@link #flush} hands the batch to {@code sendmmsg}, at most 1024 messages a call.</li>
 * <li>PACKET_QDISC_BYPASS is on by default: frames go straight to the driver, skipping the qdisc and the
 * taps (so tcpdump on this interface does not see them; it does on the receiving side).</li>
 * <li>PACKET_FANOUT when a group id is given: N ports on one interface, one per worker, each get a share of
 * flows, like a NIC's RSS queues; either by the kernel's flow hash, or steered by a classic BPF program
 * ({@link FanoutProgram}) that puts each frame in the ring of the worker {@link org.jvs.core.conn.FlowShard}
 * names as its connection's owner, so workers read and send on their own sockets without handing frames
 * over.</li>
 * <li>Offloads: this port reads no virtio-net header (PACKET_VNET_HDR is set off explicitly), so the
 * director must turn checksum and segmentation offloads off on its interfaces ({@code ethtool -K IF tx off
 * tso off gso off gro off}), as it does at start; otherwise frames carry partial checksums or exceed the
 * MTU.</li>
 * <li>VLAN: the kernel strips an 802.1Q tag into {@code tp_vlan_tci} before the ring, and this port hands
 * the untagged frame over (the tag is not put back): run jvs on the VLAN's own interface (eth0.100), not on
 * the trunk.</li>
 * </ul>
 * One thread uses a port (the agent that polls it); nothing on the receive or send path allocates, locks or
 * throws. The socket is opened with protocol 0 and bound with ETH_P_ALL to the interface, so frames of other
 * interfaces never enter the ring before bind.
 */
public final class AfPacketPort implements PacketPort
{
    private static final Path SYS_CLASS_NET = Paths.get("/sys/class/net");
    private static final int SCRATCH_BYTES = 64;

    private final String interfaceName;
    private final PacketLibC libc;
    private final Runtime runtime;
    private final long macAddress;
    private final int mtu;
    private final int blockSizeBytes;
    private final int blockCount;
    private final boolean version2;
    private final int frameSizeBytes;
    private final int frameCount;
    private final int sendQueueFrames;
    private final int slotBytes;
    private final int sendRetries;
    private final UnsafeBuffer ring = new UnsafeBuffer(0, 0);
    private final ByteBuffer scratchMemory = BufferUtil.allocateDirectAligned(SCRATCH_BYTES, 64);
    private final UnsafeBuffer scratch = new UnsafeBuffer(scratchMemory);
    private final ByteBuffer sendMemory;
    private final UnsafeBuffer sendArea;
    private final long messagesAddress;
    private final int iovecsOffset;
    private final int slotsOffset;
    private int fd;
    private Pointer ringMapping;
    private long ringLengthBytes;
    private int block;
    private int slot;
    private boolean inBlock;
    private int framesLeftInBlock;
    private int nextFrameOffset;
    private int sendCount;
    private long receivedFrames;
    private long outgoingSkipped;
    private long truncatedSkipped;
    private long sentFrames;
    private long sendErrors;
    private long sendDrops;
    private int lastSendErrno;
    private long kernelDrops;
    private boolean closed;
    private final boolean fanoutSteered;
    private final int fanoutSeed;
    private long steeredPrograms;

    private AfPacketPort(final String interfaceName, final PacketLibC libc, final Context context)
    {
        this.interfaceName = interfaceName;
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
        this.macAddress = NetInterfaces.macAddress(interfaceName);
        this.mtu = NetInterfaces.mtu(interfaceName);
        this.blockSizeBytes = context.blockSizeBytes();
        this.blockCount = context.blockCount();
        this.version2 = context.tpacketVersion() == 2;
        this.frameSizeBytes = context.frameSizeBytes();
        this.frameCount = (int)((long)blockSizeBytes / frameSizeBytes * blockCount);
        this.sendQueueFrames = context.sendQueueFrames();
        this.sendRetries = context.sendRetries();
        this.fanoutSteered = context.fanoutSteered();
        this.fanoutSeed = context.fanoutSeed();
        final int maxFrameBytes = context.maxFrameBytes() > 0 ? context.maxFrameBytes() : mtu + 18;
        this.slotBytes = (maxFrameBytes + 63) & ~63;
        this.iovecsOffset = sendQueueFrames * MMSGHDR_LENGTH;
        this.slotsOffset = iovecsOffset + sendQueueFrames * IOVEC_LENGTH;
        this.sendMemory = BufferUtil.allocateDirectAligned(slotsOffset + sendQueueFrames * slotBytes, 64);
        this.sendArea = new UnsafeBuffer(sendMemory);
        this.messagesAddress = sendArea.addressOffset();
        for (int i = 0; i < sendQueueFrames; i++)
        {
            final int message = i * MMSGHDR_LENGTH;
            final int iovec = iovecsOffset + i * IOVEC_LENGTH;
            sendArea.putLong(message + MSG_IOV_OFFSET, messagesAddress + iovec);
            sendArea.putLong(message + MSG_IOVLEN_OFFSET, 1);
            sendArea.putLong(iovec, messagesAddress + slotsOffset + (long)i * slotBytes);
        }
        this.fd = -1;
    }

    /**
     * Opens a port on an interface of this process's network namespace. Needs CAP_NET_RAW.
     *
     * @param interfaceName e.g. "eth0".
     * @param context       ring, send and fanout settings.
     * @return the open port.
     * @throws IllegalArgumentException when the interface does not exist or the kernel refuses a setting (the
     *                                  message names the interface, the setting, its value and the error).
     */
    public static AfPacketPort open(final String interfaceName, final Context context)
    {
        final int ifindex = ifindex(interfaceName);
        validate(interfaceName, context);
        final PacketLibC libc = LibraryLoader.create(PacketLibC.class).load("c");
        final AfPacketPort port = new AfPacketPort(interfaceName, libc, context);
        try
        {
            port.setUp(ifindex, context);
            return port;
        }
        catch (final RuntimeException ex)
        {
            port.close();
            throw ex;
        }
    }

    /**
     * @param interfaceName e.g. "eth0".
     * @return the open port with default settings (no fanout).
     */
    public static AfPacketPort open(final String interfaceName)
    {
        return open(interfaceName, new Context());
    }

    /**
     * @param interfaceName e.g. "eth0".
     * @return its interface index, read from /sys/class/net/IF/ifindex.
     * @throws IllegalArgumentException when there is no such interface.
     */
    static int ifindex(final String interfaceName)
    {
        final Path path = SYS_CLASS_NET.resolve(interfaceName).resolve("ifindex");
        if (interfaceName.isEmpty() || interfaceName.contains("/"))
        {
            throw new IllegalArgumentException("af_packet port: '" + interfaceName + "' is not an interface name");
        }
        try
        {
            return Integer.parseInt(Files.readString(path, StandardCharsets.US_ASCII).trim());
        }
        catch (final IOException | NumberFormatException ex)
        {
            throw new IllegalArgumentException("af_packet port: no interface '" + interfaceName +
                "' in this network namespace (" + path + ": " + ex.getMessage() + ")", ex);
        }
    }

    private static void validate(final String interfaceName, final Context context)
    {
        final String where = "af_packet port " + interfaceName + ": ";
        if (context.blockSizeBytes() <= 0 || context.blockCount() <= 0 || context.frameSizeBytes() <= 0 ||
            (long)context.blockSizeBytes() * context.blockCount() > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(where + "ring of " + context.blockCount() + " blocks of " +
                context.blockSizeBytes() + " B, frame " + context.frameSizeBytes() +
                " B: each must be positive and the ring under 2 GiB");
        }
        if (context.tpacketVersion() == 2 && context.blockSizeBytes() % context.frameSizeBytes() != 0)
        {
            throw new IllegalArgumentException(where + "TPACKET_V2 wants the block size (" +
                context.blockSizeBytes() + " B) a multiple of the frame size (" + context.frameSizeBytes() + " B)");
        }
        if (context.tpacketVersion() != 2 && context.tpacketVersion() != 3)
        {
            throw new IllegalArgumentException(where + "tpacketVersion " + context.tpacketVersion() + ": 2 or 3");
        }
        if (context.sendQueueFrames() <= 0 || context.maxFrameBytes() < 0 || context.sendRetries() < 0 ||
            context.fanoutGroup() > 0xffff || context.blockTimeoutMs() < 0)
        {
            throw new IllegalArgumentException(where + "sendQueueFrames " + context.sendQueueFrames() +
                " (> 0), maxFrameBytes " + context.maxFrameBytes() + " (>= 0), sendRetries " +
                context.sendRetries() + " (>= 0), fanoutGroup " + context.fanoutGroup() + " (-1 or 0-65535), " +
                "blockTimeoutMs " + context.blockTimeoutMs() + " (>= 0)");
        }
    }

    private void setUp(final int ifindex, final Context context)
    {
        fd = libc.socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw failure("socket(AF_PACKET, SOCK_RAW)", "", runtime.getLastError());
        }
        setInt(PACKET_VNET_HDR, 0, "PACKET_VNET_HDR");
        setInt(PACKET_VERSION, version2 ? TPACKET_V2 : TPACKET_V3, "PACKET_VERSION");
        scratch.setMemory(0, SCRATCH_BYTES, (byte)0);
        scratch.putInt(0, blockSizeBytes);
        scratch.putInt(4, blockCount);
        scratch.putInt(8, frameSizeBytes);
        scratch.putInt(12, frameCount);
        scratch.putInt(16, context.blockTimeoutMs());
        setOption(PACKET_RX_RING, version2 ? TPACKET_REQ_LENGTH : TPACKET_REQ3_LENGTH, "PACKET_RX_RING",
            "TPACKET_V" + context.tpacketVersion() + ", block " + blockSizeBytes + " B x " + blockCount + ", frame " +
            frameSizeBytes + " B, timeout " + context.blockTimeoutMs() + " ms");
        ringLengthBytes = (long)blockSizeBytes * blockCount;
        final Pointer mapping = libc.mmap(null, ringLengthBytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (mapping == null || mapping.address() == -1L || mapping.address() == 0L)
        {
            throw failure("mmap", ringLengthBytes + " B", runtime.getLastError());
        }
        ringMapping = mapping;
        ring.wrap(mapping.address(), (int)ringLengthBytes);
        scratch.setMemory(0, SCRATCH_BYTES, (byte)0);
        scratch.putShort(0, (short)AF_PACKET);
        scratch.putShort(2, ETH_P_ALL_NETWORK_ORDER);
        scratch.putInt(4, ifindex);
        if (libc.bind(fd, scratch.addressOffset(), SOCKADDR_LL_LENGTH) != 0)
        {
            throw failure("bind", "ifindex " + ifindex, runtime.getLastError());
        }
        if (context.qdiscBypass())
        {
            setInt(PACKET_QDISC_BYPASS, 1, "PACKET_QDISC_BYPASS");
        }
        if (context.promiscuous())
        {
            scratch.setMemory(0, SCRATCH_BYTES, (byte)0);
            scratch.putInt(0, ifindex);
            scratch.putShort(4, (short)PACKET_MR_PROMISC);
            setOption(PACKET_ADD_MEMBERSHIP, PACKET_MREQ_LENGTH, "PACKET_ADD_MEMBERSHIP", "PACKET_MR_PROMISC");
        }
        if (context.fanoutGroup() >= 0 && context.fanoutSteered())
        {
            setInt(PACKET_FANOUT, (context.fanoutGroup() & 0xffff) | (PACKET_FANOUT_CBPF << 16),
                "PACKET_FANOUT cbpf, group " + context.fanoutGroup());
            steer(VipSet.EMPTY);
        }
        else if (context.fanoutGroup() >= 0)
        {
            setInt(PACKET_FANOUT, (context.fanoutGroup() & 0xffff) |
                ((PACKET_FANOUT_HASH | PACKET_FANOUT_FLAG_DEFRAG) << 16),
                "PACKET_FANOUT hash, group " + context.fanoutGroup());
        }
    }

    /**
     * Load the group's steering program for these VIPs (PACKET_FANOUT_DATA; the kernel swaps it under RCU, for
     * every socket of the group). Only for a port opened with {@link Context#fanoutSteered(int)}; allocates.
     *
     * @param vips the VIPs now served.
     * @throws IllegalStateException naming the interface and the error when the kernel refuses the program.
     */
    @Override
    public void steer(final VipSet vips)
    {
        if (!fanoutSteered || closed)
        {
            return;
        }
        final long[] program = FanoutProgram.build(vips.addresses(), fanoutSeed);
        final UnsafeBuffer filter = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            program.length * FanoutProgram.INSTRUCTION_LENGTH, 64));
        FanoutProgram.write(program, filter);
        scratch.setMemory(0, SCRATCH_BYTES, (byte)0);
        scratch.putShort(0, (short)program.length);
        scratch.putLong(8, filter.addressOffset());
        if (libc.setsockopt(fd, SOL_PACKET, PACKET_FANOUT_DATA, scratch.addressOffset(), SOCK_FPROG_LENGTH) != 0)
        {
            throw new IllegalStateException(failure("setsockopt PACKET_FANOUT_DATA", program.length +
                " BPF instructions for " + vips.addresses().length + " VIP(s)", runtime.getLastError()).getMessage());
        }
        steeredPrograms++;
    }

    /**
     * @return steering programs loaded since open (the first, with no VIPs, at open).
     */
    public long steeredPrograms()
    {
        return steeredPrograms;
    }

    private void setInt(final int option, final int value, final String what)
    {
        scratch.putInt(0, value);
        setOption(option, 4, what, Integer.toString(value));
    }

    private void setOption(final int option, final int length, final String what, final String value)
    {
        if (libc.setsockopt(fd, SOL_PACKET, option, scratch.addressOffset(), length) != 0)
        {
            throw failure("setsockopt " + what, value, runtime.getLastError());
        }
    }

    private IllegalArgumentException failure(final String call, final String value, final int errno)
    {
        return new IllegalArgumentException("af_packet port " + interfaceName + ": " + call +
            (value.isEmpty() ? "" : " (" + value + ")") + " failed: " + libc.strerror(errno) + " (errno " +
            errno + ")" + (errno == 1 ? "; needs CAP_NET_RAW (root)" : ""));
    }

    @Override
    public String name()
    {
        return interfaceName;
    }

    @Override
    public int receive(final FrameHandler handler, final int limit)
    {
        return version2 ? receiveFrames(handler, limit) : receiveBlocks(handler, limit);
    }

    private int receiveFrames(final FrameHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit && !closed)
        {
            final int header = slot * frameSizeBytes;
            if ((ring.getIntVolatile(header + TP2_STATUS_OFFSET) & TP_STATUS_USER) == 0)
            {
                break;
            }
            final int snaplen = ring.getInt(header + TP2_SNAPLEN_OFFSET);
            if (ring.getByte(header + TP2_SLL_PKTTYPE_OFFSET) == PACKET_OUTGOING)
            {
                outgoingSkipped++;
            }
            else if (snaplen != ring.getInt(header + TP2_LEN_OFFSET))
            {
                truncatedSkipped++;
            }
            else
            {
                count++;
                handler.onFrame(ring, header + (ring.getShort(header + TP2_MAC_OFFSET) & 0xffff), snaplen);
            }
            if (!closed)
            {
                ring.putIntOrdered(header + TP2_STATUS_OFFSET, TP_STATUS_KERNEL);
            }
            slot = slot + 1 == frameCount ? 0 : slot + 1;
        }
        receivedFrames += count;
        return count;
    }

    private int receiveBlocks(final FrameHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit && !closed)
        {
            if (framesLeftInBlock == 0)
            {
                if (inBlock)
                {
                    releaseBlock();
                }
                final int blockOffset = block * blockSizeBytes;
                if ((ring.getIntVolatile(blockOffset + BLOCK_STATUS_OFFSET) & TP_STATUS_USER) == 0)
                {
                    break;
                }
                inBlock = true;
                framesLeftInBlock = ring.getInt(blockOffset + BLOCK_NUM_PKTS_OFFSET);
                nextFrameOffset = blockOffset + ring.getInt(blockOffset + BLOCK_OFFSET_TO_FIRST_PKT_OFFSET);
                continue;
            }
            final int header = nextFrameOffset;
            nextFrameOffset = header + ring.getInt(header + TP_NEXT_OFFSET_OFFSET);
            framesLeftInBlock--;
            final int snaplen = ring.getInt(header + TP_SNAPLEN_OFFSET);
            if (ring.getByte(header + TP_SLL_PKTTYPE_OFFSET) == PACKET_OUTGOING)
            {
                outgoingSkipped++;
            }
            else if (snaplen != ring.getInt(header + TP_LEN_OFFSET))
            {
                truncatedSkipped++;
            }
            else
            {
                count++;
                handler.onFrame(ring, header + (ring.getShort(header + TP_MAC_OFFSET) & 0xffff), snaplen);
            }
        }
        if (inBlock && framesLeftInBlock == 0 && !closed)
        {
            releaseBlock();
        }
        receivedFrames += count;
        return count;
    }

    private void releaseBlock()
    {
        ring.putIntOrdered(block * blockSizeBytes + BLOCK_STATUS_OFFSET, TP_STATUS_KERNEL);
        inBlock = false;
        block = block + 1 == blockCount ? 0 : block + 1;
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed || sendCount == sendQueueFrames || length > slotBytes || length <= 0)
        {
            sendDrops++;
            return false;
        }
        sendArea.putBytes(slotsOffset + sendCount * slotBytes, buffer, offset, length);
        sendArea.putLong(iovecsOffset + sendCount * IOVEC_LENGTH + IOV_LEN_OFFSET, length);
        sendCount++;
        return true;
    }

    @Override
    public int flush()
    {
        int done = 0;
        int sent = 0;
        int retries = 0;
        while (done < sendCount && !closed)
        {
            final int batch = Math.min(sendCount - done, SENDMMSG_MAX);
            final int result = libc.sendmmsg(fd, messagesAddress + (long)done * MMSGHDR_LENGTH, batch, MSG_DONTWAIT);
            if (result > 0)
            {
                done += result;
                sent += result;
                retries = 0;
                continue;
            }
            lastSendErrno = runtime.getLastError();
            if ((lastSendErrno == EAGAIN || lastSendErrno == EINTR || lastSendErrno == ENOBUFS) &&
                retries < sendRetries)
            {
                retries++;
                Thread.onSpinWait();
                continue;
            }
            sendErrors++;
            done++;
            retries = 0;
        }
        if (done < sendCount)
        {
            sendDrops += sendCount - done;
        }
        sentFrames += sent;
        sendCount = 0;
        return sent;
    }

    /**
     * @return the socket, for {@code poll(2)} while idle ({@link PollIdleStrategy}).
     */
    public int fileDescriptor()
    {
        return fd;
    }

    @Override
    public long macAddress()
    {
        return macAddress;
    }

    @Override
    public int mtu()
    {
        return mtu;
    }

    /**
     * @return frames handed to handlers since open.
     */
    public long receivedFrames()
    {
        return receivedFrames;
    }

    /**
     * @return frames in the ring that this host sent (PACKET_OUTGOING), skipped.
     */
    public long outgoingSkipped()
    {
        return outgoingSkipped;
    }

    /**
     * @return frames longer than the ring could hold, skipped (a sign offloads are on).
     */
    public long truncatedSkipped()
    {
        return truncatedSkipped;
    }

    /**
     * @return frames the kernel accepted from {@link #flush}.
     */
    public long sentFrames()
    {
        return sentFrames;
    }

    /**
     * @return frames the kernel refused in {@link #flush} after the retries.
     */
    public long sendErrors()
    {
        return sendErrors;
    }

    /**
     * @return errno of the last refused sendmmsg call, 0 if none.
     */
    public int lastSendErrno()
    {
        return lastSendErrno;
    }

    /**
     * @return frames refused by {@link #send} (queue full, longer than a send slot, closed) or not sent.
     */
    public long sendDrops()
    {
        return sendDrops;
    }

    /**
     * Reads and clears the kernel's PACKET_STATISTICS; not for the packet path (a system call).
     *
     * @return frames the kernel dropped because the ring was full, summed since open.
     */
    public long kernelDrops()
    {
        if (!closed)
        {
            scratch.setMemory(0, SCRATCH_BYTES, (byte)0);
            scratch.putInt(32, TPACKET_STATS_V3_LENGTH);
            if (libc.getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, scratch.addressOffset(),
                scratch.addressOffset() + 32) == 0)
            {
                kernelDrops += scratch.getInt(4) & 0xffff_ffffL;
            }
        }
        return kernelDrops;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            sendCount = 0;
            if (ringMapping != null)
            {
                ring.wrap(0, 0);
                libc.munmap(ringMapping, ringLengthBytes);
                ringMapping = null;
            }
            if (fd >= 0)
            {
                libc.close(fd);
                fd = -1;
            }
        }
    }

    @Override
    public String toString()
    {
        return "AfPacketPort{" + interfaceName + ", fd " + fd + ", blocks " + blockCount + " x " + blockSizeBytes +
            " B}";
    }

    /**
     * Settings of an {@link AfPacketPort}; fluent. Defaults: 64 blocks of 128 KiB (8 MiB ring), 1 ms block
     * timeout, qdisc bypass on, no fanout, a 1024-frame send queue with slots sized from the MTU.
     */
    public static final class Context
    {
        private int blockSizeBytes = 128 << 10;
        private int blockCount = 64;
        private int frameSizeBytes = 2048;
        private int blockTimeoutMs = 1;
        private int tpacketVersion = 3;
        private int fanoutGroup = -1;
        private boolean qdiscBypass = true;
        private boolean promiscuous;
        private int sendQueueFrames = 1024;
        private int maxFrameBytes;
        private int sendRetries = 64;
        private boolean fanoutSteered;
        private int fanoutSeed;

        /**
         * @return true when the fanout group picks sockets by {@link FanoutProgram} (the owning worker) instead of
         * the kernel's flow hash.
         */
        public boolean fanoutSteered()
        {
            return fanoutSteered;
        }

        /**
         * @return the seed of the steering program ({@link org.jvs.core.conn.FlowShard#seed32()}).
         */
        public int fanoutSeed()
        {
            return fanoutSeed;
        }

        /**
         * Steer the fanout group by flow owner: sockets must join in worker order, and the workers must share a
         * {@link org.jvs.core.conn.FlowShard} with this seed; {@link AfPacketPort#steer} loads the VIPs.
         *
         * @param seed {@link org.jvs.core.conn.FlowShard#seed32()}.
         * @return this.
         */
        public Context fanoutSteered(final int seed)
        {
            this.fanoutSteered = true;
            this.fanoutSeed = seed;
            return this;
        }

        /**
         * @return bytes per ring block (a multiple of the page size and of the frame size).
         */
        public int blockSizeBytes()
        {
            return blockSizeBytes;
        }

        /**
         * @param blockSizeBytes bytes per ring block.
         * @return this.
         */
        public Context blockSizeBytes(final int blockSizeBytes)
        {
            this.blockSizeBytes = blockSizeBytes;
            return this;
        }

        /**
         * @return blocks in the ring.
         */
        public int blockCount()
        {
            return blockCount;
        }

        /**
         * @param blockCount blocks in the ring.
         * @return this.
         */
        public Context blockCount(final int blockCount)
        {
            this.blockCount = blockCount;
            return this;
        }

        /**
         * @return the nominal frame size TPACKET_V3 checks the ring against (frames are packed in blocks).
         */
        public int frameSizeBytes()
        {
            return frameSizeBytes;
        }

        /**
         * @param frameSizeBytes nominal frame size, a multiple of 16 that divides the block size.
         * @return this.
         */
        public Context frameSizeBytes(final int frameSizeBytes)
        {
            this.frameSizeBytes = frameSizeBytes;
            return this;
        }

        /**
         * @return how long the kernel holds a partly filled block before handing it over; a lone frame can
         * wait this long.
         */
        public int blockTimeoutMs()
        {
            return blockTimeoutMs;
        }

        /**
         * @param blockTimeoutMs block retire timeout, at least 1 (0 lets the kernel pick from the link speed).
         * @return this.
         */
        public Context blockTimeoutMs(final int blockTimeoutMs)
        {
            this.blockTimeoutMs = blockTimeoutMs;
            return this;
        }

        /**
         * @return the ring format: 3 (TPACKET_V3, blocks handed over when full or at the block timeout) or 2
         * (TPACKET_V2, fixed frame slots each handed over at once: no block-timeout delay at low load; frames
         * longer than a slot are truncated and skipped).
         */
        public int tpacketVersion()
        {
            return tpacketVersion;
        }

        /**
         * @param tpacketVersion 2 or 3.
         * @return this.
         */
        public Context tpacketVersion(final int tpacketVersion)
        {
            this.tpacketVersion = tpacketVersion;
            return this;
        }

        /**
         * @return PACKET_FANOUT group id (0–65535) shared by the ports of one interface, -1 for none.
         */
        public int fanoutGroup()
        {
            return fanoutGroup;
        }

        /**
         * @param fanoutGroup PACKET_FANOUT hash group id, -1 for none.
         * @return this.
         */
        public Context fanoutGroup(final int fanoutGroup)
        {
            this.fanoutGroup = fanoutGroup;
            return this;
        }

        /**
         * @return true to send straight to the driver (PACKET_QDISC_BYPASS).
         */
        public boolean qdiscBypass()
        {
            return qdiscBypass;
        }

        /**
         * @param qdiscBypass send straight to the driver.
         * @return this.
         */
        public Context qdiscBypass(final boolean qdiscBypass)
        {
            this.qdiscBypass = qdiscBypass;
            return this;
        }

        /**
         * @return true to put the interface in promiscuous mode while the port is open.
         */
        public boolean promiscuous()
        {
            return promiscuous;
        }

        /**
         * @param promiscuous receive frames for other MACs too (VRRP's virtual MAC on a real NIC).
         * @return this.
         */
        public Context promiscuous(final boolean promiscuous)
        {
            this.promiscuous = promiscuous;
            return this;
        }

        /**
         * @return frames {@link #send} queues before {@link #flush} must run.
         */
        public int sendQueueFrames()
        {
            return sendQueueFrames;
        }

        /**
         * @param sendQueueFrames frames queued before a flush (more than 1024 takes several sendmmsg calls).
         * @return this.
         */
        public Context sendQueueFrames(final int sendQueueFrames)
        {
            this.sendQueueFrames = sendQueueFrames;
            return this;
        }

        /**
         * @return the longest frame sent; 0 means the interface MTU + 18 (Ethernet and a VLAN tag).
         */
        public int maxFrameBytes()
        {
            return maxFrameBytes;
        }

        /**
         * @param maxFrameBytes the longest frame sent, 0 for MTU + 18.
         * @return this.
         */
        public Context maxFrameBytes(final int maxFrameBytes)
        {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        /**
         * @return how many times a flush retries a call refused with EAGAIN/ENOBUFS/EINTR before it drops.
         */
        public int sendRetries()
        {
            return sendRetries;
        }

        /**
         * @param sendRetries retries of a refused sendmmsg call before the frame is dropped.
         * @return this.
         */
        public Context sendRetries(final int sendRetries)
        {
            this.sendRetries = sendRetries;
            return this;
        }
    }
}
