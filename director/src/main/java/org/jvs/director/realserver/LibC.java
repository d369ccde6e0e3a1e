package org.jvs.director.realserver;

import jnr.ffi.Pointer;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import jnr.ffi.types.u_int64_t;

/**
 * The few libc calls a TUN device needs, bound by jnr-ffi (no C to compile). {@code write} takes the
 * buffer as a raw address so a call allocates nothing.
 */
public interface LibC
{
    /** open(2) flag: read and write. */
    int O_RDWR = 2;
    /** open(2) flag: close on exec. */
    int O_CLOEXEC = 0x80000;

    /**
     * @param path  file to open.
     * @param flags open(2) flags.
     * @return a file descriptor, or -1 with errno set.
     */
    int open(String path, int flags);

    /**
     * @param fd      file descriptor.
     * @param request ioctl request number.
     * @param arg     the request's argument.
     * @return 0 or -1 with errno set.
     */
    int ioctl(int fd, @u_int64_t long request, Pointer arg);

    /**
     * @param fd      file descriptor.
     * @param address native address of the bytes.
     * @param count   how many bytes.
     * @return bytes written, or -1 with errno set.
     */
    @ssize_t long write(int fd, @intptr_t long address, @size_t long count);

    /**
     * @param fd file descriptor.
     * @return 0 or -1.
     */
    int close(int fd);

    /**
     * @param errno an error number.
     * @return its text.
     */
    String strerror(int errno);
}
