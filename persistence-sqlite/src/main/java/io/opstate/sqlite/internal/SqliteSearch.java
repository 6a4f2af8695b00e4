package io.opstate.sqlite.internal;

import io.opstate.core.search.SearchTerm;
import io.opstate.jdbc.SearchDialect;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * SQLite keeps the words in the contentless FTS5 table {@code opstate_search_index}, whose rowid
 * is the document's id, and ranks by {@code bm25}. A term is an FTS5 string in double quotes (a
 * phrase of its words), followed by {@code *} for a prefix; terms are joined by {@code AND}.
 */
final class SqliteSearch implements SearchDialect {
    static final String INDEX = "opstate_search_index";
    /**
     * Characters of words added per page merged. At 512 a million entries written 200 to a
     * transaction end in 9 segments (automatic merging: 11; at 1,024: 17, and searches 5-30 %
     * slower), in the same time (docs/benchmarks.md).
     */
    static final int CHARS_PER_MERGED_PAGE = 512;

    @Override
    public String documentWords(String name) {
        return null;
    }

    @Override
    public String storedWords(String indexText) {
        return indexText;
    }

    @Override
    public String insertIndexRows(int count) {
        StringJoiner rows = new StringJoiner(", ", "INSERT INTO " + INDEX + " (rowid, words) VALUES ", "");
        for (int i = 0; i < count; i++) {
            rows.add("(:id" + i + ", :words" + i + ")");
        }
        return rows.toString();
    }

    @Override
    public String deleteIndexRows(String condition) {
        // contentless_delete=1 lets a contentless table delete rows by rowid
        return "DELETE FROM " + INDEX + " WHERE rowid IN (SELECT id FROM opstate_search_documents WHERE "
                + condition + ")";
    }

    /**
     * FTS5's 'merge' command, writing about one merged page per {@value #CHARS_PER_MERGED_PAGE}
     * characters added. Automatic merging is off from schema version 16: it merged 64 pages per
     * level of the index, inside the insert that happened to write the 64th leaf page since the
     * last merge, and held that transaction's whole batch of writers up for tens of milliseconds.
     * A positive slice merges only a level holding {@code usermerge} (4) segments or more, so
     * while there is nothing to merge it costs a read of the index's structure.
     */
    @Override
    public String mergeIndexSlice(String name) {
        return "INSERT INTO " + INDEX + " (" + INDEX + ", rank) VALUES ('merge', (:" + name + " + "
                + (CHARS_PER_MERGED_PAGE - 1) + ") / " + CHARS_PER_MERGED_PAGE + ")";
    }

    /** FTS5's 'merge' command writing at most about {@code pages} pages, for maintenance. */
    static String mergePages(int pages) {
        return "INSERT INTO " + INDEX + " (" + INDEX + ", rank) VALUES ('merge', " + pages + ")";
    }

    @Override
    public String clearIndex() {
        return "INSERT INTO " + INDEX + " (" + INDEX + ") VALUES ('delete-all')";
    }

    @Override
    public String searchedDocuments() {
        return INDEX + " JOIN opstate_search_documents d ON d.id = " + INDEX + ".rowid";
    }

    @Override
    public String matches(String name) {
        return INDEX + " MATCH :" + name;
    }

    @Override
    public String rank(String name) {
        return "bm25(" + INDEX + ")";
    }

    @Override
    public String beforeSearch() {
        return null;
    }

    @Override
    public String afterSearch() {
        return null;
    }

    @Override
    public String matchQuery(List<SearchTerm> terms) {
        return terms.stream()
                .map(term -> "\"" + String.join(" ", term.words()) + "\"" + (term.prefix() ? "*" : ""))
                .collect(Collectors.joining(" AND "));
    }
}
