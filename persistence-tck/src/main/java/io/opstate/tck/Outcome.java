package io.opstate.tck;

import io.opstate.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a call did (returned a value or threw), or what it should do: return a value satisfying a
 * check, or throw exactly a given class, naming a given field when that class is
 * {@link InvalidInputException}. Outcomes compare by class, never by message, so every backend
 * must produce the same outcome for the same input.
 */
final class Outcome {
    /** A line break a generated value carries is always next to this, so a message repeating it is found. */
    static final String MARK = "FORGED";
    /** Longest message any exception of a chain may have. */
    static final int MAX_MESSAGE_LENGTH = 1_000;

    private static final String LINE_BREAKS = "\n\r\u000B\u000C\u0085\u2028\u2029";

    private final Object result;
    private final Throwable thrown;
    private final boolean mayReturn;
    private final Predicate<Object> check;
    private final Set<Class<? extends Throwable>> types;
    private final String field;
    private final String description;

    private Outcome(Object result, Throwable thrown, boolean mayReturn, Predicate<Object> check,
                    Set<Class<? extends Throwable>> types, String field, String description) {
        this.result = result;
        this.thrown = thrown;
        this.mayReturn = mayReturn;
        this.check = check;
        this.types = types;
        this.field = field;
        this.description = description;
    }

    /** What {@code call} did. */
    static Outcome of(HostileCall call, io.opstate.Datastore store) {
        try {
            return returned(call.run(store));
        } catch (Throwable e) {
            return threw(e);
        }
    }

    static Outcome returned(Object result) {
        return new Outcome(result, null, false, null, Set.of(), null, "returned " + shortly(String.valueOf(result)));
    }

    static Outcome threw(Throwable thrown) {
        return new Outcome(null, thrown, false, null, Set.of(), null, "threw " + thrown.getClass().getName() + ": "
                + shortly(thrown.getMessage()));
    }

    /** Expected: a normal return whose result passes {@code check}. */
    static Outcome returns(String what, Predicate<Object> check) {
        return new Outcome(null, null, true, check, Set.of(), null, "returns " + what);
    }

    /** Expected: exactly {@code type} thrown. */
    static Outcome fails(Class<? extends Throwable> type) {
        return new Outcome(null, null, false, null, Set.of(type), null, "throws " + type.getName());
    }

    /** Expected: {@link InvalidInputException} naming {@code field}. */
    static Outcome rejected(String field) {
        return new Outcome(null, null, false, null, Set.of(InvalidInputException.class), field,
                "throws InvalidInputException naming " + field);
    }

    /**
     * Expected: exactly {@code type}, an {@link InvalidInputException} or a subclass (an archive's
     * {@link io.opstate.archives.ArchiveFormatException}), naming {@code field}.
     */
    static Outcome rejected(Class<? extends InvalidInputException> type, String field) {
        return new Outcome(null, null, false, null, Set.of(type), field,
                "throws " + type.getSimpleName() + " naming " + field);
    }

    /** Expected: a normal return, or {@link InvalidInputException} naming {@code field} (any field when null). */
    static Outcome returnsOrRejected(String field) {
        return new Outcome(null, null, true, result -> true, Set.of(InvalidInputException.class), field,
                "returns, or throws InvalidInputException naming " + (field == null ? "the argument" : field));
    }

    /** Expected: exactly one of {@code types} thrown; an {@link InvalidInputException} may name any field. */
    static Outcome failsWithOneOf(Set<Class<? extends Throwable>> types) {
        return new Outcome(null, null, false, null, Set.copyOf(types), null, "throws one of " + types);
    }

    boolean isReturn() {
        return mayReturn && types.isEmpty();
    }

    Throwable thrown() {
        return thrown;
    }

    /** Whether {@code actual} is what this expected outcome says: classes compare exactly. */
    boolean matches(Outcome actual) {
        if (actual.thrown == null) {
            return mayReturn && check.test(actual.result);
        }
        if (!types.contains(actual.thrown.getClass())) {
            return false;
        }
        return field == null || !(actual.thrown instanceof InvalidInputException invalid) || field.equals(invalid.field());
    }

    /**
     * What is wrong with the messages of {@code thrown}, its causes and suppressed exceptions: too
     * long, a line break next to {@link #MARK}, a line or paragraph separator, a control character
     * other than a line break or tab, an unpaired surrogate. Empty when nothing is.
     */
    static List<String> messageProblems(Throwable thrown) {
        List<String> problems = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> pending = new ArrayList<>(List.of(thrown));
        while (!pending.isEmpty()) {
            Throwable t = pending.remove(pending.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            pending.add(t.getCause());
            pending.addAll(List.of(t.getSuppressed()));
            String message = t.getMessage();
            if (message == null) {
                continue;
            }
            String where = t.getClass().getName() + " (" + message.length() + " chars): " + shortly(message);
            if (message.length() > MAX_MESSAGE_LENGTH) {
                problems.add("longer than " + MAX_MESSAGE_LENGTH + ": " + where);
            }
            for (char c : LINE_BREAKS.toCharArray()) {
                if (message.contains(c + MARK) || message.contains(MARK + c)) {
                    problems.add("repeats a line break of the input: " + where);
                }
            }
            for (int i = 0; i < message.length(); i++) {
                char c = message.charAt(i);
                boolean pair = Character.isHighSurrogate(c) && i + 1 < message.length()
                        && Character.isLowSurrogate(message.charAt(i + 1));
                if (pair) {
                    i++;
                } else if (Character.isSurrogate(c) || c == '\u0085' || c == '\u2028' || c == '\u2029'
                        || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                    problems.add(String.format("holds U+%04X at %d: %s", (int) c, i, where));
                    break;
                }
            }
        }
        return problems;
    }

    /** At most 200 characters of {@code text}, with line breaks and control characters escaped. */
    static String shortly(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029'
                    ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return text.length() > 200 ? out + "... (" + text.length() + " chars)" : out.toString();
    }

    @Override
    public String toString() {
        return description;
    }
}
