package io.opstate;

import java.util.function.Function;
import java.util.regex.Pattern;

/** Allows text that matches a regular expression as a whole. */
final class Matching implements Constraint<String> {
    private final Pattern pattern;
    private final String explanation;

    private Matching(Pattern pattern, String explanation) {
        this.pattern = pattern;
        this.explanation = explanation;
    }

    /** Text matching {@code regex}; {@code explanation} says in words what that means. */
    static Matching pattern(String regex, String explanation) {
        return new Matching(Pattern.compile(regex), explanation);
    }

    @Override
    public String failedRequirement(String value, Function<Setting<?>, Object> values) {
        return pattern.matcher(value).matches() ? null : "must be " + explanation;
    }
}
