package io.opstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.TimeSource;
import io.opstate.artifacts.ArtifactStorage;
import io.opstate.artifacts.NewArtifact;
import io.opstate.cli.testing.OneOfEverything;
import io.opstate.constructs.NewConstruct;
import io.opstate.postgres.testing.PostgresTestDatabase;
import io.opstate.tck.SettableClock;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code opstate usage} (and {@code opstate artifacts usage}, the same command) on SQLite and PostgreSQL. */
class UsageCommandTest {
    private static final String SECRET = "s3cr3t-Pa55";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsEachConstructByTypeThenTheStoresTotals() {
        String url = populatedSqlite();
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).build())) {
            store.constructs().create(NewConstruct.of("empty", "idle").withId("construct-none"));
            store.artifacts().put(NewArtifact.of("construct-plan", "diff", "a.diff", "text/x-diff"), bytes("12345"));
            store.artifacts().put(NewArtifact.of("construct-plan", "diff", "b.diff", "text/x-diff"), bytes("123"));
        }

        assertThat(run("usage", "--url", url)).as(err.toString()).isZero();

        assertThat(out.toString()).containsPattern("construct-impl +command-log +1 +10 +\\d+")
                .containsPattern("construct-plan +diff +2 +8 +\\d+")
                .containsPattern("\\(all\\) +3 +18 +\\d+")
                .doesNotContain("construct-none");
        assertThat(out.toString().lines()).first().asString().contains("construct", "type", "artifacts",
                "logical bytes", "stored bytes");
    }

    @Test
    void oneConstructByTypeWithItsTotal() {
        String url = populatedSqlite();

        assertThat(run("usage", "--url", url, "--construct", "construct-impl")).as(err.toString()).isZero();

        assertThat(out.toString()).containsPattern("construct-impl +command-log +1 +10 +\\d+")
                .containsPattern("construct-impl +total +1 +10 +\\d+").doesNotContain("(all)");
    }

    @Test
    void artifactsUsageIsTheSameCommand() {
        String url = populatedSqlite();
        assertThat(run("usage", "--url", url)).isZero();
        String top = out.toString();
        out.getBuffer().setLength(0);

        assertThat(run("artifacts", "usage", "--url", url)).as(err.toString()).isZero();

        assertThat(out.toString()).isEqualTo(top);
    }

    @Test
    void jsonForScripts() throws Exception {
        String url = populatedSqlite();

        assertThat(run("usage", "--url", url, "--json")).as(err.toString()).isZero();
        JsonNode all = JSON.readTree(out.toString());
        assertThat(all.get("constructs")).hasSize(1);
        JsonNode impl = all.get("constructs").get(0);
        assertThat(impl.get("id").asText()).isEqualTo("construct-impl");
        assertThat(impl.get("types").get("command-log").get("artifacts").asLong()).isEqualTo(1);
        assertThat(impl.get("types").get("command-log").get("logicalBytes").asLong()).isEqualTo(10);
        assertThat(impl.has("total")).isFalse();
        assertThat(all.get("totals").get("artifacts").asLong()).isEqualTo(1);
        assertThat(all.get("totals").get("storedBytes").asLong()).isPositive();

        out.getBuffer().setLength(0);
        assertThat(run("usage", "--url", url, "--json", "--construct", "construct-impl")).isZero();
        JsonNode one = JSON.readTree(out.toString());
        assertThat(one.get("constructs").get(0).get("total").get("logicalBytes").asLong()).isEqualTo(10);
        assertThat(one.has("totals")).isFalse();
    }

    @Test
    void aStoreWithoutArtifactsPrintsZeroTotals() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("empty.db");
        Persistence.open(PersistenceConfig.builder(url).build()).close();

        assertThat(run("usage", "--url", url, "--json")).as(err.toString()).isZero();

        JsonNode all = JSON.readTree(out.toString());
        assertThat(all.get("constructs")).isEmpty();
        assertThat(all.get("totals").get("artifacts").asLong()).isZero();
    }

    @Test
    void anUnknownConstructFailsWithExitOne() {
        String url = populatedSqlite();

        assertThat(run("usage", "--url", url, "--construct", "nope")).isEqualTo(1);

        assertThat(err.toString()).contains("opstate usage:", "construct", "nope", "does not exist");
    }

    @Test
    void postgresWithThePasswordMasked() {
        String url = POSTGRES.newStoreUrl("password=" + SECRET);
        SettableClock clock = new SettableClock();
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).clock(clock)
                .timeSource(TimeSource.HOST).artifactStorage(ArtifactStorage.DATABASE).build())) {
            OneOfEverything.populate(store, clock);
        }

        assertThat(run("usage", "--url", url, "--artifact-storage", "database")).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("construct-impl +command-log +1 +10 +\\d+");

        out.getBuffer().setLength(0);
        String unreachable = "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=" + SECRET;
        assertThat(run("usage", "--url", unreachable)).isEqualTo(1);
        assertThat(err.toString()).contains("password=****").doesNotContain(SECRET);
        assertThat(out.toString()).doesNotContain(SECRET);
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run("usage")).isEqualTo(2);
        assertThat(err.toString()).contains("--url");
    }

    private String populatedSqlite() {
        String url = "jdbc:sqlite:" + dir.resolve("source.db");
        SettableClock clock = new SettableClock();
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).clock(clock).build())) {
            OneOfEverything.populate(store, clock);
        }
        return url;
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        return OpstateCommand.run(args, out, err);
    }
}
