-- Full-text search over constructs (title and metadata strings) and transcript entries (content).
-- New tables only: no existing row changes. The words indexed are made by OpState itself (lower-cased
-- runs of letters and digits without accents, joined by single spaces), the same on every backend, so
-- FTS5's tokenizer only ever splits at those spaces; it is told not to strip accents so it cannot
-- change a word. Filled for existing rows by the migration that follows this one.
--
-- One document per searchable text: a construct (session_id and sequence null) or an entry. Its id
-- is the rowid of its words in opstate_search_index. FTS5 keeps no copy of the text (content='');
-- snippets are cut from the stored title, metadata or content.
CREATE TABLE opstate_search_documents (
    id           INTEGER PRIMARY KEY,
    construct_id TEXT    NOT NULL,
    session_id   TEXT,
    sequence     INTEGER,
    -- the entry's time of append, or the construct's time of creation: what a search's time range filters
    created_at   TEXT    NOT NULL,
    CHECK ((session_id IS NULL) = (sequence IS NULL))
) STRICT;

-- an entry's document, when a purge deletes the entry (and to index each entry once)
CREATE UNIQUE INDEX opstate_search_documents_entry
    ON opstate_search_documents (session_id, sequence) WHERE session_id IS NOT NULL;
-- a construct's own document, when its title or metadata changes or it is deleted
CREATE UNIQUE INDEX opstate_search_documents_construct
    ON opstate_search_documents (construct_id) WHERE session_id IS NULL;

CREATE VIRTUAL TABLE opstate_search_index USING fts5(
    words, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0');
