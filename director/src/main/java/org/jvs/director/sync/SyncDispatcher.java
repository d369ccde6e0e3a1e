package org.jvs.director.sync;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.conn.FlowShard;
import org.jvs.core.worker.SyncRecord;
import org.jvs.core.worker.Worker;
import org.jvs.core.worker.WorkerCommand;

/**
 * The backup's hand-over of received sync messages to the workers: decodes each message with a
 * {@link SyncDecoder} (sync id filter: 0 takes any) and gives every entry to the worker that owns its flow
 * ({@link FlowShard} on protocol, CIP, cport; a template to every worker, as each keeps its own): it writes a
 * {@link SyncRecord} into that worker's inbound ring (one producer, this; one consumer, the worker) and submits the
 * worker's apply command, which runs a {@link SyncApplier} on the worker's own thread. So only workers touch their
 * tables. Management side: called by the {@link SyncReceiver}.
 */
public final class SyncDispatcher
{
    private static final int RING_BYTES = 1 << 18;
    private static final int APPLY_LIMIT = 1024;

    private final SyncDecoder decoder;
    private final FlowShard shard;
    private final Apply[] applies;
    private final SyncEntryHandler route = this::route;
    private long ringFull;

    /**
     * @param syncId  accepted sync id, 0 for any.
     * @param workers the director's workers.
     * @param shard   which worker owns a flow.
     */
    public SyncDispatcher(final int syncId, final List<Worker> workers, final FlowShard shard)
    {
        this.decoder = new SyncDecoder(syncId);
        this.shard = shard;
        this.applies = new Apply[workers.size()];
        for (int w = 0; w < applies.length; w++)
        {
            applies[w] = new Apply(workers.get(w), syncId);
        }
    }

    /**
     * @param buffer holding one sync message (a UDP payload).
     * @param offset where it starts.
     * @param length its length.
     * @return entries handed on, or -1 when the message was refused (counted by the decoder).
     */
    public int onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        return decoder.decode(buffer, offset, length, route);
    }

    /**
     * Submit the apply command of every worker with entries waiting (again, when a worker's queue was full).
     */
    public void schedule()
    {
        for (final Apply apply : applies)
        {
            apply.schedule();
        }
    }

    private void route(final int messageSyncId, final SyncEntry entry)
    {
        if ((entry.flags() & ConnectionTable.F_TEMPLATE) != 0)
        {
            for (final Apply apply : applies)
            {
                offer(apply, entry);
            }
            return;
        }
        final int owner = shard.owner(entry.protocol(), entry.family(), entry.clientHi(), entry.clientLo(),
            entry.clientPort());
        offer(applies[owner], entry);
    }

    private void offer(final Apply apply, final SyncEntry entry)
    {
        final int index = apply.ring.tryClaim(SyncRecord.MSG_TYPE, SyncRecord.LENGTH);
        if (index <= 0)
        {
            ringFull++;
            return;
        }
        entry.toRecord(apply.ring.buffer(), index);
        apply.ring.commit(index);
    }

    public SyncDecoder decoder()
    {
        return decoder;
    }

    /**
     * @return entries dropped because a worker's inbound ring was full.
     */
    public long ringFull()
    {
        return ringFull;
    }

    /**
     * @return entries made, refreshed, and dropped for want of a service, a server or table room (summed over
     * workers, read racily): {created, refreshed, noService, noServer, tableFull}.
     */
    public long[] applied()
    {
        final long[] sums = new long[5];
        for (final Apply apply : applies)
        {
            sums[0] += apply.applier.created();
            sums[1] += apply.applier.refreshed();
            sums[2] += apply.applier.noService();
            sums[3] += apply.applier.noServer();
            sums[4] += apply.applier.tableFull();
        }
        return sums;
    }

    /**
     * One worker's inbound entries and the command that applies them on its thread.
     */
    private static final class Apply implements WorkerCommand, MessageHandler
    {
        private final Worker worker;
        private final int syncId;
        private final RingBuffer ring = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
        private final AtomicBoolean queued = new AtomicBoolean();
        private final SyncApplier applier;
        private final SyncEntry entry = new SyncEntry();

        Apply(final Worker worker, final int syncId)
        {
            this.worker = worker;
            this.syncId = syncId;
            this.applier = new SyncApplier(worker.connectionTable(), new WorkerSyncResolver(worker),
                worker.connectionSync());
        }

        void schedule()
        {
            if (ring.size() > 0 && queued.compareAndSet(false, true) && !worker.submit(this))
            {
                queued.set(false);
            }
        }

        @Override
        public void run(final ConnectionTable table, final long nowNs)
        {
            queued.set(false);
            applier.now(nowNs);
            ring.read(this, APPLY_LIMIT);
            if (ring.size() > 0)
            {
                schedule();
            }
        }

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            applier.onEntry(syncId, entry.fromRecord(buffer, index));
        }
    }
}
