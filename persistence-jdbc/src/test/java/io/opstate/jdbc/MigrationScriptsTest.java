package io.opstate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The objects a migration would create, looked up before it runs so that a name already taken is refused. */
class MigrationScriptsTest {
    @Test
    void aVirtualTableIsCreatedLikeATable() {
        String sql = "-- CREATE TABLE commented_out (x)\n"
                + "CREATE TABLE opstate_search_documents (id INTEGER PRIMARY KEY);\n"
                + "CREATE UNIQUE INDEX opstate_search_documents_entry ON opstate_search_documents (id);\n"
                + "CREATE VIRTUAL TABLE opstate_search_index USING fts5(words, content = '');\n";

        assertThat(MigrationScripts.createdObjects(sql)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "opstate_search_documents", "table", "opstate_search_documents_entry", "index",
                "opstate_search_index", "table"));
    }
}
