package org.jvs.forwarders.method;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jvs.core.conn.Timeouts;
import org.jvs.core.route.RouteTable;
import org.jvs.core.sched.SchedulerRegistry;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.ServiceTableRef;
import org.jvs.core.worker.Ports;
import org.jvs.core.worker.Worker;
import org.jvs.core.worker.WorkerSettings;

/**
 * A real worker with real handlers and schedulers, fed frames through its receive ring; what it transmits is
 * collected per port. Time is set by the test.
 */
final class WorkerHarness
{
    static final long DIRECTOR_MAC = 0x02000000_0002L;
    static final long DIRECTOR_MAC_RS_SIDE = 0x02000000_0102L;

    final ServiceTableRef tables = new ServiceTableRef();
    final Worker worker;
    private final RingBuffer input = ring();
    private final RingBuffer[] transmit;
    private long nowNs = 1_000_000_000L;
    private long version;

    WorkerHarness(final List<RouteTable.Route> routes, final int[] mtus, final long... staticNeighbours)
    {
        transmit = new RingBuffer[mtus.length];
        final String[] names = new String[mtus.length];
        final long[] macs = new long[mtus.length];
        for (int i = 0; i < mtus.length; i++)
        {
            transmit[i] = ring();
            names[i] = "eth" + i;
            macs[i] = i == 0 ? DIRECTOR_MAC : DIRECTOR_MAC_RS_SIDE;
        }
        final Ports ports = new Ports(names, macs, mtus, transmit);
        final WorkerSettings settings = new WorkerSettings(tables, new SchedulerRegistry(), ports,
            new RouteTable(routes), Forwarders::forOneWorker, routes.stream().mapToInt(RouteTable.Route::source)
            .distinct().toArray(), 1024, staticNeighbours, new Timeouts());
        worker = new Worker(0, settings, input, () -> nowNs);
    }

    private static RingBuffer ring()
    {
        return new ManyToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect((1 << 20) + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    void publish(final ServiceTable table)
    {
        tables.publish(new ServiceTable(++version, table.services()));
        worker.doWork();
    }

    void advanceMs(final long ms)
    {
        nowNs += ms * 1_000_000L;
    }

    /**
     * Feed one frame on a port and run the worker.
     */
    void receive(final int port, final UnsafeBuffer frame, final int length)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[Worker.RX_HEADER + length]);
        message.putLong(0, nowNs);
        message.putBytes(Worker.RX_HEADER, frame, 0, length);
        if (!input.write(port + 1, message, 0, message.capacity()))
        {
            throw new IllegalStateException("receive ring full");
        }
        worker.doWork();
    }

    /**
     * @return the frames the worker put on a port's transmit ring since the last call.
     */
    List<byte[]> sent(final int port)
    {
        final List<byte[]> frames = new ArrayList<>();
        transmit[port].read((type, buffer, index, length) ->
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(index, bytes);
            frames.add(bytes);
        });
        return frames;
    }
}
