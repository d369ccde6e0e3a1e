package org.jvs.forwarders.port;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.port.FrameHandler;
import org.jvs.core.port.PacketPort;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;

/**
 * A packet port on a live interface through pcap4j (libpcap): portable, but a JNA call and a copy per frame
 * (measured 90–100k frames/s at a full core here), so not jvs's default port; the AF_PACKET ring is.
 * pcap4j stays inside this class: raw {@code byte[]} in and out, never its packet factories.
 * <ul>
 * <li>Receive polls {@code getNextRawPacket()} in non-blocking mode, so {@link #receive} never blocks and
 * an agent's {@code doWork()} returns at once when nothing is waiting (a blocking read was seen never to
 * return after traffic stopped); a read timeout is set as well.</li>
 * <li>The caller's BPF filter runs in the kernel, so only relevant frames are copied up; the direction is
 * set to IN where libpcap supports it, so frames this port sends are not captured back.</li>
 * <li>Send queues a copy; {@link #flush} sends each queued frame from one reused array with
 * {@code sendPacket(bytes, length)}.</li>
 * </ul>
 * pcap4j itself allocates the array each received frame arrives in; that is the price of this port.
 */
public final class Pcap4jPort implements PacketPort
{
    private final String interfaceName;
    private final PcapHandle handle;
    private final long macAddress;
    private final int mtu;
    private final boolean directionIn;
    private final FrameQueue sendQueue;
    private final byte[] sendBytes;
    private final UnsafeBuffer receiveBuffer = new UnsafeBuffer(0, 0);
    private long receiveErrors;
    private long sendErrors;
    private long sendDrops;
    private boolean closed;

    private Pcap4jPort(
        final String interfaceName, final PcapHandle handle, final boolean directionIn, final Context context)
    {
        this.interfaceName = interfaceName;
        this.handle = handle;
        this.directionIn = directionIn;
        this.macAddress = NetInterfaces.macAddress(interfaceName);
        this.mtu = NetInterfaces.mtu(interfaceName);
        this.sendQueue = new FrameQueue(context.sendQueueFrames(), context.maxFrameBytes());
        this.sendBytes = new byte[context.maxFrameBytes()];
    }

