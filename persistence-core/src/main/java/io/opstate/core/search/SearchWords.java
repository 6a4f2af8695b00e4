package io.opstate.core.search;

import io.opstate.core.TextChecks;
import io.opstate.search.SearchRepository;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts text into the words the search index holds, the same way for every backend: a word is a
 * run of letters and digits, lower-cased, with accents and other combining marks removed
 * (compatibility decomposition, so {@code ﬁ} is {@code fi} and full-width letters are plain;
 * Hangul syllables stay whole), the Greek final sigma folded into sigma;
 * everything else separates words. Words longer than {@value #MAX_WORD_LENGTH} characters are cut
 * to that length. Backends never cut text themselves: they store {@link #indexText} and are
 * queried with words made here, so SQLite's and PostgreSQL's own tokenisers only ever see single
 * words of letters and digits separated by spaces.
 */
public final class SearchWords {
    /** Longest word kept, in characters; the rest of a longer word is dropped. */
    public static final int MAX_WORD_LENGTH = 64;
    /**
     * Most UTF-8 bytes of one index text: keeps PostgreSQL's tsvector (at most 1 MB) within
     * bounds whatever the text, with room for positions.
     */
    public static final int MAX_INDEX_BYTES = 256 * 1024;
    /**
     * Occurrences of one word in one text the index holds: PostgreSQL's tsvector keeps the
     * positions of at most 256 occurrences of a word, so a phrase meeting a later one would be
     * found on other backends only.
     */
    public static final int MAX_OCCURRENCES = 256;
    /**
     * What the index holds in place of an occurrence beyond {@link #MAX_OCCURRENCES}: a private-use
     * character, never part of a word and so of a query, which FTS5's tokenizer keeps as a word.
     */
    public static final String FILLER = "\uE000";

    private SearchWords() {
    }

    /**
     * A word of a text.
     *
     * @param word the normalised word
     * @param start index of its first character in the original text
     * @param end index after its last character in the original text
     */
    public record Word(String word, int start, int end) {
    }

    /** The words of {@code text}, at most {@code maxWords} of them from the start; null holds none. */
    public static List<Word> words(String text, int maxWords) {
        List<Word> words = new ArrayList<>();
        scan(text, maxWords, (word, length, start, end) -> words.add(new Word(word.substring(0, length), start, end)));
        return words;
    }

    /**
     * What the index holds for {@code texts} taken one after the other: their words joined by
     * single spaces, at most {@value SearchRepository#MAX_INDEXED_WORDS} words and
     * {@value #MAX_INDEX_BYTES} bytes in all. Only the first {@value #MAX_OCCURRENCES} occurrences
     * of a word are kept; each later one is replaced by {@link #FILLER}, which keeps the positions
     * of the words after it and matches no query.
     */
    public static String indexText(String... texts) {
        IndexText index = new IndexText();
        for (String text : texts) {
            if (!scan(text, SearchRepository.MAX_INDEXED_WORDS - index.count, index)) {
                break;
            }
        }
        return index.joined.toString();
    }

    /** Takes the words of a text as they are cut. */
    private interface WordSink {
        /**
         * @param word holds the normalised word in its first {@code length} characters; valid
         *             during the call only
         * @param start index of its first character in the original text
         * @param end index after its last character in the original text
         * @return false to stop: no more words are wanted, of this text or of any other
         */
        boolean accept(StringBuilder word, int length, int start, int end);
    }

    /**
     * Gives {@code sink} the words of {@code text}, at most {@code maxWords}; false when the sink
     * stopped. The index text is built from here without a string or record per word: it is made
     * for every transcript entry, on the caller's thread, and was most of what an append allocated.
     */
    private static boolean scan(String text, int maxWords, WordSink sink) {
        if (text == null) {
            return true;
        }
        StringBuilder word = new StringBuilder();
        int taken = 0;
        int start = -1;
        int i = 0;
        while (i < text.length() && taken < maxWords) {
            int codePoint = text.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            if (isMark(codePoint)) {
                // part of the word it follows, and dropped like every accent
                if (start >= 0) {
                    i = next;
                    continue;
                }
            } else if (Character.isLetterOrDigit(codePoint)) {
                if (start < 0) {
                    start = i;
                }
                appendNormalised(word, codePoint);
                i = next;
                continue;
            }
            if (start >= 0) {
                if (word.length() > 0) { // normalising may have left nothing of it
                    if (!sink.accept(word, cutLength(word), start, i)) {
                        return false;
                    }
                    taken++;
                }
                word.setLength(0);
                start = -1;
            }
            i = next;
        }
        if (start >= 0 && taken < maxWords && word.length() > 0) {
            return sink.accept(word, cutLength(word), start, i);
        }
        return true;
    }

    /** Builds an index text: words joined by single spaces, within the limits of {@link #indexText}. */
    private static final class IndexText implements WordSink {
        private final StringBuilder joined = new StringBuilder();
        /** Occurrences of each word; counted only once a word could pass {@link #MAX_OCCURRENCES}. */
        private Map<String, Integer> occurrences;
        private int count;
        private long bytes;

        @Override
        public boolean accept(StringBuilder word, int length, int start, int end) {
            CharSequence indexed = word;
            int indexedLength = length;
            if (count >= MAX_OCCURRENCES) {
                if (occurrences == null) {
                    occurrences = countWords(joined);
                }
                if (occurrences.merge(word.substring(0, length), 1, Integer::sum) > MAX_OCCURRENCES) {
                    indexed = FILLER;
                    indexedLength = FILLER.length();
                }
            }
            long size = TextChecks.utf8Length(indexed, 0, indexedLength) + 1;
            if (bytes + size > MAX_INDEX_BYTES) {
                return false;
            }
            if (count > 0) {
                joined.append(' ');
            }
            joined.append(indexed, 0, indexedLength);
            bytes += size;
            count++;
            return true;
        }

        /** The words held so far: none is a filler yet, as no word occurred more often than there are words. */
        private static Map<String, Integer> countWords(CharSequence joined) {
            Map<String, Integer> counts = new HashMap<>();
            for (String word : joined.toString().split(" ")) {
                counts.merge(word, 1, Integer::sum);
            }
            return counts;
        }
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static void appendNormalised(StringBuilder word, int codePoint) {
        if (codePoint < 0x80) {
            word.append((char) Character.toLowerCase(codePoint));
            return;
        }
        StringBuilder parts = new StringBuilder();
        Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKD).codePoints()
                .filter(part -> !isMark(part) && Character.isLetterOrDigit(part))
                .forEach(part -> parts.appendCodePoint(lowerCase(part)));
        // composes again what decomposing split without a mark to drop: Hangul syllables
        word.append(parts.length() > 1 ? Normalizer.normalize(parts, Normalizer.Form.NFC) : parts);
    }

    /** Lower case, with the Greek final sigma as a plain sigma, as upper case knows only one. */
    private static int lowerCase(int codePoint) {
        int lower = Character.toLowerCase(codePoint);
        return lower == 'ς' ? 'σ' : lower;
    }

    /** How much of a word is kept: {@value #MAX_WORD_LENGTH} characters at most, never half a surrogate pair. */
    private static int cutLength(StringBuilder word) {
        if (word.length() <= MAX_WORD_LENGTH) {
            return word.length();
        }
        return Character.isHighSurrogate(word.charAt(MAX_WORD_LENGTH - 1)) ? MAX_WORD_LENGTH - 1 : MAX_WORD_LENGTH;
    }
}
