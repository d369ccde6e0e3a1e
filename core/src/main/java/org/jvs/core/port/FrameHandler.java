package org.jvs.core.port;

import org.agrona.MutableDirectBuffer;

/**
 * Receives frames from a {@link PacketPort}, in place: the buffer is the port's, valid only during the call.
 */
@FunctionalInterface
public interface FrameHandler
{
    /**
     * @param buffer holds the frame (an Ethernet frame, starting with the destination MAC).
     * @param offset where the frame starts.
     * @param length frame length in bytes.
     */
    void onFrame(MutableDirectBuffer buffer, int offset, int length);
}
