package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.jobs.NewJob;
import io.opstate.maintenance.CheckpointReport;
import io.opstate.maintenance.IntegrityProblem;
import io.opstate.maintenance.IntegrityReport;
import io.opstate.maintenance.MaintenanceRun;
import io.opstate.maintenance.OptimizeReport;
import io.opstate.maintenance.StoreStatistics;
import io.opstate.maintenance.TableStatistics;
import io.opstate.maintenance.VacuumMode;
import io.opstate.operations.Cancellation;
import io.opstate.operations.OperationCancelledException;
import io.opstate.operations.Progress;
import io.opstate.operations.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link io.opstate.Maintenance}: the integrity check reports what is wrong (an artifact row whose
 * blob is gone, a blob no row references) without throwing, statistics count what the store holds,
 * optimisation and checkpoints change nothing the store holds, long operations report progress per
 * step and stop when cancelled, and listeners hear of every run.
 */
public abstract class MaintenanceContract extends ArtifactSupport {
    @Test
    @DisplayName("a sound store passes the integrity check: every check ran, nothing found")
    void soundStore() {
        put("c1", "command-log", "a.log", LOG, logText(10));
        IntegrityReport report = store.maintenance().checkIntegrity();
        assertThat(report.problems()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.damaged()).isFalse();
        assertThat(report.checks()).contains("artifacts");
        assertThat(report.artifacts().rowsChecked()).isEqualTo(1);
    }

