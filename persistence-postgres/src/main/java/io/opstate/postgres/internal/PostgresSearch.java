package io.opstate.postgres.internal;

import io.opstate.core.search.SearchTerm;
import io.opstate.jdbc.SearchDialect;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PostgreSQL keeps the words in the documents' {@code tsvector} column, under a GIN index, and
 * ranks by {@code ts_rank_cd}. Both the vector and the query are written as literals and cast,
 * never passed through {@code to_tsvector} or {@code to_tsquery}, so no text search configuration
 * of the server stems, drops or splits a word: {@code 'deploy':1 'failed':2} and
 * {@code 'deploy' <-> 'fail':* & 'disk'}.
 */
final class PostgresSearch implements SearchDialect {
    @Override
    public String documentWords(String name) {
        return "CAST(:" + name + " AS tsvector)";
    }

    /** Each word quoted with its position, from 1; words are letters and digits, so the quotes need no escaping. */
    @Override
    public String storedWords(String indexText) {
        if (indexText.isEmpty()) {
            return "";
        }
        StringBuilder vector = new StringBuilder(indexText.length() * 2);
        int position = 0;
        int start = 0;
        while (start <= indexText.length()) {
            int end = indexText.indexOf(' ', start);
            if (end < 0) {
                end = indexText.length();
            }
            if (position > 0) {
                vector.append(' ');
            }
            vector.append('\'').append(indexText, start, end).append("':").append(++position);
            start = end + 1;
        }
        return vector.toString();
    }

    @Override
    public String insertIndexRows(int count) {
        return null;
    }

    @Override
    public String deleteIndexRows(String condition) {
        return null;
    }

    @Override
    public String mergeIndexSlice(String name) {
        // the words sit in the documents' GIN index, which merges its pending list itself (version 15)
        return null;
    }

    @Override
    public String clearIndex() {
        return null;
    }

    @Override
    public String searchedDocuments() {
        return "opstate_search_documents d";
    }

    @Override
    public String matches(String name) {
        return "d.words @@ CAST(:" + name + " AS tsquery)";
    }

    @Override
    public String rank(String name) {
        return "-ts_rank_cd(d.words, CAST(:" + name + " AS tsquery))";
    }

    /**
     * No parallel workers: the planner cannot estimate how many texts hold a word it has no
     * statistics for (most words a host searches), guesses thousands, and plans a parallel
     * gather whose workers take longer to start (8-15 ms measured) than the GIN lookup and join
     * take for a rare word (about 1 ms).
     */
    @Override
    public String beforeSearch() {
        return "SET max_parallel_workers_per_gather = 0";
    }

    @Override
    public String afterSearch() {
        return "RESET max_parallel_workers_per_gather";
    }

    @Override
    public String matchQuery(List<SearchTerm> terms) {
        return terms.stream().map(PostgresSearch::term).collect(Collectors.joining(" & "));
    }

    private static String term(SearchTerm term) {
        String phrase = term.words().stream().map(word -> "'" + word + "'").collect(Collectors.joining(" <-> "));
        return term.prefix() ? phrase + ":*" : phrase;
    }
}
