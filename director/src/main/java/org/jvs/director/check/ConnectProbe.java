package org.jvs.director.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A non-blocking TCP connect to the checked address (connect_ip/connect_port, bindto/bind_port), bounded by
 * connect_timeout. TCP_CHECK is this alone; HTTP_GET goes on from {@link #onConnected}.
 */
class ConnectProbe extends Probe
{
    private final InetSocketAddress target;
    private final InetSocketAddress bindTo;
    private final long timeoutNs;
    private SocketChannel channel;
    private SelectionKey key;
    private long deadlineNs;
    private String phase = "connect";

    /**
     * @param target    where to connect.
     * @param bindTo    local address, null for any.
     * @param timeoutNs connect_timeout (also the limit of each later read or write).
     */
    ConnectProbe(final InetSocketAddress target, final InetSocketAddress bindTo, final long timeoutNs)
    {
        this.target = target;
        this.bindTo = bindTo;
        this.timeoutNs = timeoutNs;
    }

    @Override
    void start(final Selector selector, final long nowNs)
    {
        deadlineNs = nowNs + timeoutNs;
        try
        {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (bindTo != null)
            {
                channel.bind(bindTo);
            }
            key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            if (channel.connect(target))
            {
                connected(nowNs);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(reason(ex));
        }
    }

    @Override
    final void onReady(final SelectionKey readyKey, final long nowNs)
    {
        try
        {
            if (readyKey.isConnectable())
            {
                if (channel.finishConnect())
                {
                    connected(nowNs);
                }
                return;
            }
            onIo(readyKey, nowNs);
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(reason(ex));
        }
    }

    private void connected(final long nowNs) throws IOException
    {
        phase = "read";
        deadlineNs = nowNs + timeoutNs;
        key.interestOps(0);
        onConnected(nowNs);
    }

    /**
     * The connection is up: TCP_CHECK succeeds here.
     *
     * @param nowNs now.
     * @throws IOException when the next step fails.
     */
    void onConnected(final long nowNs) throws IOException
    {
        succeed();
    }

    /**
     * Readable or writable after the connect.
     *
     * @param readyKey the key.
     * @param nowNs    now.
     * @throws IOException on a read or write error.
     */
    void onIo(final SelectionKey readyKey, final long nowNs) throws IOException
    {
    }

    /**
     * Push the deadline on after progress, as keepalived re-arms its timer for each read and write.
     *
     * @param nowNs   now.
     * @param newPhase what is awaited now ("read", "write").
     */
    final void progress(final long nowNs, final String newPhase)
    {
        deadlineNs = nowNs + timeoutNs;
        phase = newPhase;
    }

    @Override
    final void poll(final long nowNs)
    {
        if (!done() && nowNs - deadlineNs >= 0)
        {
            fail(phase + " timeout");
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

    final SocketChannel channel()
    {
        return channel;
    }

    final SelectionKey key()
    {
        return key;
    }

    final InetSocketAddress target()
    {
        return target;
    }

    static String reason(final Exception ex)
    {
        if (ex instanceof ConnectException)
        {
            return "connection refused";
        }
        if (ex instanceof NoRouteToHostException)
        {
            return "no route to host";
        }
        final String message = ex.getMessage();
        if (ex instanceof javax.net.ssl.SSLException)
        {
            return "TLS error: " + message;
        }
        return (message == null ? ex.getClass().getSimpleName() : message).toLowerCase();
    }
}
