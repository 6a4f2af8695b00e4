package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;

/**
 * The session and construct ids that calls about a session's state or transcript name. As for
 * {@link KeyReads}, an id no record can have names nothing: the call is answered as for an
 * unknown session, and null is the caller's mistake. Stateless and thread-safe.
 */
final class SessionIds {
    private SessionIds() {
    }

    /**
     * Whether {@code id} could name a record.
     *
     * @throws InvalidInputException naming {@code field} when {@code id} is null
     */
    static boolean couldName(String field, String id) {
        if (id == null) {
            throw new InvalidInputException(field, "is required");
        }
        return TextChecks.isName(id);
    }

    /**
     * {@code sessionId}, when it could name a session.
     *
     * @throws InvalidInputException naming {@code sessionId} when it is null
     * @throws NotFoundException of the session when no session can have it
     */
    static String known(String sessionId) {
        if (!couldName("sessionId", sessionId)) {
            throw new NotFoundException("session", sessionId);
        }
        return sessionId;
    }
}