    @Test
    @DisplayName("an artifact row whose blob was deleted is an error naming the artifact")
    void deletedBlobFound() {
        Artifact kept = put("c1", "command-log", "kept.log", LOG, logText(10));
        Artifact lost = put("c1", "command-log", "lost.log", LOG, logText(20));
        blobs().remove(blobOf(lost));

        IntegrityReport report = store.maintenance().checkIntegrity();
        assertThat(report.ok()).isFalse();
        assertThat(report.damaged()).isTrue();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.severity()).isEqualTo(IntegrityProblem.Severity.ERROR);
            assertThat(problem.area()).isEqualTo("artifacts");
            assertThat(problem.detail()).contains(lost.id()).doesNotContain(kept.id());
        });
        assertThat(report.artifacts().missingBlobs()).containsExactly(lost.id());
    }

    @Test
    @DisplayName("a blob no artifact references is a warning naming its hash; nothing is lost")
    void orphanBlobFound() {
        Artifact orphan = put("c2", "command-log", "gone.log", LOG, logText(30));
        put("c1", "command-log", "kept.log", LOG, logText(5));
        artifacts().deleteAllOf("c2");

        IntegrityReport report = store.maintenance().checkIntegrity();
        assertThat(report.ok()).isFalse();
        assertThat(report.damaged()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.severity()).isEqualTo(IntegrityProblem.Severity.WARNING);
            assertThat(problem.area()).isEqualTo("artifacts");
            assertThat(problem.detail()).contains(orphan.sha256());
        });
    }

    @Test
    @DisplayName("the integrity check reports each step, and stops before the first when cancelled or when its listener throws")
    void integrityProgressAndCancellation() {
        List<Progress> reports = new CopyOnWriteArrayList<>();
        IntegrityReport report = store.maintenance().checkIntegrity(ArtifactCheck.full(), reports::add,
                Cancellation.none());
        assertThat(reports).hasSizeGreaterThanOrEqualTo(report.checks().size());
        assertThat(reports).allSatisfy(progress -> assertThat(progress.operation()).isEqualTo("integrity-check"));
        assertThat(reports.get(reports.size() - 1).done()).isEqualTo(reports.size());
        assertThat(reports.get(reports.size() - 1).total()).isEqualTo(reports.size());

        Cancellation cancelled = Cancellation.none();
        cancelled.cancel();
        assertThatThrownBy(() -> store.maintenance().checkIntegrity(ArtifactCheck.full(), ProgressListener.NONE,
                cancelled)).isInstanceOf(OperationCancelledException.class)
                .extracting("operation").isEqualTo("integrity-check");

        RuntimeException broken = new IllegalStateException("ui gone");
        List<Progress> before = new ArrayList<>();
        assertThatThrownBy(() -> store.maintenance().checkIntegrity(ArtifactCheck.full(), progress -> {
            before.add(progress);
            throw broken;
        }, Cancellation.none())).isInstanceOf(OperationCancelledException.class).hasCause(broken);
        assertThat(before).hasSize(1);
    }

    @Test
    @DisplayName("a cancellation triggered by the listener stops the operation at the next step")
    void cancelledMidway() {
        Cancellation cancellation = Cancellation.none();
        List<Progress> seen = new ArrayList<>();
        assertThatThrownBy(() -> store.maintenance().statistics(progress -> {
            seen.add(progress);
            cancellation.cancel();
        }, cancellation)).isInstanceOf(OperationCancelledException.class).extracting("operation")
                .isEqualTo("statistics");
        assertThat(seen).hasSize(1);
    }

    @Test
    @DisplayName("statistics count the rows of each table and the artifacts from their sums")
    void statistics() {
        for (int i = 0; i < 3; i++) {
            jobs().create(NewJob.of("build"));
        }
        put("c1", "command-log", "a.log", LOG, logText(10));
        put("c1", "bundle", "b.bin", BINARY, randomBytes(4000, 1));
        List<Progress> steps = new ArrayList<>();

        StoreStatistics statistics = store.maintenance().statistics(steps::add, Cancellation.none());
        assertThat(statistics.backend()).isEqualTo(store.backendName());
        assertThat(rows(statistics, "opstate_jobs")).isEqualTo(3);
        assertThat(rows(statistics, "opstate_constructs")).isEqualTo(2);
        assertThat(rows(statistics, "opstate_artifacts")).isEqualTo(2);
        assertThat(statistics.tables()).extracting(TableStatistics::table).isSorted().doesNotHaveDuplicates()
                .allSatisfy(table -> assertThat(table).startsWith("opstate_"));
        assertThat(statistics.tables()).allSatisfy(table -> {
            if (table.bytes() != null) {
                assertThat(table.bytes()).isNotNegative();
            }
        });
        if (statistics.databaseBytes() != null) {
            assertThat(statistics.databaseBytes()).isPositive();
        }
        assertThat(statistics.artifacts().artifacts()).isEqualTo(2);
        assertThat(statistics.artifacts().logicalBytes()).isEqualTo(logText(10).length + 4000);
        assertThat(statistics.totalRows()).isGreaterThanOrEqualTo(7);
        assertThat(steps).isNotEmpty();
        assertThat(steps.get(steps.size() - 1).done()).isEqualTo(steps.size());
        assertThat(store.maintenance().statistics()).isEqualTo(statistics);
    }

    @Test
    @DisplayName("optimize in every vacuum mode, and checkpoint, leave what the store holds as it was")
    void optimizeAndCheckpointKeepData() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(jobs().create(NewJob.of("build")).id());
        }
        for (int i = 0; i < 25; i++) {
            jobs().delete(ids.get(i));
        }
        StoreStatistics before = store.maintenance().statistics();
        for (VacuumMode mode : VacuumMode.values()) {
            List<Progress> steps = new ArrayList<>();
            OptimizeReport report = store.maintenance().optimize(mode, steps::add, Cancellation.none());
            assertThat(report.vacuum()).isEqualTo(mode);
            assertThat(steps).hasSameSizeAs(report.steps());
        }
        assertThat(store.maintenance().optimize().vacuum()).isEqualTo(configuredVacuum());
        CheckpointReport checkpoint = store.maintenance().checkpoint();
        assertThat(checkpoint.detail()).isNotBlank();
        assertThat(rowsByTable(store.maintenance().statistics())).isEqualTo(rowsByTable(before));
        assertThat(jobs().find(ids.get(49))).isPresent();
        assertThat(store.maintenance().checkIntegrity().ok()).isTrue();
    }

    /** The vacuum mode the store under test was configured with; the default unless a leaf sets it. */
    protected VacuumMode configuredVacuum() {
        return VacuumMode.INCREMENTAL;
    }

    @Test
    @DisplayName("listeners hear of every run with its outcome; a throwing listener is ignored; removed ones hear nothing")
    void listeners() {
        List<MaintenanceRun> runs = new CopyOnWriteArrayList<>();
        store.maintenance().addListener(run -> {
            throw new IllegalStateException("broken listener");
        });
        store.maintenance().addListener(runs::add);
        store.maintenance().checkIntegrity();
        Artifact lost = put("c1", "command-log", "lost.log", LOG, logText(20));
        blobs().remove(blobOf(lost));
        store.maintenance().checkIntegrity();
        store.maintenance().optimize();
        store.maintenance().checkpoint();
        Cancellation cancelled = Cancellation.none();
        cancelled.cancel();
        assertThatThrownBy(() -> store.maintenance().checkIntegrity(ArtifactCheck.full(), ProgressListener.NONE,
                cancelled)).isInstanceOf(OperationCancelledException.class);

        assertThat(runs).extracting(MaintenanceRun::task).containsExactly(MaintenanceRun.INTEGRITY_CHECK,
                MaintenanceRun.INTEGRITY_CHECK, MaintenanceRun.OPTIMIZE, MaintenanceRun.CHECKPOINT,
                MaintenanceRun.INTEGRITY_CHECK);
        assertThat(runs).extracting(MaintenanceRun::outcome).containsExactly(MaintenanceRun.Outcome.OK,
                MaintenanceRun.Outcome.PROBLEMS, MaintenanceRun.Outcome.OK, MaintenanceRun.Outcome.OK,
                MaintenanceRun.Outcome.CANCELLED);
        assertThat(runs.get(1).summary()).contains(lost.id());
        assertThat(runs.get(1).failing()).isTrue();
        assertThat(runs.get(4).failing()).isFalse();

        runs.clear();
        MaintenanceListenerProbe probe = new MaintenanceListenerProbe();
        store.maintenance().addListener(probe);
        store.maintenance().removeListener(probe);
        store.maintenance().checkpoint();
        assertThat(probe.heard).isZero();
    }

    private static final class MaintenanceListenerProbe implements io.opstate.maintenance.MaintenanceListener {
        int heard;

        @Override
        public void finished(MaintenanceRun run) {
            heard++;
        }
    }

    @Test
    @DisplayName("null arguments are refused naming the parameter, before anything runs")
    void nullArguments() {
        assertRejected("artifacts", () -> store.maintenance().checkIntegrity(null, ProgressListener.NONE,
                Cancellation.none()));
        assertRejected("sample", () -> store.maintenance().checkIntegrity(ArtifactCheck.sampled(-1),
                ProgressListener.NONE, Cancellation.none()));
        assertRejected("listener", () -> store.maintenance().checkIntegrity(ArtifactCheck.full(), null,
                Cancellation.none()));
        assertRejected("cancellation", () -> store.maintenance().statistics(ProgressListener.NONE, null));
        assertRejected("vacuum", () -> store.maintenance().optimize(null, ProgressListener.NONE, Cancellation.none()));
        assertRejected("listener", () -> store.maintenance().optimize(VacuumMode.NONE, null, Cancellation.none()));
        assertRejected("listener", () -> store.maintenance().addListener(null));
        assertThatThrownBy(() -> store.maintenance().statistics(null, Cancellation.none()))
                .isInstanceOf(InvalidInputException.class);
    }

    private static java.util.Map<String, Long> rowsByTable(StoreStatistics statistics) {
        return statistics.tables().stream().collect(java.util.stream.Collectors.toMap(TableStatistics::table,
                TableStatistics::rows));
    }

    private static long rows(StoreStatistics statistics, String table) {
        return statistics.tables().stream().filter(each -> each.table().equals(table)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + table + " in " + statistics.tables())).rows();
    }
}
