package io.opstate.memory.internal;

import io.opstate.core.search.SearchTerm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * The in-process full-text index of one memory store: the words of each searchable text (made by
 * {@link io.opstate.core.search.SearchDocuments}, as on every backend) and, for each word, the
 * texts holding it. Ranks with BM25 over the query's terms. Changes come with the writes that
 * cause them and are undone with them (see {@link SessionLogs}, {@link ConstructTexts}). Not
 * thread-safe on its own: callers hold the store's lock.
 */
final class SearchIndex {
    private static final double K1 = 1.2;
    private static final double B = 0.75;

    /**
     * The indexed words of one text, in order, and the time a hit on it carries.
     *
     * @param words the normalised words, at least one
     * @param at the entry's time of append, or the construct's time of creation
     */
    record Text(String[] words, Instant at) {
        /** The text of {@code indexText} (words separated by single spaces); null when it holds no word. */
        static Text of(String indexText, Instant at) {
            return indexText.isEmpty() ? null : new Text(indexText.split(" "), at);
        }
    }

    /** A text that matched, with its score: the higher, the better. */
    record Ranked(TextKey key, Instant at, double score) {
        /** Best first; equal scores newest first, then by key, so pages never overlap. */
        static final Comparator<Ranked> BEST_FIRST = Comparator.comparingDouble(Ranked::score).reversed()
                .thenComparing(Ranked::at, Comparator.reverseOrder())
                .thenComparing(Ranked::key, TextKey.ORDER);
    }

    private final Map<TextKey, Text> texts = new HashMap<>();
    private final NavigableMap<String, Set<TextKey>> postings = new TreeMap<>();
    private long totalWords;

    /** Indexes {@code text} under {@code key}, replacing what was there; a null text only removes. Returns the old text. */
    Text put(TextKey key, Text text) {
        Text old = remove(key);
        if (text != null) {
            texts.put(key, text);
            for (String word : distinct(text)) {
                postings.computeIfAbsent(word, ignored -> new HashSet<>()).add(key);
            }
            totalWords += text.words().length;
        }
        return old;
    }

    /** Removes the text under {@code key}; returns it, or null when there was none. */
    Text remove(TextKey key) {
        Text old = texts.remove(key);
        if (old != null) {
            for (String word : distinct(old)) {
                Set<TextKey> holders = postings.get(word);
                holders.remove(key);
                if (holders.isEmpty()) {
                    postings.remove(word);
                }
            }
            totalWords -= old.words().length;
        }
        return old;
    }

    void clear() {
        texts.clear();
        postings.clear();
        totalWords = 0;
    }

    /**
     * The texts matching every term and accepted by {@code keep}, with their scores, in no order.
     */
    List<Ranked> find(List<SearchTerm> terms, BiPredicate<TextKey, Instant> keep) {
        List<Set<TextKey>> holders = new ArrayList<>(terms.size());
        for (SearchTerm term : terms) {
            holders.add(holdingAllWords(term));
        }
        Set<TextKey> candidates = holders.stream().min(Comparator.comparingInt(Set::size)).orElseThrow();
        double averageLength = texts.isEmpty() ? 1 : (double) totalWords / texts.size();
        List<Ranked> found = new ArrayList<>();
        for (TextKey key : candidates) {
            if (!holders.stream().allMatch(set -> set.contains(key))) {
                continue;
            }
            Text text = texts.get(key);
            if (!keep.test(key, text.at())) {
                continue;
            }
            double score = 0;
            for (int t = 0; t < terms.size(); t++) {
                int occurrences = occurrences(terms.get(t), text.words());
                if (occurrences == 0) {
                    score = Double.NaN;
                    break;
                }
                score += bm25(occurrences, text.words().length, averageLength, holders.get(t).size());
            }
            if (!Double.isNaN(score)) {
                found.add(new Ranked(key, text.at(), score));
            }
        }
        return found;
    }

    /** Texts holding every word of {@code term} somewhere (a phrase's order is checked later). */
    private Set<TextKey> holdingAllWords(SearchTerm term) {
        List<String> words = term.words();
        Set<TextKey> result = null;
        for (int i = 0; i < words.size(); i++) {
            Collection<TextKey> holding = term.prefix() && i == words.size() - 1
                    ? holdingPrefix(words.get(i))
                    : postings.getOrDefault(words.get(i), Set.of());
            if (result == null) {
                result = new HashSet<>(holding);
            } else {
                result.retainAll(holding instanceof Set<?> ? holding : new HashSet<>(holding));
            }
            if (result.isEmpty()) {
                break;
            }
        }
        return result;
    }

    private Set<TextKey> holdingPrefix(String prefix) {
        Set<TextKey> holding = new HashSet<>();
        // every char of a word is below \uFFFF, a noncharacter that is never a letter
        postings.subMap(prefix, true, prefix + '\uFFFF', false).values().forEach(holding::addAll);
        return holding;
    }

    /** How many times {@code term} occurs in {@code words}, its words next to each other in order. */
    static int occurrences(SearchTerm term, String[] words) {
        int length = term.words().size();
        int count = 0;
        for (int i = 0; i + length <= words.length; i++) {
            boolean all = true;
            for (int k = 0; k < length && all; k++) {
                all = term.matches(k, words[i + k]);
            }
            if (all) {
                count++;
            }
        }
        return count;
    }

    private double bm25(int occurrences, int length, double averageLength, int holding) {
        double idf = Math.log(1 + (texts.size() - holding + 0.5) / (holding + 0.5));
        return idf * occurrences * (K1 + 1) / (occurrences + K1 * (1 - B + B * length / averageLength));
    }

    private static Set<String> distinct(Text text) {
        return text.words().length == 1 ? Set.of(text.words()[0]) : new LinkedHashSet<>(Arrays.asList(text.words()));
    }
}
