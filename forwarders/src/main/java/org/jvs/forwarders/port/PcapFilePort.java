package org.jvs.forwarders.port;

import java.io.IOException;
import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.jvs.core.port.FrameHandler;
import org.jvs.core.port.PacketPort;

/**
 * A packet port over capture files: receives the frames of an input pcap file, in order, and writes the
 * frames it is asked to send to an output pcap file (what would have gone on the wire), for replaying a
 * capture through the packet path, golden-packet tests and teaching.
 * <p>
 * Own reader and writer ({@link PcapFileReader}, {@link PcapFileWriter}) rather than pcap4j's offline
 * handle: frames are handed over in place from the mapped file and written from one staging buffer, so
 * nothing is allocated per frame, no native libpcap is needed, and timestamps are exact and reproducible.
 * <p>
 * Sent frames are staged at {@link #send} and written at {@link #flush}. Their timestamp is the capture
 * time of the input frame received last (so a replay's output lines up with its input and the same input
 * always gives the same file), or the given clock's time.
 */
public final class PcapFilePort implements PacketPort
{
    private final String name;
    private final PcapFileReader reader;
    private final PcapFileWriter writer;
    private final EpochNanoClock clock;
    private final long macAddress;
    private final int mtu;
    private int stagedFrames;
    private long sendDrops;
    private boolean closed;

    /**
     * @param input      capture to receive from, or null for a port that only sends.
     * @param output     file to write sent frames to (created or truncated), or null to refuse sends.
     * @param macAddress this port's MAC as 48 bits.
     * @param mtu        what {@link #mtu()} reports.
     * @param clock      timestamps for written frames, or null to use the last received frame's time.
     * @throws IOException when a file cannot be opened.
     */
    public PcapFilePort(
        final Path input, final Path output, final long macAddress, final int mtu, final EpochNanoClock clock)
        throws IOException
    {
        if (input == null && output == null)
        {
            throw new IllegalArgumentException("pcap file port: give an input file, an output file or both");
        }
        this.reader = input != null ? new PcapFileReader(input) : null;
        try
        {
            this.writer = output != null ? new PcapFileWriter(output) : null;
        }
        catch (final IOException | RuntimeException ex)
        {
            if (reader != null)
            {
                reader.close();
            }
            throw ex;
        }
        this.name = String.valueOf((input != null ? input : output).getFileName());
        this.macAddress = macAddress;
        this.mtu = mtu;
        this.clock = clock;
    }

    /**
     * @param input      capture to receive from, or null.
     * @param output     file to write sent frames to, or null.
     * @param macAddress this port's MAC as 48 bits.
     * @throws IOException when a file cannot be opened.
     */
    public PcapFilePort(final Path input, final Path output, final long macAddress) throws IOException
    {
        this(input, output, macAddress, 1500, null);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public int receive(final FrameHandler handler, final int limit)
    {
        return reader == null || closed ? 0 : reader.read(handler, limit);
    }

    /**
     * @return true when every input frame has been received (or there is no input).
     */
    public boolean inputDone()
    {
        return reader == null || reader.atEnd();
    }

    /**
     * @return frames in the input file (0 without one).
     */
    public int inputFrameCount()
    {
        return reader == null ? 0 : reader.frameCount();
    }

    /**
     * @return capture time of the input frame received last, 0 before the first.
     */
    public long lastReceivedTimestampNs()
    {
        return reader == null ? 0 : reader.timestampNs();
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (writer == null || closed)
        {
            sendDrops++;
            return false;
        }
        writer.write(buffer, offset, length, clock != null ? clock.nanoTime() : lastReceivedTimestampNs());
        stagedFrames++;
        return true;
    }

    @Override
    public int flush()
    {
        if (writer == null || stagedFrames == 0)
        {
            return 0;
        }
        writer.flush();
        final int flushed = stagedFrames;
        stagedFrames = 0;
        return flushed;
    }

    /**
     * @return frames written to the output so far.
     */
    public long framesWritten()
    {
        return writer == null ? 0 : writer.framesWritten();
    }

    /**
     * @return sends refused (no output file, or closed).
     */
    public long sendDrops()
    {
        return sendDrops;
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
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            if (writer != null)
            {
                writer.close();
            }
        }
        finally
        {
            if (reader != null)
            {
                reader.close();
            }
        }
    }
}
