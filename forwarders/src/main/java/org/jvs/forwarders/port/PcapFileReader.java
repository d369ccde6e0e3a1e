package org.jvs.forwarders.port;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.port.FrameHandler;

/**
 * Reads a classic libpcap capture file of Ethernet frames, handing each frame over in place.
 * The file is read into memory once, so a handler may rewrite a frame in place (as a worker does before
 * sending it on) without changing the file, and nothing is allocated per frame. Checked whole when opened:
 * a bad file fails then, with the file, the record and its byte offset named, never half way through a replay.
 * <pre>
 *  global header (24 bytes)
 *  0       4       6       8          12        16        20         24
 *  | magic | major | minor | thiszone | sigfigs | snaplen | network |
 *  each record: header (16 bytes), then incl_len bytes of frame
 *  0        4         8          12         16
 *  | ts_sec | ts_frac | incl_len | orig_len | frame ...
 * </pre>
 * magic a1b2c3d4 = microsecond, a1b23c4d = nanosecond timestamps, in the writer's byte order.
 * pcapng files are refused with a hint to convert them.
 */
public final class PcapFileReader implements AutoCloseable
{
    /** Global header length in bytes. */
    public static final int GLOBAL_HEADER_LENGTH = 24;
    /** Per-record header length in bytes. */
    public static final int RECORD_HEADER_LENGTH = 16;
    /** Microsecond-resolution magic number. */
    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    /** Nanosecond-resolution magic number. */
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    /** LINKTYPE_ETHERNET. */
    public static final int LINKTYPE_ETHERNET = 1;

    private static final int PCAPNG_MAGIC = 0x0a0d0d0a;
    private static final int SNAPLEN_OFFSET = 16;
    private static final int NETWORK_OFFSET = 20;
    private static final int MAX_RECORD_BYTES = 262_144;

    private final Path path;
    private final FileChannel channel;
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private final int fileLength;
    private final ByteOrder order;
    private final long fractionToNs;
    private final int snaplenBytes;
    private final int frameCount;
    private int position = GLOBAL_HEADER_LENGTH;
    private int framesRead;
    private long timestampNs;

    /**
     * @param path the capture file.
     * @throws IOException when it cannot be read.
     * @throws IllegalArgumentException when it is not a classic pcap file of Ethernet frames, or is truncated.
     */
    public PcapFileReader(final Path path) throws IOException
    {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        try
        {
            final long size = channel.size();
            if (size > Integer.MAX_VALUE)
            {
                throw new IllegalArgumentException(path + ": " + size + " bytes; at most 2 GiB can be read");
            }
            fileLength = (int)size;
            if (fileLength < GLOBAL_HEADER_LENGTH)
            {
                throw new IllegalArgumentException(path + ": " + fileLength + " bytes, shorter than a pcap header");
            }
            final byte[] contents = new byte[fileLength];
            final ByteBuffer into = ByteBuffer.wrap(contents);
            while (into.hasRemaining() && channel.read(into) >= 0)
            {
                continue;
            }
            if (into.hasRemaining())
            {
                throw new IOException(path + ": shrank while being read");
            }
            buffer.wrap(contents);
            order = byteOrder(path, buffer.getInt(0, ByteOrder.LITTLE_ENDIAN));
            fractionToNs = buffer.getInt(0, order) == MAGIC_NANOS ? 1 : 1000;
            snaplenBytes = buffer.getInt(SNAPLEN_OFFSET, order);
            final int network = buffer.getInt(NETWORK_OFFSET, order) & 0x0fff_ffff;
            if (network != LINKTYPE_ETHERNET)
            {
                throw new IllegalArgumentException(path + ": link type " + network + ", want 1 (Ethernet)");
            }
            frameCount = countRecords();
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    private static ByteOrder byteOrder(final Path path, final int magicLittleEndian)
    {
        if (magicLittleEndian == MAGIC_MICROS || magicLittleEndian == MAGIC_NANOS)
        {
            return ByteOrder.LITTLE_ENDIAN;
        }
        final int swapped = Integer.reverseBytes(magicLittleEndian);
        if (swapped == MAGIC_MICROS || swapped == MAGIC_NANOS)
        {
            return ByteOrder.BIG_ENDIAN;
        }
        if (magicLittleEndian == PCAPNG_MAGIC)
        {
            throw new IllegalArgumentException(path + ": pcapng is not read here; convert it: " +
                "editcap -F pcap " + path + " out.pcap");
        }
        throw new IllegalArgumentException(path + ": not a pcap file (magic 0x" +
            Integer.toHexString(Integer.reverseBytes(magicLittleEndian)) + ")");
    }

    private int countRecords()
    {
        int count = 0;
        int at = GLOBAL_HEADER_LENGTH;
        while (at < fileLength)
        {
            if (fileLength - at < RECORD_HEADER_LENGTH)
            {
                throw new IllegalArgumentException(path + ": record " + (count + 1) + " at byte " + at +
                    ": truncated header (" + (fileLength - at) + " of 16 bytes)");
            }
            final int capturedLength = buffer.getInt(at + 8, order);
            if (capturedLength < 0 || capturedLength > MAX_RECORD_BYTES)
            {
                throw new IllegalArgumentException(path + ": record " + (count + 1) + " at byte " + at +
                    ": captured length " + (capturedLength & 0xffff_ffffL) + " is not plausible");
            }
            if (fileLength - at - RECORD_HEADER_LENGTH < capturedLength)
            {
                throw new IllegalArgumentException(path + ": record " + (count + 1) + " at byte " + at +
                    ": truncated (" + capturedLength + " bytes of frame announced, " +
                    (fileLength - at - RECORD_HEADER_LENGTH) + " left)");
            }
            at += RECORD_HEADER_LENGTH + capturedLength;
            count++;
        }
        return count;
    }

    /**
     * Hands up to {@code limit} next frames to the handler, in file order.
     *
     * @param handler called once per frame, with the frame in place.
     * @param limit   most frames.
     * @return frames handed over; 0 at the end of the file.
     */
    public int read(final FrameHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit && position < fileLength)
        {
            final long seconds = buffer.getInt(position, order) & 0xffff_ffffL;
            final long fraction = buffer.getInt(position + 4, order) & 0xffff_ffffL;
            final int length = buffer.getInt(position + 8, order);
            timestampNs = seconds * 1_000_000_000L + fraction * fractionToNs;
            final int frameOffset = position + RECORD_HEADER_LENGTH;
            position = frameOffset + length;
            framesRead++;
            count++;
            handler.onFrame(buffer, frameOffset, length);
        }
        return count;
    }

    /**
     * @return the capture time of the frame last handed over (since the epoch), 0 before the first.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    /**
     * @return frames in the file.
     */
    public int frameCount()
    {
        return frameCount;
    }

    /**
     * @return frames handed over so far.
     */
    public int framesRead()
    {
        return framesRead;
    }

    /**
     * @return true when every frame has been handed over.
     */
    public boolean atEnd()
    {
        return position >= fileLength;
    }

    /**
     * @return the snapshot length the file declares.
     */
    public int snaplenBytes()
    {
        return snaplenBytes;
    }

    /**
     * @return the file read.
     */
    public Path path()
    {
        return path;
    }

    @Override
    public void close()
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
