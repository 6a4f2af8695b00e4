package io.opstate.core.search;

import io.opstate.InvalidInputException;
import io.opstate.search.SearchRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a host's query text into {@link SearchTerm}s, every one of which a text must match:
 * bare words, {@code "quoted phrases"} (an unbalanced quote runs to the end), {@code word*}
 * prefixes. A bare chunk cut into several words ({@code foo-bar}) is a phrase. Nothing else has a
 * meaning, so no text reaches a backend's own query syntax.
 */
public final class SearchText {
    private SearchText() {
    }

    /**
     * The terms of {@code text}.
     *
     * @throws InvalidInputException naming {@code text} when null, longer than
     *     {@value SearchRepository#MAX_QUERY_LENGTH} characters, without a word, or with more
     *     than {@value SearchRepository#MAX_QUERY_WORDS} words
     */
    public static List<SearchTerm> terms(String text) {
        if (text == null) {
            throw new InvalidInputException("text", "must not be null");
        }
        if (text.length() > SearchRepository.MAX_QUERY_LENGTH) {
            throw new InvalidInputException("text", "is longer than " + SearchRepository.MAX_QUERY_LENGTH
                    + " characters");
        }
        List<SearchTerm> terms = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                int close = text.indexOf('"', i + 1);
                int end = close < 0 ? text.length() : close;
                boolean prefix = close >= 0 && close + 1 < text.length() && text.charAt(close + 1) == '*';
                add(terms, text.substring(i + 1, end), prefix || endsWithStar(text.substring(i + 1, end)));
                i = close < 0 ? text.length() : close + (prefix ? 2 : 1);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                    end++;
                }
                String chunk = text.substring(i, end);
                add(terms, chunk, endsWithStar(chunk));
                i = end;
            }
        }
        if (terms.isEmpty()) {
            throw new InvalidInputException("text", "holds no word to search for (words are runs of letters and"
                    + " digits)");
        }
        int words = terms.stream().mapToInt(term -> term.words().size()).sum();
        if (words > SearchRepository.MAX_QUERY_WORDS) {
            throw new InvalidInputException("text", "has " + words + " words, more than "
                    + SearchRepository.MAX_QUERY_WORDS);
        }
        return terms;
    }

    /** A canonical form of the terms, equal for queries that mean the same. */
    public static String canonical(List<SearchTerm> terms) {
        return terms.stream()
                .map(term -> String.join(" ", term.words()) + (term.prefix() ? "*" : ""))
                .collect(Collectors.joining("\u0001"));
    }

    /** A prefix when the last word ends right before a {@code *}. */
    private static boolean endsWithStar(String chunk) {
        return chunk.length() >= 2 && chunk.charAt(chunk.length() - 1) == '*'
                && Character.isLetterOrDigit(chunk.codePointBefore(chunk.length() - 1));
    }

    private static void add(List<SearchTerm> terms, String chunk, boolean prefix) {
        List<String> words = SearchWords.words(chunk, SearchRepository.MAX_QUERY_WORDS + 1).stream()
                .map(SearchWords.Word::word).toList();
        if (!words.isEmpty()) {
            terms.add(new SearchTerm(words, prefix));
        }
    }
}
