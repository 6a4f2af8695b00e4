/**
 * Full-text search across constructs: their titles, the text of their metadata, and the content
 * of their sessions' transcripts. See {@link io.opstate.search.SearchRepository}.
 */
package io.opstate.search;
