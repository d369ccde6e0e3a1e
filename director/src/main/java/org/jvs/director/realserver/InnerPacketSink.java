package org.jvs.director.realserver;

import org.agrona.DirectBuffer;

/**
 * Where a decapsulated inner IPv4 packet goes: the kernel, through a TUN device, or a test's memory.
 */
@FunctionalInterface
public interface InnerPacketSink
{
    /**
     * Hand one IPv4 packet on. Called on the packet path: must not allocate, block long or throw.
     *
     * @param buffer holding the packet, valid only during the call.
     * @param offset where its IPv4 header starts.
     * @param length its total length.
     * @return true when taken, false when it failed (counted by the caller).
     */
    boolean deliver(DirectBuffer buffer, int offset, int length);
}
