package org.jvs.director.sync;

/**
 * Told of each entry a {@link SyncDecoder} reads.
 */
@FunctionalInterface
public interface SyncEntryHandler
{
    /**
     * @param syncId the message's sync id.
     * @param entry  the entry (reused: valid only during the call).
     */
    void onEntry(int syncId, SyncEntry entry);
}
