package org.jvs.forwarders.afpacket;

import jnr.ffi.Pointer;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc calls an AF_PACKET ring needs, bound by jnr-ffi (no C to compile). Structures are passed as raw
 * addresses of memory the port owns, so a call on the packet path ({@code sendmmsg}) allocates nothing.
 * {@code mmap} is declared with {@link Pointer} in and out: declared with {@code long} it failed with EINVAL.
 */
public interface PacketLibC
{
    /**
     * @param domain   address family (AF_PACKET).
     * @param type     socket type (SOCK_RAW) and flags.
     * @param protocol network-order EtherType, 0 to receive nothing until bind.
     * @return a file descriptor, or -1 with errno set.
     */
    int socket(int domain, int type, int protocol);

    /**
     * @param fd      socket.
     * @param level   SOL_PACKET.
     * @param option  PACKET_* option.
     * @param value   address of the option value.
     * @param length  its length in bytes.
     * @return 0 or -1 with errno set.
     */
    int setsockopt(int fd, int level, int option, @intptr_t long value, int length);

    /**
     * @param fd      socket.
     * @param level   SOL_PACKET.
     * @param option  PACKET_* option.
     * @param value   address where the value is written.
     * @param length  address of an int: the room on entry, the length written on return.
     * @return 0 or -1 with errno set.
     */
    int getsockopt(int fd, int level, int option, @intptr_t long value, @intptr_t long length);

    /**
     * @param fd      socket.
     * @param address address of a sockaddr_ll.
     * @param length  its length.
     * @return 0 or -1 with errno set.
     */
    int bind(int fd, @intptr_t long address, int length);

    /**
     * @param address    hint, null.
     * @param length     bytes to map.
     * @param protection PROT_* bits.
     * @param flags      MAP_* bits.
     * @param fd         the socket whose ring is mapped.
     * @param offset     0.
     * @return the mapping, or MAP_FAILED (address -1).
     */
    Pointer mmap(Pointer address, @size_t long length, int protection, int flags, int fd, @off_t long offset);

    /**
     * @param address the mapping.
     * @param length  its length.
     * @return 0 or -1 with errno set.
     */
    int munmap(Pointer address, @size_t long length);

    /**
     * @param fd       socket.
     * @param messages address of an array of struct mmsghdr.
     * @param count    messages in it (at most 1024, UIO_MAXIOV).
     * @param flags    MSG_* flags.
     * @return messages sent, or -1 with errno set.
     */
    int sendmmsg(int fd, @intptr_t long messages, int count, int flags);

    /**
     * @param fd          socket.
     * @param buffer      address of the bytes, 0 to kick a TX ring.
     * @param length      their length.
     * @param flags       MSG_* flags.
     * @param destination address of a sockaddr, 0 for none.
     * @param addressLength its length.
     * @return bytes sent, or -1 with errno set.
     */
    @ssize_t long sendto(int fd, @intptr_t long buffer, @size_t long length, int flags, @intptr_t long destination,
        int addressLength);

    /**
     * @param fds       address of an array of struct pollfd (int fd, short events, short revents).
     * @param count     its length.
     * @param timeoutMs how long to wait at most, -1 for ever.
     * @return the number of descriptors ready, 0 on timeout, -1 with errno set.
     */
    int poll(@intptr_t long fds, @size_t long count, int timeoutMs);

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
