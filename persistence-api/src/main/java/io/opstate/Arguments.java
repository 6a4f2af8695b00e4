package io.opstate;

/** Checks of the arguments hosts pass, failing with the typed error rather than a {@link NullPointerException}. */
final class Arguments {
    private Arguments() {
    }

    /** {@code value}, which must not be null. */
    static <T> T required(String name, T value) {
        if (value == null) {
            throw new InvalidInputException(name, "is required");
        }
        return value;
    }
}
