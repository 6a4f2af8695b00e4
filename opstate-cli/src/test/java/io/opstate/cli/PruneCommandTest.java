package io.opstate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.NewJob;
import io.opstate.tck.SettableClock;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opstate prune} on a SQLite store holding old and young history events and jobs. */
class PruneCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String url;

    @BeforeEach
    void populate() {
        url = "jdbc:sqlite:" + dir.resolve("app.db");
        SettableClock clock = new SettableClock();
        clock.set(Instant.now().minus(Duration.ofDays(400)));
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).clock(clock).build())) {
            for (int i = 0; i < 3; i++) {
                store.history().append(NewHistoryEvent.of("old-" + i));
            }
            store.jobs().create(NewJob.of("mail").withId("old-job"));
            store.jobs().claimNext("worker", java.util.Set.of(), Duration.ofMinutes(1)).ifPresent(job ->
                    store.jobs().complete(job.id(), job.fencingToken(), "{}"));
            clock.set(Instant.now());
            store.history().append(NewHistoryEvent.of("young"));
        }
    }

    @Test
    void dryRunCountsThenTheRunRemovesTheSame() {
        assertThat(run("prune", "--url", url, "--dry-run", "--history-older-than", "30d",
                "--jobs-finished-older-than", "P30D")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("would remove (sqlite, ")
                .containsPattern("history events +3\\n").containsPattern("finished jobs +1\\n")
                .containsPattern("total rows +4\\n");
        assertThat(events()).isEqualTo(4);

        out.getBuffer().setLength(0);
        assertThat(run("prune", "--url", url, "--history-older-than", "30d", "--jobs-finished-older-than", "P30D"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("removed (sqlite, ").containsPattern("total rows +4\\n");
        assertThat(err.toString()).contains("history events: 3 of 3");
        assertThat(events()).isEqualTo(1);
    }

    @Test
    void jsonReportAndPolicyFromASettingsFileAndSet() throws IOException {
        Path settings = dir.resolve("retention.properties");
        Files.writeString(settings, "opstate.retention.history.older-than=1d\nopstate.url=ignored\nother=ignored\n");

        assertThat(run("prune", "--url", url, "--json", "--dry-run", "--settings", settings.toString(),
                "--set", "opstate.retention.batch-size=2")).as(err.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("mode").asText()).isEqualTo("dry-run");
        assertThat(report.at("/removed/history/rows").asLong()).isEqualTo(3);
        assertThat(report.at("/removed/artifacts/bytes").asLong()).isZero();
        assertThat(report.at("/removed/jobs/bytes").isNull()).isTrue();
        assertThat(report.get("totalRows").asLong()).isEqualTo(3);
        assertThat(events()).isEqualTo(4);
    }

    @Test
    void noRuleOrABadOneIsBadUsageAndRemovesNothing() {
        assertThat(run("prune", "--url", url)).isEqualTo(2);
        assertThat(err.toString()).contains("no retention rule");

        err.getBuffer().setLength(0);
        assertThat(run("prune", "--url", url, "--executions-keep-last", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("opstate.retention.executions.keep-last");

        err.getBuffer().setLength(0);
        assertThat(run("prune", "--url", url, "--constructs-statuses", "done")).isEqualTo(2);
        assertThat(err.toString()).contains("opstate.retention.constructs.older-than");
        assertThat(events()).isEqualTo(4);
    }

    @Test
    void anUnreachableStoreFails() {
        assertThat(run("prune", "--url", "jdbc:sqlite:" + dir.resolve("missing/dir/x.db"), "--history-older-than", "1d"))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("opstate prune: ");
    }

    private long events() {
        try (Datastore store = Persistence.open(PersistenceConfig.builder(url).build())) {
            return store.history().stream(null, null).count();
        }
    }

    private int run(String... args) {
        return OpstateCommand.run(args, out, err);
    }
}
