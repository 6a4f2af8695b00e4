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
                add(terms, text.substring(i + 1, end), prefix);
                i = close < 0 ? text.length() : close + (prefix ? 2 : 1);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                    end++;
                }
                add(terms, text.substring(i, end), false);
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

    /**
     * A canonical form of the terms, equal for queries that mean the same: every term must match,
     * so their order and repeats do not count.
     */
    public static String canonical(List<SearchTerm> terms) {
        return terms.stream()
                .map(term -> String.join(" ", term.words()) + (term.prefix() ? "*" : ""))
                .sorted().distinct()
                .collect(Collectors.joining("\u0001"));
    }

    /**
     * Adds the term of {@code chunk}, if it holds a word: a prefix when {@code starAfter} (a star
     * after a closing quote) or when its last word ends right before a {@code *} ending the chunk.
     */
    private static void add(List<SearchTerm> terms, String chunk, boolean starAfter) {
        List<SearchWords.Word> words = SearchWords.words(chunk, SearchRepository.MAX_QUERY_WORDS + 1);
        if (words.isEmpty()) {
            return;
        }
        boolean endsWithStar = chunk.endsWith("*") && words.get(words.size() - 1).end() == chunk.length() - 1;
        terms.add(new SearchTerm(words.stream().map(SearchWords.Word::word).toList(), starAfter || endsWithStar));
    }
}
