package org.jvs.forwarders.port;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.port.FrameHandler;
import org.jvs.core.port.PacketPort;

/**
 * A packet port in memory, for unit tests: {@link #inject} frames that {@link #receive} hands over in place,
 * and {@link #takeSent} the frames a worker sent and flushed. All queues are preallocated; nothing is
 * allocated per frame except by {@link #takeSent()}, the test convenience that returns a new array.
 * One thread uses a port (the test thread, or the agent when the test injects before running it).
 */
public final class MemoryPort implements PacketPort
{
    /** Frames each queue holds by default. */
    public static final int DEFAULT_CAPACITY = 1024;
    /** Largest frame by default: a 9000-byte jumbo IP packet with Ethernet and 802.1Q headers. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 9018;

    private final String name;
    private final long macAddress;
    private final int mtu;
    private final FrameQueue received;
    private final FrameQueue queuedForSend;
    private final FrameQueue sent;
    private long sendDrops;
    private boolean closed;

    /**
     * @param name       port name, e.g. "eth0".
     * @param macAddress this port's MAC as 48 bits.
     */
    public MemoryPort(final String name, final long macAddress)
    {
        this(name, macAddress, 1500, DEFAULT_CAPACITY, DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * @param name          port name.
     * @param macAddress    this port's MAC as 48 bits.
     * @param mtu           what {@link #mtu()} reports.
     * @param capacity      frames each queue (receive, send, sent) holds.
     * @param maxFrameBytes largest frame.
     */
    public MemoryPort(
        final String name, final long macAddress, final int mtu, final int capacity, final int maxFrameBytes)
    {
        this.name = name;
        this.macAddress = macAddress;
        this.mtu = mtu;
        this.received = new FrameQueue(capacity, maxFrameBytes);
        this.queuedForSend = new FrameQueue(capacity, maxFrameBytes);
        this.sent = new FrameQueue(capacity, maxFrameBytes);
    }

    @Override
    public String name()
    {
        return name;
    }

    /**
     * Puts a frame where {@link #receive} will find it.
     *
     * @param buffer holds the frame.
     * @param offset where it starts.
     * @param length its length.
     * @return false when the receive queue is full or the frame is too long.
     */
    public boolean inject(final DirectBuffer buffer, final int offset, final int length)
    {
        return received.offer(buffer, offset, length);
    }

    /**
     * @param frame a whole frame.
     * @return false when the receive queue is full or the frame is too long.
     */
    public boolean inject(final byte[] frame)
    {
        return received.offer(new UnsafeBuffer(frame), 0, frame.length);
    }

    /**
     * @return frames injected and not received yet.
     */
    public int receivePending()
    {
        return received.size();
    }

    @Override
    public int receive(final FrameHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit && !received.isEmpty())
        {
            handler.onFrame(received.buffer(), received.headOffset(), received.headLength());
            received.pop();
            count++;
        }
        return count;
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed || !queuedForSend.offer(buffer, offset, length))
        {
            sendDrops++;
            return false;
        }
        return true;
    }

    @Override
    public int flush()
    {
        int count = 0;
        while (!queuedForSend.isEmpty())
        {
            if (!sent.offer(queuedForSend.buffer(), queuedForSend.headOffset(), queuedForSend.headLength()))
            {
                break;
            }
            queuedForSend.pop();
            count++;
        }
        return count;
    }

    /**
     * @return frames sent but not flushed yet.
     */
    public int sendPending()
    {
        return queuedForSend.size();
    }

    /**
     * @return frames flushed and not taken yet.
     */
    public int sentCount()
    {
        return sent.size();
    }

    /**
     * @return frames refused by {@link #send} (queue full, too long, or closed).
     */
    public long sendDrops()
    {
        return sendDrops;
    }

    /**
     * Copies the oldest flushed frame out and forgets it.
     *
     * @param destination where to copy it.
     * @param offset      where in destination.
     * @return its length, or -1 when none was sent.
     */
    public int takeSent(final MutableDirectBuffer destination, final int offset)
    {
        if (sent.isEmpty())
        {
            return -1;
        }
        final int length = sent.headLength();
        destination.putBytes(offset, sent.buffer(), sent.headOffset(), length);
        sent.pop();
        return length;
    }

    /**
     * @return the oldest flushed frame as a new array, or null when none was sent.
     */
    public byte[] takeSent()
    {
        if (sent.isEmpty())
        {
            return null;
        }
        final byte[] frame = new byte[sent.headLength()];
        sent.buffer().getBytes(sent.headOffset(), frame);
        sent.pop();
        return frame;
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

    @Override
    public void close()
    {
        closed = true;
        received.clear();
        queuedForSend.clear();
    }
}
