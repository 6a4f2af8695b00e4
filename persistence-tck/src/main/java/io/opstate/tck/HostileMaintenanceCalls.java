package io.opstate.tck;

import io.opstate.artifacts.ArtifactCheck;
import io.opstate.maintenance.IntegrityReport;
import io.opstate.maintenance.StoreStatistics;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionPolicy;
import io.opstate.retention.RetentionReport;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Maintenance with hostile input: an integrity check and statistics with a null check, listener or
 * cancellation are refused naming it, and otherwise report. Retention: a {@link RetentionPolicy} built from hostile ages, counts,
 * quotas, statuses and batch sizes is either built or refused naming the first bad component;
 * {@code prune} with a null mode, listener or cancellation is refused naming it, and a dry run of
 * any valid policy returns a report and changes nothing.
 */
final class HostileMaintenanceCalls {
    private HostileMaintenanceCalls() {
    }

    static Map<String, Function<HostileRecords, HostileCall>> all() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("RetentionPolicy.Builder.build", r -> {
            HostileRecords.Plan plan = r.arguments(9);
            Duration jobs = plan.field(0, "jobsFinishedOlderThan", r.values()::duration, null);
            Integer keepLast = plan.field(1, "executionsKeepLast", () -> r.values().integer(0, 1, 100), null);
            Duration history = plan.field(2, "historyOlderThan", r.values()::duration, null);
            Set<String> statuses = plan.field(3, "constructStatuses", () -> statuses(r), null);
            Duration constructs = plan.field(4, "constructsOlderThan", r.values()::duration, null);
            Long quota = plan.field(5, "artifactsQuotaBytes", r.values()::count, null);
            Duration tokens = plan.field(6, "tokensExpiredFor", r.values()::duration, null);
            Integer changesKeepLast = plan.field(7, "changesKeepLast", () -> r.values().integer(0, 1, 1000), null);
            int batch = plan.field(8, "batchSize", () -> r.values().integer(0, 1, 10_000, 10_001), 1000);
            String rejected = firstRejected(jobs, keepLast, history, statuses, constructs, quota, tokens,
                    changesKeepLast, batch);
            return HostileCall.unvalidated("build(" + plan.label() + ")", s -> RetentionPolicy.builder()
                            .jobsFinishedOlderThan(jobs).executionsKeepLast(keepLast).historyOlderThan(history)
                            .constructs(statuses, constructs).artifactsQuotaBytes(quota).tokensExpiredFor(tokens)
                            .changesKeepLast(changesKeepLast).batchSize(batch).build(),
                    rejected == null ? Outcome.returns("a policy", policy -> policy instanceof RetentionPolicy)
                            : Outcome.rejected(rejected));
        });
        calls.put("maintenance().prune", r -> {
            HostileRecords.Plan plan = r.arguments(4);
            Hostile<RetentionPolicy> policy = plan.argument(0, () -> r.values().chance(30)
                    ? Hostile.of(null, "null policy") : Hostile.of(validPolicy(r), "a valid policy"),
                    Hostile.of(RetentionPolicy.builder().historyOlderThan(Duration.ofDays(1)).build(), "history policy"));
            Hostile<PruneMode> mode = plan.argument(1, () -> r.values().chance(50) ? Hostile.of(null, "null mode")
                    : Hostile.of(PruneMode.DRY_RUN, "dry run"), Hostile.of(PruneMode.DRY_RUN, "dry run"));
            Hostile<ProgressListener> listener = plan.argument(2, () -> r.values().chance(50)
                    ? Hostile.of(null, "null listener") : Hostile.of(ProgressListener.NONE, "no listener"),
                    Hostile.of(ProgressListener.NONE, "no listener"));
            Hostile<Cancellation> cancellation = plan.argument(3, () -> r.values().chance(50)
                    ? Hostile.of(null, "null cancellation") : Hostile.of(Cancellation.none(), "never cancelled"),
                    Hostile.of(Cancellation.none(), "never cancelled"));
            return HostileCall.reading("prune(" + policy + ", " + mode + ", " + listener + ", " + cancellation + ")",
                    s -> s.maintenance().prune(policy.value(), mode.value(), listener.value(), cancellation.value()),
                    Outcome.returns("a dry run's report", report -> report instanceof RetentionReport found
                            && found.mode() == PruneMode.DRY_RUN));
        });
        calls.put("maintenance().checkIntegrity", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<ArtifactCheck> check = plan.argument(0, () -> r.values().chance(50)
                    ? Hostile.of(null, "null check") : Hostile.of(ArtifactCheck.sampled(5), "a sample of 5"),
                    Hostile.of(ArtifactCheck.full(), "a full check"));
            Hostile<ProgressListener> listener = listener(plan, 1, r);
            Hostile<Cancellation> cancellation = cancellation(plan, 2, r);
            return HostileCall.reading("checkIntegrity(" + check + ", " + listener + ", " + cancellation + ")",
                    s -> s.maintenance().checkIntegrity(check.value(), listener.value(), cancellation.value()),
                    Outcome.returns("a report", report -> report instanceof IntegrityReport));
        });
        calls.put("maintenance().statistics", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<ProgressListener> listener = listener(plan, 0, r);
            Hostile<Cancellation> cancellation = cancellation(plan, 1, r);
            return HostileCall.reading("statistics(" + listener + ", " + cancellation + ")",
                    s -> s.maintenance().statistics(listener.value(), cancellation.value()),
                    Outcome.returns("statistics", statistics -> statistics instanceof StoreStatistics));
        });
        return calls;
    }

    private static Hostile<ProgressListener> listener(HostileRecords.Plan plan, int index, HostileRecords r) {
        return plan.argument(index, () -> r.values().chance(50) ? Hostile.of(null, "null listener")
                : Hostile.of(ProgressListener.NONE, "no listener"), Hostile.of(ProgressListener.NONE, "no listener"));
    }

    private static Hostile<Cancellation> cancellation(HostileRecords.Plan plan, int index, HostileRecords r) {
        return plan.argument(index, () -> r.values().chance(50) ? Hostile.of(null, "null cancellation")
                : Hostile.of(Cancellation.none(), "never cancelled"), Hostile.of(Cancellation.none(), "never cancelled"));
    }

    /** Null, empty, holding a blank or null status, or a few names. */
    private static Hostile<Set<String>> statuses(HostileRecords r) {
        return switch (r.values().random().nextInt(5)) {
            case 0 -> Hostile.of(null, "null statuses");
            case 1 -> Hostile.of(Set.of(), "no status");
            case 2 -> Hostile.of(new HashSet<>(Arrays.asList("done", null)), "a null status");
            case 3 -> Hostile.of(Set.of("done", " "), "a blank status");
            default -> {
                Hostile<String> name = r.values().name();
                yield name.value() == null ? Hostile.of(new HashSet<>(Arrays.asList((String) null)), "a null status")
                        : Hostile.of(Set.of(name.value()), "status " + name.label());
            }
        };
    }

    /** The component the policy's checks refuse first, in their order; null when it is valid. */
    private static String firstRejected(Duration jobs, Integer keepLast, Duration history, Set<String> statuses,
                                        Duration constructs, Long quota, Duration tokens, Integer changesKeepLast,
                                        int batch) {
        if (negative(jobs)) {
            return "jobsFinishedOlderThan";
        }
        if (keepLast != null && keepLast < 1) {
            return "executionsKeepLast";
        }
        if (negative(history)) {
            return "historyOlderThan";
        }
        if (statuses != null && (statuses.isEmpty() || statuses.stream().anyMatch(s -> s == null || s.isBlank()))) {
            return "constructStatuses";
        }
        if (negative(constructs)) {
            return "constructsOlderThan";
        }
        if (statuses != null && constructs == null) {
            return "constructsOlderThan";
        }
        if (constructs != null && statuses == null) {
            return "constructStatuses";
        }
        if (quota != null && quota < 0) {
            return "artifactsQuotaBytes";
        }
        if (negative(tokens)) {
            return "tokensExpiredFor";
        }
        if (changesKeepLast != null && changesKeepLast < 1) {
            return "changesKeepLast";
        }
        return batch < 1 || batch > RetentionPolicy.MAX_BATCH_SIZE ? "batchSize" : null;
    }

    private static boolean negative(Duration age) {
        return age != null && age.isNegative();
    }

    /** Any valid policy: each rule present or not, at an age of zero up to the extremes. */
    private static RetentionPolicy validPolicy(HostileRecords r) {
        RetentionPolicy.Builder builder = RetentionPolicy.builder();
        if (r.values().chance(50)) {
            builder.jobsFinishedOlderThan(age(r));
        }
        if (r.values().chance(50)) {
            builder.executionsOlderThan(age(r)).executionsKeepLast(1 + r.values().random().nextInt(5));
        }
        if (r.values().chance(50)) {
            builder.sessionsFinishedOlderThan(age(r)).historyOlderThan(age(r));
        }
        if (r.values().chance(50)) {
            builder.constructs(Set.of("active", "done"), age(r)).artifactsOlderThan(age(r))
                    .artifactsQuotaBytes((long) r.values().random().nextInt(1000));
        }
        if (r.values().chance(50)) {
            builder.tokensExpiredFor(age(r)).changesOlderThan(age(r)).changesKeepLast(1 + r.values().random().nextInt(5));
        }
        return builder.batchSize(1 + r.values().random().nextInt(RetentionPolicy.MAX_BATCH_SIZE)).build();
    }

    private static Duration age(HostileRecords r) {
        return switch (r.values().random().nextInt(4)) {
            case 0 -> Duration.ZERO;
            case 1 -> Duration.ofSeconds(Long.MAX_VALUE / 2);
            default -> Duration.ofSeconds(r.values().random().nextInt(1_000_000));
        };
    }
}
