package org.jvs.director.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * One datagram to the checked address over a connected, non-blocking {@link DatagramChannel} on the agent's
 * selector, then the replies until the subclass decides or connect_timeout passes. An ICMP port unreachable comes
 * back as an error on the connected socket: "port unreachable".
 */
abstract class DatagramProbe extends Probe
{
    /** Room for a reply: DNS over UDP without EDNS is at most 512 bytes; a longer datagram is cut (still a reply). */
    private static final int REPLY_ROOM = 4096;

    private final InetSocketAddress target;
    private final InetSocketAddress bindTo;
    private final long timeoutNs;
    private final ByteBuffer in = ByteBuffer.allocate(REPLY_ROOM);
    private DatagramChannel channel;
    private SelectionKey key;
    private long deadlineNs;

    /**
     * @param target    where to send.
     * @param bindTo    local address, null for any.
     * @param timeoutNs connect_timeout: how long to wait for the answer.
     */
    DatagramProbe(final InetSocketAddress target, final InetSocketAddress bindTo, final long timeoutNs)
    {
        this.target = target;
        this.bindTo = bindTo;
        this.timeoutNs = timeoutNs;
    }

    /**
     * @return the datagram to send (read from position to limit).
     */
    abstract ByteBuffer request();

    /**
     * A datagram came back: decide with {@link #succeed()} or {@link #fail}, or do neither to wait for another.
     *
     * @param reply the datagram, from position to limit.
     */
    abstract void onReply(ByteBuffer reply);

    /**
     * connect_timeout passed with no decision.
     */
    abstract void onTimeout();

    @Override
    final void start(final Selector selector, final long nowNs)
    {
        deadlineNs = nowNs + timeoutNs;
        try
        {
            channel = DatagramChannel.open(target.getAddress() instanceof java.net.Inet6Address ?
                java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
            channel.configureBlocking(false);
            if (bindTo != null)
            {
                channel.bind(bindTo);
            }
            channel.connect(target);
            key = channel.register(selector, SelectionKey.OP_READ, this);
            channel.write(request());
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(ConnectProbe.reason(ex));
        }
    }

    @Override
    final void onReady(final SelectionKey readyKey, final long nowNs)
    {
        try
        {
            while (!done())
            {
                in.clear();
                if (channel.read(in) <= 0)
                {
                    return;
                }
                in.flip();
                onReply(in);
            }
        }
        catch (final PortUnreachableException ex)
        {
            fail("port unreachable");
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(ConnectProbe.reason(ex));
        }
    }

    @Override
    final void poll(final long nowNs)
    {
        if (!done() && nowNs - deadlineNs >= 0)
        {
            onTimeout();
        }
    }

    @Override
    final void cancel()
    {
        if (key != null)
        {
            key.cancel();
        }
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // closing a socket we are done with
            }
        }
    }
}
