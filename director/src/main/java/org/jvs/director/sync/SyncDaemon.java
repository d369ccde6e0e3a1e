package org.jvs.director.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.jvs.core.conn.FlowShard;
import org.jvs.core.worker.ConnectionSync;
import org.jvs.core.worker.Worker;
import org.jvs.director.control.SyncControl;

/**
 * The director's connection-sync daemons, a sleeping management agent ("sync"): at most one master
 * ({@link SyncSender}) and one backup ({@link SyncReceiver}), each with its multicast interface and sync id, as
 * IPVS runs them; started and stopped by {@code jvsadm --start-daemon/--stop-daemon} or, for keepalived's
 * {@code lvs_sync_daemon}, by {@link #follow} as the VRRP instance changes state (keepalived's
 * {@code ipvs_syncd_master}/{@code ipvs_syncd_backup}: stop the other one, start this one). Starting the master
 * turns on every worker's {@link ConnectionSync}; stopping it turns them off and sends what is pending.
 */
public final class SyncDaemon implements Agent, SyncControl
{
    private static final MessageHandler DISCARD = (type, buffer, index, length) -> { };

    private final List<Worker> workers;
    private final FlowShard shard;
    private final Consumer<String> log;
    private SyncSender sender;
    private SyncReceiver receiver;

    /**
     * @param workers the director's workers.
     * @param shard   which worker owns a flow (the port agents' own).
     * @param log     where starts and stops are logged.
     */
    public SyncDaemon(final List<Worker> workers, final FlowShard shard, final Consumer<String> log)
    {
        this.workers = workers;
        this.shard = shard;
        this.log = log;
    }

    @Override
    public String roleName()
    {
        return "sync";
    }

    @Override
    public synchronized int doWork()
    {
        int work = 0;
        if (null != sender)
        {
            work += sender.poll(System.nanoTime());
        }
        if (null != receiver)
        {
            work += receiver.poll();
        }
        return work;
    }

    @Override
    public void start(
        final boolean master, final String mcastInterface, final int syncId, final int maxLength, final int group,
        final int port, final int ttl)
    {
        start(master, new SyncSettings(mcastInterface, syncId, maxLength, group, port, ttl));
    }

    /**
     * @param master   true for the master daemon, false for the backup one.
     * @param settings interface, sync id and the optional group, port, TTL, largest message.
     */
    public synchronized void start(final boolean master, final SyncSettings settings)
    {
        final int syncId = settings.syncId();
        if (master ? null != sender : null != receiver)
        {
            throw new IllegalStateException("Daemon has already run");
        }
        if (syncId < 0 || syncId > 255)
        {
            throw new IllegalArgumentException("sync id must be 0..255: " + syncId);
        }
        try
        {
            if (master)
            {
                for (final Worker worker : workers)
                {
                    worker.connectionSync().ring().read(DISCARD, Integer.MAX_VALUE);
                }
                sender = new SyncSender(sources(), settings, SyncSender.DEFAULT_FLUSH_NS);
                workers.forEach(w -> w.connectionSync().master(true));
            }
            else
            {
                receiver = new SyncReceiver(settings, workers, shard);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
        log.accept("connection sync: " + settings.line(name(master)) + " started");
    }

    private List<ConnectionSync> sources()
    {
        final List<ConnectionSync> sources = new ArrayList<>();
        workers.forEach(w -> sources.add(w.connectionSync()));
        return sources;
    }

    @Override
    public synchronized void stop(final boolean master)
    {
        if (master ? null == sender : null == receiver)
        {
            throw new IllegalStateException("No daemon is running");
        }
        if (master)
        {
            workers.forEach(w -> w.connectionSync().master(false));
            sender.poll(System.nanoTime());
            sender.flush();
            closeQuietly(sender);
            sender = null;
        }
        else
        {
            closeQuietly(receiver);
            receiver = null;
        }
        log.accept("connection sync: " + name(master) + " sync daemon stopped");
    }

    /**
     * keepalived's {@code lvs_sync_daemon}: run the master daemon while the VRRP instance is MASTER, the backup
     * one otherwise, on the same interface and sync id (the other one is stopped first).
     *
     * @param master   true when the instance became MASTER.
     * @param settings the sync interface, sync id and options.
     */
    public synchronized void follow(final boolean master, final SyncSettings settings)
    {
        if (master ? null != receiver : null != sender)
        {
            stop(!master);
        }
        if (master ? null == sender : null == receiver)
        {
            start(master, settings);
        }
    }

    @Override
    public synchronized List<String> list(final boolean counters)
    {
        final List<String> lines = new ArrayList<>();
        if (null != sender)
        {
            lines.add(sender.settings().line("master"));
            if (counters)
            {
                lines.add("  sent: " + sender.messagesSent() + " messages, " + sender.entriesSent() + " entries, " +
                    sender.sendErrors() + " send errors, " + sender.ringFull() + " dropped (ring full)");
            }
        }
        if (null != receiver)
        {
            lines.add(receiver.settings().line("backup"));
            if (counters)
            {
                final SyncDispatcher dispatcher = receiver.dispatcher();
                final SyncDecoder d = dispatcher.decoder();
                final long[] a = dispatcher.applied();
                lines.add("  received: " + d.messages() + " messages, " + d.entries() + " entries, " +
                    d.malformed() + " malformed, " + d.wrongSyncId() + " wrong syncid, " + d.unsupportedVersion() +
                    " bad version, " + d.skippedEntries() + " bad entries, " + receiver.receiveErrors() +
                    " receive errors");
                lines.add("  applied: " + a[0] + " new, " + a[1] + " refreshed, " + a[2] + " no service, " + a[3] +
                    " no real server, " + a[4] + " table full, " + dispatcher.ringFull() +
                    " dropped (ring full)");
            }
        }
        return lines;
    }

    private static String name(final boolean master)
    {
        return master ? "master" : "backup";
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ignored)
        {
            // closing a datagram socket: nothing to do about a failure
        }
    }

    @Override
    public synchronized void onClose()
    {
        if (null != sender)
        {
            stop(true);
        }
        if (null != receiver)
        {
            stop(false);
        }
    }
}
