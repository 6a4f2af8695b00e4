package io.opstate.core.archives;

/** One line of an archive entry is malformed; the reader adds the entry and line number. */
final class LineException extends RuntimeException {
    LineException(String problem) {
        super(problem, null, false, false);
    }
}
