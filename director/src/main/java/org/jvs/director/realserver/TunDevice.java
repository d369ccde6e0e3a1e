package org.jvs.director.realserver;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A Linux TUN device (layer 3, {@code IFF_TUN | IFF_NO_PI}) opened through {@code /dev/net/tun}: each
 * {@link #deliver} writes one IPv4 packet, which the kernel then receives on the device as if it had arrived
 * from a wire. The device is not persistent: it disappears when {@link #close} closes the descriptor (or
 * the process dies).
 * <pre>
 *  struct ifreq (40 bytes on x86-64 and arm64) as TUNSETIFF reads it:
 *  +--------------------------------+--------------+-------------------+
 *  | ifr_name[16] (NUL-terminated)  | short flags  | (rest of union)   |
 *  +--------------------------------+--------------+-------------------+
 * </pre>
 * Packets are copied into one direct buffer and written from its address: nothing allocates per packet.
 */
public final class TunDevice implements InnerPacketSink, AutoCloseable
{
    /** _IOW('T', 202, int). */
    public static final long TUNSETIFF = 0x400454caL;
    /** Layer-3 device: packets start with the IP header. */
    public static final short IFF_TUN = 0x0001;
    /** No 4-byte packet-information prefix. */
    public static final short IFF_NO_PI = 0x1000;
    /** Longest interface name, with its NUL. */
    public static final int IFNAMSIZ = 16;
    /** Size of struct ifreq. */
    public static final int IFREQ_LENGTH = 40;
    /** Largest IPv4 packet. */
    public static final int MAX_PACKET_LENGTH = 65_535;

    private static final String CLONE_DEVICE = "/dev/net/tun";

    private final LibC libc;
    private final Runtime runtime;
    private final String name;
    private final UnsafeBuffer writeBuffer;
    private final long writeAddress;
    private int fd;
    private long writeErrors;
    private int lastErrno;

    private TunDevice(final LibC libc, final int fd, final String name)
    {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
        this.fd = fd;
        this.name = name;
        final ByteBuffer direct = BufferUtil.allocateDirectAligned(MAX_PACKET_LENGTH + 1, 64);
        this.writeBuffer = new UnsafeBuffer(direct);
        this.writeAddress = writeBuffer.addressOffset();
    }

    /**
     * Create (or attach to) a TUN device.
     *
     * @param name device name, at most 15 bytes, e.g. "jvstun0".
     * @return the open device, down; bring it up with {@code ip link set NAME up}.
     * @throws IllegalArgumentException when the name is too long.
     * @throws IllegalStateException    naming the device and the error when the kernel refuses.
     */
    public static TunDevice open(final String name)
    {
        final byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length == 0 || nameBytes.length >= IFNAMSIZ)
        {
            throw new IllegalArgumentException("TUN device name '" + name + "': want 1.." + (IFNAMSIZ - 1) +
                " characters");
        }
        final LibC libc = LibraryLoader.create(LibC.class).load("c");
        final Runtime runtime = Runtime.getRuntime(libc);
        final int fd = libc.open(CLONE_DEVICE, LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            final int errno = runtime.getLastError();
            throw new IllegalStateException("cannot open " + CLONE_DEVICE + ": " + libc.strerror(errno) +
                " (errno " + errno + ")");
        }
        final Pointer ifreq = Memory.allocateDirect(runtime, IFREQ_LENGTH, true);
        ifreq.put(0, nameBytes, 0, nameBytes.length);
        ifreq.putShort(IFNAMSIZ, (short)(IFF_TUN | IFF_NO_PI));
        if (libc.ioctl(fd, TUNSETIFF, ifreq) < 0)
        {
            final int errno = runtime.getLastError();
            libc.close(fd);
            throw new IllegalStateException("TUN device " + name + ": TUNSETIFF refused: " + libc.strerror(errno) +
                " (errno " + errno + ")" + (errno == 16 ? ": is another tun-decap using it?" : ""));
        }
        final byte[] given = new byte[IFNAMSIZ];
        ifreq.get(0, given, 0, IFNAMSIZ);
        int length = 0;
        while (length < IFNAMSIZ && given[length] != 0)
        {
            length++;
        }
        return new TunDevice(libc, fd, new String(given, 0, length, StandardCharsets.US_ASCII));
    }

    /**
     * For tests: a "device" whose writes go to any file, e.g. /dev/null, through the same libc calls.
     *
     * @param path file to open for writing.
     * @return the open sink, named after the path.
     */
    static TunDevice openFile(final String path)
    {
        final LibC libc = LibraryLoader.create(LibC.class).load("c");
        final int fd = libc.open(path, LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            throw new IllegalStateException("cannot open " + path);
        }
        return new TunDevice(libc, fd, path);
    }

    /**
     * @return the device's name, as the kernel gave it.
     */
    public String name()
    {
        return name;
    }

    @Override
    public boolean deliver(final DirectBuffer buffer, final int offset, final int length)
    {
        if (fd < 0 || length > MAX_PACKET_LENGTH)
        {
            writeErrors++;
            return false;
        }
        writeBuffer.putBytes(0, buffer, offset, length);
        if (libc.write(fd, writeAddress, length) != length)
        {
            writeErrors++;
            lastErrno = runtime.getLastError();
            return false;
        }
        return true;
    }

    /**
     * @return writes the kernel refused or cut short.
     */
    public long writeErrors()
    {
        return writeErrors;
    }

    /**
     * @return the text of the last write error, or "none".
     */
    public String lastError()
    {
        return lastErrno == 0 ? "none" : libc.strerror(lastErrno) + " (errno " + lastErrno + ")";
    }

    /**
     * Close the descriptor; the kernel removes the device. Safe to call twice.
     */
    @Override
    public void close()
    {
        if (fd >= 0)
        {
            libc.close(fd);
            fd = -1;
        }
    }
}
