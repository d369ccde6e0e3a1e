package org.jvs.director.check;

import jnr.ffi.LibraryLoader;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc calls PING_CHECK needs, bound by jnr-ffi: Java has no ICMP socket. Buffers and addresses are passed as
 * raw addresses of direct memory the probe owns. The socket is connected (the kernel then hands it only ICMP from
 * that peer) and used with send/recv: sendto's sixth argument arrived as garbage through jnr-ffi 2.2.16.
 */
public interface IcmpLibC
{
    /**
     * @param domain   AF_INET or AF_INET6.
     * @param type     SOCK_RAW with SOCK_NONBLOCK and SOCK_CLOEXEC.
     * @param protocol IPPROTO_ICMP or IPPROTO_ICMPV6.
     * @return a file descriptor, or -1 with errno set.
     */
    int socket(int domain, int type, int protocol);

    /**
     * @param fd            socket.
     * @param address       address of a sockaddr: the only peer the socket then sends to and hears from.
     * @param addressLength its length.
     * @return 0 or -1 with errno set.
     */
    int connect(int fd, @intptr_t long address, int addressLength);

    /**
     * @param fd     connected socket.
     * @param buffer address of the bytes.
     * @param length their length.
     * @param flags  MSG_* flags.
     * @return bytes sent, or -1 with errno set.
     */
    @ssize_t long send(int fd, @intptr_t long buffer, @size_t long length, int flags);

    /**
     * @param fd     connected socket.
     * @param buffer address where the datagram goes.
     * @param length room there.
     * @param flags  MSG_* flags.
     * @return bytes received, or -1 with errno set (EAGAIN: nothing now).
     */
    @ssize_t long recv(int fd, @intptr_t long buffer, @size_t long length, int flags);

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

    /**
     * The C library, loaded on first use.
     */
    final class Holder
    {
        static final IcmpLibC LIBC = LibraryLoader.create(IcmpLibC.class).load("c");
        static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);

        private Holder()
        {
        }
    }
}
