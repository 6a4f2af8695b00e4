package io.opstate.core.search;

import java.util.List;

/**
 * One part of a query that a text must match: a single word, or a phrase of words next to each
 * other in order; when {@code prefix}, the last word matches every word starting with it.
 *
 * @param words normalised words (see {@link SearchWords}), at least one
 * @param prefix whether the last word is a prefix
 */
public record SearchTerm(List<String> words, boolean prefix) {
    public SearchTerm {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a search term needs a word");
        }
    }

    /** Whether word {@code index} of this term matches the normalised word {@code candidate}. */
    public boolean matches(int index, String candidate) {
        String word = words.get(index);
        return prefix && index == words.size() - 1 ? candidate.startsWith(word) : candidate.equals(word);
    }
}
