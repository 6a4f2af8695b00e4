package io.opstate.postgres.plans;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.Datastore;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructQuery;
import io.opstate.postgres.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Listing constructs by metadata on PostgreSQL: a value that few constructs hold is found through
 * the GIN index of the metadata column (containment, {@code metadata @> filter}, is the part of the
 * filter the index serves), while a value most constructs hold is listed by walking the
 * (created_at, id) index, which meets a page of matches at once. The statement binds the filter,
 * so both plans come from the same SQL. The index scans the server counts tell which index served
 * the listings.
 */
class MetadataListingPlanTest {
    private static final int CONSTRUCTS = 200_000;
    private static final int LISTINGS = 12;
    private static final int COMMON_LISTINGS = 10;

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Test
    void aRareMetadataValueIsListedThroughTheGinIndexACommonOneAlongCreationTime() throws Exception {
        String schema = DATABASE.newSchema();
        try (Datastore store = open(schema)) {
            store.maintenance().health(); // opening migrated the schema
        }
        try (Connection admin = PostgresTestDatabase.connect(); Statement statement = admin.createStatement()) {
            statement.execute("SET search_path = " + schema);
            // 10,000 repositories, 20 constructs each, spread evenly over time; every construct "common"
            statement.execute("INSERT INTO opstate_constructs (id, type, status, metadata, created_at, updated_at)"
                    + " SELECT lpad(g::text, 10, '0'), 'plan', 'draft', jsonb_build_object('repo', 'r' || (g % 10000), 'n', g, 'common', true),"
                    + " timestamptz '2026-01-01 00:00:00+00' + g * interval '1 millisecond', now()"
                    + " FROM generate_series(1, " + CONSTRUCTS + ") g");
            // Statistics of every row, so that a plan made with the value knows how rare it is; a
            // sample could hold one of the listed repositories and make it look a hundred times commoner.
            statement.execute("ALTER TABLE opstate_constructs ALTER COLUMN metadata SET STATISTICS 10000");
            statement.execute("VACUUM ANALYZE opstate_constructs");
            Map<String, Long> before = IndexScans.of(admin, schema, "opstate_constructs");

            try (Datastore store = open(schema)) {
                for (int i = 0; i < COMMON_LISTINGS; i++) {
                    assertThat(store.constructs().list(ConstructQuery.all().withMetadata("{\"common\": true}"),
                            PageRequest.first(50)).items()).hasSize(50);
                }
                for (int i = 0; i < LISTINGS; i++) {
                    String repo = "r" + (7 + i);
                    Page<Construct> page = store.constructs().list(ConstructQuery.all()
                            .withMetadata("{\"repo\": \"" + repo + "\"}"), PageRequest.first(50));
                    assertThat(page.items()).hasSize(20).allSatisfy(construct ->
                            assertThat(construct.metadata()).contains("\"" + repo + "\""));
                }
            } // closing the pool ends its server processes, which report their index scans as they exit

            Map<String, Long> after = IndexScans.await(admin, schema, "opstate_constructs", now ->
                    now.get("opstate_constructs_metadata") - before.get("opstate_constructs_metadata") >= LISTINGS
                            && now.get("opstate_constructs_created") - before.get("opstate_constructs_created")
                            >= COMMON_LISTINGS);
            assertThat(after.get("opstate_constructs_metadata") - before.get("opstate_constructs_metadata"))
                    .as("listings served by the GIN index: the rare values'").isEqualTo(LISTINGS);
            assertThat(after.get("opstate_constructs_created") - before.get("opstate_constructs_created"))
                    .as("listings that walked (created_at, id) filtering by metadata: the common value's")
                    .isEqualTo(COMMON_LISTINGS);
        }
    }

    private static Datastore open(String schema) {
        return Persistence.open(PersistenceConfig.builder(PostgresTestDatabase.url()).schema(schema).build());
    }
}
