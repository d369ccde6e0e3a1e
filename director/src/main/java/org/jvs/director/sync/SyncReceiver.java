package org.jvs.director.sync;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.conn.FlowShard;
import org.jvs.core.worker.Worker;

/**
 * The backup sync daemon (IPVS's {@code sync_thread_backup}): joins 224.0.0.81 on the multicast interface, binds
 * port 8848 on the group address, and gives each datagram to a {@link SyncDispatcher}, which hands its entries to
 * the workers that own them; the backup keeps the entries without forwarding until it owns the VIPs.
 * Management side: polled by the sync agent, non-blocking.
 */
public final class SyncReceiver implements AutoCloseable
{
    private static final int RECEIVE_LIMIT = 16;

    private final SyncSettings settings;
    private final DatagramChannel channel;
    private final MembershipKey membership;
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(65536);
    private final UnsafeBuffer view = new UnsafeBuffer(datagram);
    private final SyncDispatcher dispatcher;
    private long receiveErrors;

    /**
     * @param settings interface, accepted sync id (0 for any), group and port.
     * @param workers  the director's workers.
     * @param shard    which worker owns a flow.
     * @throws IOException when the interface is unknown or the socket cannot be made.
     */
    public SyncReceiver(final SyncSettings settings, final List<Worker> workers, final FlowShard shard)
        throws IOException
    {
        this.settings = settings;
        this.dispatcher = new SyncDispatcher(settings.syncId(), workers, shard);
        final InetSocketAddress group = settings.groupAddress();
        final NetworkInterface nif = networkInterface(settings.interfaceName());
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try
        {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(group);
            membership = channel.join(group.getAddress(), nif);
            channel.configureBlocking(false);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * @param name an interface name.
     * @return the interface.
     * @throws IOException naming it when there is none such.
     */
    static NetworkInterface networkInterface(final String name) throws IOException
    {
        final NetworkInterface nif;
        try
        {
            nif = NetworkInterface.getByName(name);
        }
        catch (final SocketException ex)
        {
            throw new IOException("interface " + name + ": " + ex.getMessage(), ex);
        }
        if (null == nif)
        {
            throw new IOException("No such device: " + name);
        }
        return nif;
    }

    /**
     * Receive and hand on what has arrived (bounded).
     *
     * @return datagrams received.
     */
    public int poll()
    {
        int received = 0;
        try
        {
            while (received < RECEIVE_LIMIT)
            {
                datagram.clear();
                if (null == channel.receive(datagram))
                {
                    break;
                }
                received++;
                dispatcher.onMessage(view, 0, datagram.position());
            }
        }
        catch (final IOException ex)
        {
            receiveErrors++;
        }
        dispatcher.schedule();
        return received;
    }

    public SyncSettings settings()
    {
        return settings;
    }

    public SyncDispatcher dispatcher()
    {
        return dispatcher;
    }

    public long receiveErrors()
    {
        return receiveErrors;
    }

    @Override
    public void close() throws IOException
    {
        membership.drop();
        channel.close();
    }
}
