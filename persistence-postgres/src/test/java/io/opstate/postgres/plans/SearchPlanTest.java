package io.opstate.postgres.plans;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Searching on PostgreSQL goes through the GIN index of the documents' words: a word few of
 * 100,000 texts hold is found without reading the others, and so is a prefix. The index scans the
 * server counts tell which index served the searches.
 */
class SearchPlanTest {
    private static final int TEXTS = 100_000;
    private static final int SEARCHES = 12;

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Test
    void aRareWordOrPrefixIsFoundThroughTheGinIndex() throws Exception {
        String schema = DATABASE.newSchema();
        try (Datastore store = open(schema)) {
            store.maintenance().health(); // opening migrated the schema
        }
        try (Connection admin = PostgresTestDatabase.connect(); Statement statement = admin.createStatement()) {
            statement.execute("SET search_path = " + schema);
            // 100,000 constructs, each text of two words: one of 5,000 shared by 20 texts, and one all share
            statement.execute("INSERT INTO opstate_constructs (id, type, status, title, created_at, updated_at)"
                    + " SELECT lpad(g::text, 10, '0'), 'plan', 'draft', 'topic' || (g % 5000) || ' common',"
                    + " timestamptz '2026-01-01 00:00:00+00' + g * interval '1 millisecond', now()"
                    + " FROM generate_series(1, " + TEXTS + ") g");
            statement.execute("INSERT INTO opstate_search_documents (construct_id, created_at, words)"
                    + " SELECT id, created_at, CAST('''' || lower(split_part(title, ' ', 1)) || ''':1 ''common'':2'"
                    + " AS tsvector) FROM opstate_constructs");
            statement.execute("VACUUM ANALYZE opstate_search_documents");
            statement.execute("VACUUM ANALYZE opstate_constructs");
            Map<String, Long> before = IndexScans.of(admin, schema, "opstate_search_documents");

            try (Datastore store = open(schema)) {
                for (int i = 0; i < SEARCHES; i++) {
                    String text = i % 2 == 0 ? "topic" + (100 + i) : "topic" + (100 + i) + "*";
                    List<SearchHit> hits = store.search().search(SearchQuery.of(text), PageRequest.first(50)).items();
                    assertThat(hits).as(text).hasSizeBetween(20, 50);
                }
            } // closing the pool ends its server processes, which report their index scans as they exit

            Map<String, Long> after = IndexScans.await(admin, schema, "opstate_search_documents", now ->
                    now.get("opstate_search_documents_words") - before.get("opstate_search_documents_words")
                            >= SEARCHES);
            assertThat(after.get("opstate_search_documents_words") - before.get("opstate_search_documents_words"))
                    .as("searches served by the GIN index of the words").isEqualTo(SEARCHES);
        }
    }

    private static Datastore open(String schema) {
        return Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema).build());
    }
}
