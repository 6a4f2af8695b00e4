package io.opstate.core;

import io.opstate.InvalidInputException;

/**
 * The rules of {@link io.opstate.imports.RecordImport} that depend on what the store holds, checked
 * by each backend against its own rows with these shared messages, so every backend refuses alike.
 */
public final class ImportRules {
    private ImportRules() {
    }

    /**
     * A checkpoint's version is above the newest the store holds for its session and at most the
     * session's state version.
     */
    public static void checkpointVersion(int index, long version, long newestStored, long stateVersion) {
        if (version <= newestStored) {
            throw new InvalidInputException("checkpoints[" + index + "].version", "must be above the session's newest"
                    + " checkpoint in the store (" + newestStored + "), got " + version);
        }
        if (version > stateVersion) {
            throw new InvalidInputException("checkpoints[" + index + "].version", "must not exceed the session's"
                    + " stateVersion (" + stateVersion + "), got " + version);
        }
    }

    /**
     * An entry's sequence is the next after the session's last entry in the store, and at most the
     * session's last sequence.
     */
    public static void entrySequence(int index, long sequence, long lastStored, long lastSequence) {
        if (sequence != lastStored + 1) {
            throw new InvalidInputException("entries[" + index + "].sequence", "must follow the session's last entry"
                    + " in the store (" + (lastStored + 1) + "), got " + sequence);
        }
        if (sequence > lastSequence) {
            throw new InvalidInputException("entries[" + index + "].sequence", "must not exceed the session's"
                    + " lastSequence (" + lastSequence + "), got " + sequence);
        }
    }

    /**
     * A session written over the store's stays on its construct (its entries carry it), and its
     * state version and last sequence reach the newest checkpoint and last entry the store holds.
     */
    public static void sessionReplaceable(int index, io.opstate.sessions.Session session, String storedConstruct,
                                          long newestCheckpoint, long lastEntry) {
        String at = "sessions[" + index + "].";
        if (!session.constructId().equals(storedConstruct)) {
            throw new InvalidInputException(at + "constructId", "must be the stored session's construct ("
                    + storedConstruct + "): a session does not move to another construct, got "
                    + io.opstate.internal.UserText.quoted(session.constructId()));
        }
        if (session.stateVersion() < newestCheckpoint) {
            throw new InvalidInputException(at + "stateVersion", "must reach the session's newest checkpoint in the"
                    + " store (" + newestCheckpoint + "), got " + session.stateVersion());
        }
        if (session.lastSequence() < lastEntry) {
            throw new InvalidInputException(at + "lastSequence", "must reach the session's last entry in the store ("
                    + lastEntry + "), got " + session.lastSequence());
        }
    }

    /** A resource written over the store's keeps its kind. */
    public static void resourceKeepsKind(int index, String storedKind, String kind) {
        if (!storedKind.equals(kind)) {
            throw new InvalidInputException("resources[" + index + "].kind", "must be the stored resource's kind ("
                    + io.opstate.internal.UserText.quoted(storedKind) + "): a resource does not change kind, got "
                    + io.opstate.internal.UserText.quoted(kind));
        }
    }
}
