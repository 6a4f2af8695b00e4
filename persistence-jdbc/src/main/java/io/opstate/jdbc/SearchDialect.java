package io.opstate.jdbc;

import io.opstate.core.search.SearchTerm;
import java.util.List;

/**
 * Where one SQL product keeps the words of the search index and how it matches and ranks them
 * (schema version 6). Every document is a row of {@code opstate_search_documents}; its words sit
 * either in a column of that row (PostgreSQL's {@code tsvector}) or in a separate index keyed by
 * the document's id (SQLite's FTS5 table). The words themselves are always made by OpState
 * ({@link io.opstate.core.search.SearchDocuments}): single words of letters and digits,
 * separated by spaces, so no tokeniser of the database changes them. Stateless, thread-safe.
 */
public interface SearchDialect {
    /**
     * The SQL expression storing the words bound to parameter {@code name} (as {@link #storedWords}
     * made them) in the documents' words column, e.g. {@code CAST(:name AS tsvector)}; null where
     * documents have no words column and the words go into the separate index
     * ({@link #insertIndexRows}).
     */
    String documentWords(String name);

    /** The value bound for the words of {@code indexText} (words separated by single spaces). */
    String storedWords(String indexText);

    /**
     * The statement adding the words of {@code count} documents to the separate index, with
     * parameters {@code :id<i>} (the document's id) and {@code :words<i>} ({@link #storedWords})
     * for i in 0..count-1; null where the words are stored with the documents.
     */
    String insertIndexRows(int count);

    /**
     * The statement removing from the separate index the words of every document that
     * {@code condition}, a condition on the columns of {@code opstate_search_documents}, selects;
     * to run before those documents are deleted. Null where the words go with their documents.
     */
    String deleteIndexRows(String condition);

    /**
     * The statement merging a slice of the separate index, sized for a transaction that has just
     * added {@code :<name>} characters of words to it; null where the product keeps its index
     * merged without being asked. Each transaction that adds words runs it once, after adding
     * them, so merging is spread over every such transaction in proportion to what it wrote,
     * rather than done whole inside the one transaction that crosses a threshold.
     */
    String mergeIndexSlice(String name);

    /** The statement emptying the separate index at once; null where the words go with their documents. */
    String clearIndex();

    /**
     * The {@code FROM} item of a search: the documents, aliased {@code d}, joined with whatever
     * holds their words.
     */
    String searchedDocuments();

    /** The condition that a document's words match the query bound to parameter {@code name} ({@link #matchQuery}). */
    String matches(String name);

    /** An expression ranking a document against the query bound to {@code name}: smaller for a better match. */
    String rank(String name);

    /**
     * A statement run on the search's connection just before it, or null: what the product's
     * planner needs to plan a search well. {@link #afterSearch} undoes it.
     */
    String beforeSearch();

    /** The statement undoing {@link #beforeSearch}, run after the search even when it failed; null when there is none. */
    String afterSearch();

    /**
     * The query, in the product's own search syntax, that matches a text holding every term: a
     * term's words next to each other, in order, its last word as a prefix when the term says so.
     * Terms hold only words of letters and digits, so nothing in them needs escaping.
     */
    String matchQuery(List<SearchTerm> terms);
}
