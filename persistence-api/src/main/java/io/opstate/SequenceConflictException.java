package io.opstate;

/**
 * An append guarded by the expected next sequence number found the transcript elsewhere: another
 * writer appended first. Nothing was written; read what was appended and decide again.
 */
public class SequenceConflictException extends ConflictException {
    private final long expectedNextSequence;
    private final long actualNextSequence;

    public SequenceConflictException(String sessionId, long expectedNextSequence, long actualNextSequence) {
        super("transcript", sessionId, "the transcript of session " + io.opstate.internal.UserText.quoted(sessionId)
                + " continues at sequence " + actualNextSequence + ", not at the expected " + expectedNextSequence);
        this.expectedNextSequence = expectedNextSequence;
        this.actualNextSequence = actualNextSequence;
    }

    /** The sequence number the caller expected the first appended entry to get. */
    public long expectedNextSequence() {
        return expectedNextSequence;
    }

    /** The sequence number the next entry would have got. */
    public long actualNextSequence() {
        return actualNextSequence;
    }
}
