package io.opstate.search;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A short piece of the matched text around the first match, with every match in it located.
 * The matches are positions rather than markers inside the text, so that a host escapes the text
 * for its own output (HTML, a terminal) and marks the matches as it likes:
 * {@code snippet.marked("<mark>", "</mark>", Html::escape)}.
 *
 * @param text the piece of text, cut at word boundaries; {@code …} where it was cut
 * @param matches the matching words in {@code text}, in order, not overlapping
 */
public record Snippet(String text, List<Match> matches) {
    public Snippet {
        Objects.requireNonNull(text, "text");
        matches = List.copyOf(matches);
    }

    /**
     * A matching word: {@code text.substring(start, end)}.
     *
     * @param start index of its first character in the snippet's text
     * @param end index after its last character
     */
    public record Match(int start, int end) {
    }

    /** The text with {@code open} before and {@code close} after each match. */
    public String marked(String open, String close) {
        return marked(open, close, UnaryOperator.identity());
    }

    /**
     * The text with every part escaped by {@code escape} and each match, escaped too, between
     * {@code open} and {@code close}, which are not escaped.
     */
    public String marked(String open, String close, UnaryOperator<String> escape) {
        StringBuilder out = new StringBuilder(text.length() + matches.size() * (open.length() + close.length()));
        int at = 0;
        for (Match match : matches) {
            out.append(escape.apply(text.substring(at, match.start()))).append(open)
                    .append(escape.apply(text.substring(match.start(), match.end()))).append(close);
            at = match.end();
        }
        return out.append(escape.apply(text.substring(at))).toString();
    }

    /** The text with each match between {@code [} and {@code ]}, for logs and tests. */
    @Override
    public String toString() {
        return marked("[", "]");
    }
}
