package io.opstate.jdbc.copy;

import io.opstate.PersistenceException;

/**
 * A {@link StoreCopier} would not start: the stores cannot be copied one into the other as they
 * are (one is not a SQL store, their schema versions or columns differ). Nothing was written.
 */
public class CopyRefusedException extends PersistenceException {
    public CopyRefusedException(String message) {
        super(message);
    }
}
