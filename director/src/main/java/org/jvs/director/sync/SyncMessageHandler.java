package org.jvs.director.sync;

import org.agrona.DirectBuffer;

/**
 * Told of each complete sync message by a {@link SyncEncoder}: the sender puts it in a UDP datagram.
 */
@FunctionalInterface
public interface SyncMessageHandler
{
    /**
     * @param buffer holding the message (valid only during the call).
     * @param offset where it starts.
     * @param length its length (the header's size field).
     */
    void onMessage(DirectBuffer buffer, int offset, int length);
}
