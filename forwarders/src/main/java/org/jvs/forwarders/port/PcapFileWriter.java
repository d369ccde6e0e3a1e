package org.jvs.forwarders.port;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes Ethernet frames to a classic libpcap capture file (little-endian, microsecond timestamps, version
 * 2.4, link type 1) that tcpdump, tshark and Wireshark open. Frames are staged in one preallocated buffer
 * and written when it fills and on {@link #flush}; nothing is allocated per frame. Frames longer than the
 * snapshot length are cut to it, their original length kept, as libpcap does. Layout: see
 * {@link PcapFileReader}.
 */
public final class PcapFileWriter implements AutoCloseable
{
    /** Snapshot length written by default. */
    public static final int DEFAULT_SNAPLEN_BYTES = 262_144;

    private static final int STAGING_BYTES = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer stagingBuffer = new UnsafeBuffer(staging);
    private final int snaplenBytes;
    private int stagedBytes;
    private long framesWritten;
    private boolean closed;

    /**
     * Creates (or truncates) the file and writes its header.
     *
     * @param path         the file.
     * @param snaplenBytes longest frame kept whole (at most 262144).
     * @throws IOException when the file cannot be written.
     */
    public PcapFileWriter(final Path path, final int snaplenBytes) throws IOException
    {
        if (snaplenBytes < 1 || snaplenBytes > DEFAULT_SNAPLEN_BYTES)
        {
            throw new IllegalArgumentException(path + ": snaplen " + snaplenBytes + " not in 1.." +
                DEFAULT_SNAPLEN_BYTES);
        }
        this.path = path;
        this.snaplenBytes = snaplenBytes;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
        stagingBuffer.putInt(0, PcapFileReader.MAGIC_MICROS, ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putShort(4, (short)2, ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putShort(6, (short)4, ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putInt(8, 0, ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putInt(12, 0, ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putInt(16, snaplenBytes, ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putInt(20, PcapFileReader.LINKTYPE_ETHERNET, ByteOrder.LITTLE_ENDIAN);
        stagedBytes = PcapFileReader.GLOBAL_HEADER_LENGTH;
        flush();
    }

    /**
     * @param path the file.
     * @throws IOException when the file cannot be written.
     */
    public PcapFileWriter(final Path path) throws IOException
    {
        this(path, DEFAULT_SNAPLEN_BYTES);
    }

    /**
     * Appends one frame (staged; on disk after {@link #flush} or when the staging buffer fills).
     *
     * @param buffer      holds the frame.
     * @param offset      where it starts.
     * @param length      its length.
     * @param timestampNs capture time since the epoch.
     * @throws UncheckedIOException when the file cannot be written.
     */
    public void write(final DirectBuffer buffer, final int offset, final int length, final long timestampNs)
    {
        final int captured = Math.min(length, snaplenBytes);
        if (STAGING_BYTES - stagedBytes < PcapFileReader.RECORD_HEADER_LENGTH + captured)
        {
            flush();
        }
        final int at = stagedBytes;
        stagingBuffer.putInt(at, (int)(timestampNs / 1_000_000_000L), ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putInt(at + 4, (int)(timestampNs % 1_000_000_000L / 1000), ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putInt(at + 8, captured, ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putInt(at + 12, length, ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putBytes(at + PcapFileReader.RECORD_HEADER_LENGTH, buffer, offset, captured);
        stagedBytes = at + PcapFileReader.RECORD_HEADER_LENGTH + captured;
        framesWritten++;
    }

    /**
     * Writes what is staged to the file.
     *
     * @throws UncheckedIOException when the file cannot be written.
     */
    public void flush()
    {
        try
        {
            staging.clear().limit(stagedBytes);
            while (staging.hasRemaining())
            {
                channel.write(staging);
            }
            stagedBytes = 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(path + ": write failed", ex);
        }
    }

    /**
     * @return frames written (staged or on disk).
     */
    public long framesWritten()
    {
        return framesWritten;
    }

    /**
     * @return the file written.
     */
    public Path path()
    {
        return path;
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
            flush();
        }
        finally
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
            }
        }
    }
}
