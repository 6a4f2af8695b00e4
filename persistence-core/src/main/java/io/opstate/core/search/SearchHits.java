package io.opstate.core.search;

import io.opstate.Page;
import io.opstate.search.SearchField;
import io.opstate.search.SearchHit;
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

    /** The part of {@code text} around its first match of any term, every match in it located. */
    public static Snippet snippet(String text, List<SearchTerm> terms) {
        if (text == null || text.isEmpty()) {
            return new Snippet("", List.of());
        }
        List<SearchWords.Word> words = SearchWords.words(text, io.opstate.search.SearchRepository.MAX_INDEXED_WORDS);
        boolean[] matched = matchedWords(words, terms);
        int first = 0;
        while (first < words.size() && !matched[first]) {
            first++;
        }
        if (words.isEmpty()) {
            return new Snippet(printable(text.substring(0, Math.min(text.length(), MAX_SNIPPET_CHARS))), List.of());
        }
        if (first == words.size()) {
            first = 0;
        }
        int from = Math.max(0, first - WORDS_BEFORE);
        int to = Math.min(words.size(), from + WORDS_SHOWN);
        int startChar = from == 0 ? 0 : words.get(from).start();
        int endChar = to == words.size() ? text.length() : words.get(to - 1).end();
        StringBuilder out = new StringBuilder();
        if (startChar > 0) {
            out.append(CUT);
        }
        List<Snippet.Match> matches = new ArrayList<>();
        int at = startChar;
        for (int i = from; i < to; i++) {
            SearchWords.Word word = words.get(i);
            if (out.length() + (word.end() - at) > MAX_SNIPPET_CHARS) {
                endChar = at;
                break;
            }
            out.append(printable(text.substring(at, word.start())));
            int start = out.length();
            out.append(printable(text.substring(word.start(), word.end())));
            if (matched[i]) {
                matches.add(new Snippet.Match(start, out.length()));
            }
            at = word.end();
        }
        if (at == words.get(to - 1).end() && to == words.size()) {
            String tail = text.substring(at, Math.min(text.length(), at + Math.max(0, MAX_SNIPPET_CHARS - out.length())));
            out.append(printable(tail));
            at += tail.length();
        }
        if (at < text.length()) {
            out.append(CUT);
        }
        return new Snippet(out.toString(), matches);
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
            if (Character.isISOControl(text.charAt(i))) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, ' ');
            }
        }
        return out == null ? text : out.toString();
    }
}
