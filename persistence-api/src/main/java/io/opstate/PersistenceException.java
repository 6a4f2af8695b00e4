package io.opstate;

/**
 * Root of every exception OpState throws. Unchecked: a host catches the subclass for the
 * condition it can handle. The database driver's exception, when there was one, is kept as
 * the cause; a raw {@code SQLException} never escapes the library.
 */
public class PersistenceException extends RuntimeException {
    public PersistenceException(String message) {
        super(message);
    }

    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
