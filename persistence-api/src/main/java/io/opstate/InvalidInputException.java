package io.opstate;

/**
 * An argument or configuration value was rejected before anything was written. Names the
 * field (or configuration property) and the problem. The store is unchanged.
 */
public class InvalidInputException extends PersistenceException {
    private final String field;
    private final String problem;

    public InvalidInputException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public InvalidInputException(String field, String problem, Throwable cause) {
        super(field + ": " + problem, cause);
        this.field = field;
        this.problem = problem;
    }

    /** The rejected field, e.g. {@code "progress"} or {@code "opstate.pool.max-size"}. */
    public String field() {
        return field;
    }

    /** What is wrong with it, in words. */
    public String problem() {
        return problem;
    }
}
