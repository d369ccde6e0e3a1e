package org.jvs.director.sync;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.jvs.core.worker.ConnectionSync;

/**
 * The master sync daemon's sending half (IPVS's {@code sync_thread_master}): drains each worker's sync ring of
 * {@link org.jvs.core.worker.SyncRecord}s, packs them with a {@link SyncEncoder} into IPVS sync messages, version 1,
 * of at most the interface's MTU less the IPv4 and UDP headers (or {@code maxlen}, if smaller), and sends each as
 * one UDP datagram to 224.0.0.81:8848 (or the group and port set) with TTL 1 (or the one set) from the multicast
 * interface's address, as IPVS's {@code make_send_sock} does. A full
 * message leaves at once; a partial one at most {@code flushNs} after its first entry (IPVS holds one up to
 * 2 s, {@code IPVS_SYNC_FLUSH_TIME}). Management side: runs in the sync agent, never on the packet path.
 */
public final class SyncSender implements AutoCloseable
{
    /** How long a partial message may wait for more entries. */
    public static final long DEFAULT_FLUSH_NS = 100_000_000L;
    private static final int READ_LIMIT = 256;
    private static final int IP_UDP_HEADERS = 20 + 8;

    private final List<ConnectionSync> sources;
    private final SyncSettings settings;
    private final long flushNs;
    private final DatagramChannel channel;
    private final InetSocketAddress group;
    private final SyncEncoder encoder;
    private final SyncEntry entry = new SyncEntry();
    private final ByteBuffer datagram;
    private final MessageHandler onRecord = this::onRecord;
    private long firstPendingNs = -1;
    private long nowNs;
    private long sendErrors;

    /**
     * @param sources  the workers' sync sides.
     * @param settings interface, sync id, group, port, TTL, largest message.
     * @param flushNs  longest wait of a partial message.
     * @throws IOException when the interface has no IPv4 address or the socket cannot be made.
     */
    public SyncSender(final List<ConnectionSync> sources, final SyncSettings settings, final long flushNs)
        throws IOException
    {
        this.sources = sources;
        this.settings = settings;
        this.flushNs = flushNs;
        this.group = settings.groupAddress();
        final NetworkInterface nif = SyncReceiver.networkInterface(settings.interfaceName());
        final InetAddress source = ipv4Address(nif);
        final int mtuLength = nif.getMTU() - IP_UDP_HEADERS;
        final int maxLength = settings.maxLength() != 0 ? Math.min(settings.maxLength(), mtuLength) :
            Math.min(SyncProtocol.DEFAULT_MAX_MESSAGE_LENGTH, mtuLength);
        this.encoder = new SyncEncoder(settings.syncId(), maxLength, this::send);
        this.datagram = ByteBuffer.allocateDirect(maxLength);
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try
        {
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, settings.ttlOrDefault());
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, false);
            channel.bind(new InetSocketAddress(source, 0));
            channel.configureBlocking(false);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    private static InetAddress ipv4Address(final NetworkInterface nif) throws IOException
    {
        return nif.inetAddresses().filter(a -> a.getAddress().length == 4).findFirst()
            .orElseThrow(() -> new IOException("interface " + nif.getName() + " has no IPv4 address"));
    }

    /**
     * Drain the workers' rings, send full messages, and a partial one once it has waited long enough.
     *
     * @param nowNs time now.
     * @return records read plus messages sent.
     */
    public int poll(final long nowNs)
    {
        this.nowNs = nowNs;
        final long sentBefore = encoder.messagesSent();
        int work = 0;
        for (int i = 0; i < sources.size(); i++)
        {
            work += sources.get(i).ring().read(onRecord, READ_LIMIT);
        }
        if (firstPendingNs >= 0 && nowNs - firstPendingNs >= flushNs)
        {
            encoder.flush();
        }
        return work + (int)(encoder.messagesSent() - sentBefore);
    }

    /**
     * Send what is pending now (stopping).
     */
    public void flush()
    {
        encoder.flush();
    }

    private void onRecord(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        encoder.append(entry.fromRecord(buffer, index));
        if (firstPendingNs < 0)
        {
            // after the append: one that sent the full message before it starts the next one's wait
            firstPendingNs = nowNs;
        }
    }

    private void send(final DirectBuffer buffer, final int offset, final int length)
    {
        firstPendingNs = -1;
        datagram.clear();
        buffer.getBytes(offset, datagram, length);
        datagram.flip();
        try
        {
            if (channel.send(datagram, group) == 0)
            {
                sendErrors++;
            }
        }
        catch (final IOException ex)
        {
            sendErrors++;
        }
    }

    public SyncSettings settings()
    {
        return settings;
    }

    public long messagesSent()
    {
        return encoder.messagesSent();
    }

    public long entriesSent()
    {
        return encoder.entriesSent();
    }

    public long sendErrors()
    {
        return sendErrors;
    }

    /**
     * @return records the workers could not write because their ring was full.
     */
    public long ringFull()
    {
        long sum = 0;
        for (final ConnectionSync source : sources)
        {
            sum += source.ringFull();
        }
        return sum;
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
