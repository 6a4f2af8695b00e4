package io.opstate.core.search;

/**
 * The index text of each kind of searchable text, made the same way on every write path (create,
 * update, append, rebuild, migration) and every backend.
 */
public final class SearchDocuments {
    private SearchDocuments() {
    }

    /** A construct's index text: the words of its title, then of its metadata's strings. */
    public static String construct(String title, String metadataJson) {
        return SearchWords.indexText(title, MetadataText.of(metadataJson));
    }

    /** A transcript entry's index text: the words of its content. */
    public static String entry(String content) {
        return SearchWords.indexText(content);
    }
}
