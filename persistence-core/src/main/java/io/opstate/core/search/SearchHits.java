package io.opstate.core.search;

import io.opstate.Page;
import io.opstate.search.SearchField;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchRepository;
import io.opstate.search.Snippet;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a backend found into a page of hits, each with a snippet of its text around the
 * first match: made here, from the stored text and the query's terms, so snippets are the same on
 * every backend.
 */
public final class SearchHits {
    /** Words a snippet shows before its first match. */
    static final int WORDS_BEFORE = 8;
    /** Most words a snippet shows. */
    static final int WORDS_SHOWN = 32;
    /** Most characters of text a snippet shows, cutting long words and gaps. */
    static final int MAX_SNIPPET_CHARS = 320;
    /** Most characters from the start of the first word shown to the first match. */
    static final int CHARS_BEFORE = MAX_SNIPPET_CHARS / 3;
    /** Longest text before a text's first word that a snippet shows; longer, it is left out. */
    static final int MAX_GAP = 16;
    static final String CUT = "…";

    private SearchHits() {
    }

    /**
     * The page of {@code request} from {@code candidates}, the backend's ranked texts starting at
     * the request's offset: at most {@code limit + 1} of them, the extra one only telling that
     * more follow.
     */
    public static Page<SearchHit> page(SearchRequest request, List<SearchCandidate> candidates) {
        int shown = Math.min(candidates.size(), request.limit());
        List<SearchHit> hits = new ArrayList<>(shown);
        for (SearchCandidate candidate : candidates.subList(0, shown)) {
            hits.add(hit(candidate, request.terms()));
        }
        return new Page<>(hits, request.nextCursor(candidates.size() > request.limit()));
    }

    /** The hit of one found text. */
    public static SearchHit hit(SearchCandidate candidate, List<SearchTerm> terms) {
        if (candidate.isEntry()) {
            return new SearchHit(candidate.constructId(), candidate.constructType(), candidate.sessionId(),
                    candidate.sequence(), SearchField.CONTENT, snippet(candidate.content(), terms), candidate.at());
        }
        Snippet title = snippet(candidate.title(), terms);
        boolean inTitle = !title.matches().isEmpty() || candidate.metadata() == null;
        return new SearchHit(candidate.constructId(), candidate.constructType(), null, null,
                inTitle ? SearchField.TITLE : SearchField.METADATA,
                inTitle ? title : snippet(MetadataText.of(candidate.metadata()), terms), candidate.at());
    }

    /**
     * The part of {@code text} around its first match of any term, every match in it located: up
     * to {@value #WORDS_BEFORE} words (and about a third of the room) before the first match, at
     * most {@value #WORDS_SHOWN} words and {@value #MAX_SNIPPET_CHARS} characters of text in all,
     * {@code …} where text was left out. The first match is always shown, cut itself if longer
     * than the room. Without a match, the start of the text.
     */
    public static Snippet snippet(String text, List<SearchTerm> terms) {
        if (text == null || text.isEmpty()) {
            return new Snippet("", List.of());
        }
        List<SearchWords.Word> words = SearchWords.words(text, SearchRepository.MAX_INDEXED_WORDS);
        if (words.isEmpty()) {
            int end = cutAt(text, Math.min(text.length(), MAX_SNIPPET_CHARS));
            return new Snippet(printable(text.substring(0, end)) + (end < text.length() ? CUT : ""), List.of());
        }
        boolean[] matched = matchedWords(words, terms);
        int first = 0;
        while (first < words.size() && !matched[first]) {
            first++;
        }
        if (first == words.size()) {
            first = 0;
        }
        int from = first;
        while (from > 0 && first - from < WORDS_BEFORE
                && words.get(first).start() - words.get(from - 1).start() <= CHARS_BEFORE) {
            from--;
        }
        int to = Math.min(words.size(), from + WORDS_SHOWN);

        StringBuilder out = new StringBuilder();
        int at = words.get(from).start();
        if (from > 0 || at > MAX_GAP) {
            out.append(CUT);
        } else {
            at = 0;
        }
        List<Snippet.Match> matches = new ArrayList<>();
        boolean whole = true;
        for (int i = from; i < to; i++) {
            SearchWords.Word word = words.get(i);
            int room = MAX_SNIPPET_CHARS - out.length() - (word.start() - at);
            if (word.end() - word.start() > room) {
                if (i == from || i == first || room >= MAX_GAP) {
                    // the first word shown and the first match are shown even if cut; others when there is room
                    out.append(printable(text.substring(at, word.start())));
                    int shownStart = out.length();
                    out.append(printable(text.substring(word.start(), cutAt(text, word.start() + Math.max(1, room)))));
                    if (matched[i]) {
                        matches.add(new Snippet.Match(shownStart, out.length()));
                    }
                }
                whole = false;
                break;
            }
            out.append(printable(text.substring(at, word.start())));
            int shownStart = out.length();
            out.append(printable(text.substring(word.start(), word.end())));
            if (matched[i]) {
                matches.add(new Snippet.Match(shownStart, out.length()));
            }
            at = word.end();
        }
        if (whole && to == words.size()) {
            int end = cutAt(text, Math.min(text.length(), at + Math.max(0, MAX_SNIPPET_CHARS - out.length())));
            out.append(printable(text.substring(at, end)));
            at = end;
        }
        if (!whole || at < text.length()) {
            out.append(CUT);
        }
        return new Snippet(out.toString(), matches);
    }

    /** {@code end}, or one less when that would split a surrogate pair. */
    private static int cutAt(String text, int end) {
        return end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
                && Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end;
    }

    /** Which words belong to an occurrence of some term (a word, a phrase, a prefix). */
    private static boolean[] matchedWords(List<SearchWords.Word> words, List<SearchTerm> terms) {
        boolean[] matched = new boolean[words.size()];
        for (SearchTerm term : terms) {
            int length = term.words().size();
            for (int i = 0; i + length <= words.size(); i++) {
                boolean all = true;
                for (int k = 0; k < length && all; k++) {
                    all = term.matches(k, words.get(i + k).word());
                }
                if (all) {
                    for (int k = 0; k < length; k++) {
                        matched[i + k] = true;
                    }
                }
            }
        }
        return matched;
    }

    /** Line breaks, tabs and other control characters shown as spaces, keeping the length. */
    private static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, ' ');
            }
        }
        return out == null ? text : out.toString();
    }
}