    /**
     * Opens a live capture and send handle on an interface of this process's network namespace.
     *
     * @param interfaceName e.g. "eth0".
     * @param bpfFilter     tcpdump-syntax filter compiled into the kernel, e.g. "ip or arp"; empty for all.
     * @param context       sizes and modes.
     * @return the open port.
     * @throws IllegalArgumentException when the interface does not exist or libpcap refuses the settings or
     *                                  the filter (message names which).
     */
    public static Pcap4jPort open(final String interfaceName, final String bpfFilter, final Context context)
    {
        NetInterfaces.mtu(interfaceName);
        final PcapHandle handle;
        try
        {
            handle = new PcapHandle.Builder(interfaceName)
                .snaplen(context.snaplenBytes())
                .bufferSize(context.bufferSizeBytes())
                .timeoutMillis(context.readTimeoutMs())
                .immediateMode(context.immediateMode())
                .promiscuousMode(context.promiscuous() ?
                    PcapNetworkInterface.PromiscuousMode.PROMISCUOUS :
                    PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                .build();
        }
        catch (final PcapNativeException | RuntimeException ex)
        {
            throw new IllegalArgumentException("pcap4j port " + interfaceName + ": cannot open: " + ex.getMessage(),
                ex);
        }
        try
        {
            if (!bpfFilter.isEmpty())
            {
                handle.setFilter(bpfFilter, BpfProgram.BpfCompileMode.OPTIMIZE);
            }
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            return new Pcap4jPort(interfaceName, handle, directionIn(handle), context);
        }
        catch (final PcapNativeException | NotOpenException | RuntimeException ex)
        {
            handle.close();
            throw new IllegalArgumentException("pcap4j port " + interfaceName + ": filter '" + bpfFilter +
                "' or settings refused: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param interfaceName e.g. "eth0".
     * @param bpfFilter     kernel filter, empty for all frames.
     * @return the open port with default sizes.
     */
    public static Pcap4jPort open(final String interfaceName, final String bpfFilter)
    {
        return open(interfaceName, bpfFilter, new Context());
    }

    private static boolean directionIn(final PcapHandle handle) throws NotOpenException
    {
        try
        {
            handle.setDirection(PcapHandle.PcapDirection.IN);
            return true;
        }
        catch (final PcapNativeException ex)
        {
            return false;
        }
    }

    @Override
    public String name()
    {
        return interfaceName;
    }

    @Override
    public int receive(final FrameHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit && !closed)
        {
            final byte[] frame;
            try
            {
                frame = handle.getNextRawPacket();
            }
            catch (final NotOpenException ex)
            {
                receiveErrors++;
                break;
            }
            if (frame == null)
            {
                break;
            }
            receiveBuffer.wrap(frame);
            count++;
            handler.onFrame(receiveBuffer, 0, frame.length);
        }
        return count;
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed || !sendQueue.offer(buffer, offset, length))
        {
            sendDrops++;
            return false;
        }
        return true;
    }

    @Override
    public int flush()
    {
        int sent = 0;
        while (!sendQueue.isEmpty())
        {
            final int length = sendQueue.headLength();
            sendQueue.buffer().getBytes(sendQueue.headOffset(), sendBytes, 0, length);
            sendQueue.pop();
            try
            {
                handle.sendPacket(sendBytes, length);
                sent++;
            }
            catch (final PcapNativeException | NotOpenException ex)
            {
                sendErrors++;
            }
        }
        return sent;
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
     * @return true when libpcap filters out frames this host sends (direction IN).
     */
    public boolean directionIn()
    {
        return directionIn;
    }

    /**
     * @return failed reads (the handle was closed).
     */
    public long receiveErrors()
    {
        return receiveErrors;
    }

    /**
     * @return frames libpcap failed to send.
     */
    public long sendErrors()
    {
        return sendErrors;
    }

    /**
     * @return frames refused by {@link #send}: queue full, longer than the largest frame, or port closed.
     */
    public long sendDrops()
    {
        return sendDrops;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            sendQueue.clear();
            handle.close();
        }
    }

    /**
     * Sizes and modes of a {@link Pcap4jPort}; fluent, defaults suit a director on a 1500-byte MTU.
     */
    public static final class Context
    {
        private int snaplenBytes = 65_535;
        private int bufferSizeBytes = 8 << 20;
        private int readTimeoutMs = 10;
        private boolean immediateMode = true;
        private boolean promiscuous;
        private int sendQueueFrames = 256;
        private int maxFrameBytes = 9018;

        /**
         * @return bytes captured of each frame (libpcap snaplen).
         */
        public int snaplenBytes()
        {
            return snaplenBytes;
        }

        /**
         * @param snaplenBytes bytes captured of each frame.
         * @return this.
         */
        public Context snaplenBytes(final int snaplenBytes)
        {
            this.snaplenBytes = snaplenBytes;
            return this;
        }

        /**
         * @return the kernel capture buffer size.
         */
        public int bufferSizeBytes()
        {
            return bufferSizeBytes;
        }

        /**
         * @param bufferSizeBytes kernel capture buffer size.
         * @return this.
         */
        public Context bufferSizeBytes(final int bufferSizeBytes)
        {
            this.bufferSizeBytes = bufferSizeBytes;
            return this;
        }

        /**
         * @return libpcap read timeout.
         */
        public int readTimeoutMs()
        {
            return readTimeoutMs;
        }

        /**
         * @param readTimeoutMs libpcap read timeout.
         * @return this.
         */
        public Context readTimeoutMs(final int readTimeoutMs)
        {
            this.readTimeoutMs = readTimeoutMs;
            return this;
        }

        /**
         * @return true to deliver each frame as it arrives rather than in buffered batches.
         */
        public boolean immediateMode()
        {
            return immediateMode;
        }

        /**
         * @param immediateMode deliver each frame as it arrives.
         * @return this.
         */
        public Context immediateMode(final boolean immediateMode)
        {
            this.immediateMode = immediateMode;
            return this;
        }

        /**
         * @return true to capture frames for other MACs too (VRRP's virtual MAC, for example).
         */
        public boolean promiscuous()
        {
            return promiscuous;
        }

        /**
         * @param promiscuous capture frames for other MACs too.
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
         * @param sendQueueFrames frames queued before a flush.
         * @return this.
         */
        public Context sendQueueFrames(final int sendQueueFrames)
        {
            this.sendQueueFrames = sendQueueFrames;
            return this;
        }

        /**
         * @return the longest frame sent.
         */
        public int maxFrameBytes()
        {
            return maxFrameBytes;
        }

        /**
         * @param maxFrameBytes the longest frame sent.
         * @return this.
         */
        public Context maxFrameBytes(final int maxFrameBytes)
        {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }
    }
}
