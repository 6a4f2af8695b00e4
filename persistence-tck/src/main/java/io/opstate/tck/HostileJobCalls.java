package io.opstate.tck;

import static io.opstate.tck.HostileSeed.QUEUED_JOB;
import static io.opstate.tck.HostileSeed.QUEUED_KEY;
import static io.opstate.tck.HostileSeed.QUEUED_TYPE;
import static io.opstate.tck.HostileSeed.RUNNING_JOB;

import io.opstate.DuplicateDedupKeyException;
import io.opstate.DuplicateKeyException;
import io.opstate.IllegalTransitionException;
import io.opstate.LeaseLostException;
import io.opstate.NotFoundException;
import io.opstate.jobs.ClaimedJob;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobRepository;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.jobs.OnDuplicateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Every public entry point of {@link io.opstate.jobs.JobRepository}, with hostile arguments. */
final class HostileJobCalls {
    private static final Hostile<String> WORKER = Hostile.of("w2", "a worker");
    private static final Hostile<Set<String>> NO_TYPES = Hostile.of(Set.of(), "any type");
    private static final Hostile<Duration> LEASE = Hostile.of(Duration.ofSeconds(30), "30 s");
    private static final Hostile<String> RUNNING = Hostile.of(RUNNING_JOB, "the running job");

    private HostileJobCalls() {
    }

    static Map<String, Function<HostileRecords, HostileCall>> all(HostileSeed seed) {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("jobs().create", r -> {
            Hostile<NewJob> job = r.newJob();
            Class<? extends Throwable> refusal = job.value() == null ? null : refusal(List.of(job.value()));
            Outcome ifValid = refusal != null ? Outcome.fails(refusal)
                    : Outcome.returns("a queued job", j -> ((Job) j).status() == JobStatus.QUEUED);
            return HostileCall.writing("create(" + job + ")", s -> s.jobs().create(job.value()), ifValid);
        });
        calls.put("jobs().createAll", r -> {
            Hostile<List<NewJob>> jobs = r.newJobs();
            Class<? extends Throwable> refusal = jobs.value() == null ? null : refusal(jobs.value());
            Outcome ifValid = refusal != null ? Outcome.fails(refusal)
                    : Outcome.returns("every job, queued", created -> ((List<?>) created).size() == jobs.value().size());
            return HostileCall.writing("createAll(" + jobs + ")", s -> s.jobs().createAll(jobs.value()), ifValid);
        });
        calls.put("jobs().findUnfinishedByDedupKey", r -> {
            Hostile<String> key = r.values().name();
            boolean held = QUEUED_KEY.equals(key.value());
            return HostileCall.reading("findUnfinishedByDedupKey(" + key + ")",
                    s -> s.jobs().findUnfinishedByDedupKey(key.value()), Outcome.returns(held ? "the queued job" : "empty",
                            found -> ((Optional<?>) found).map(j -> ((Job) j).id().equals(QUEUED_JOB)).orElse(!held)));
        });
        HostileCommonCalls.addKeyed(calls, "jobs()", HostileSeed::isJob, (s, id) -> s.jobs().find(id),
                (s, id) -> s.jobs().get(id), (s, id) -> s.jobs().delete(id));
        calls.put("jobs().claimNext", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> worker = plan.argument(0, r.values()::name, WORKER);
            Hostile<Set<String>> types = plan.argument(1, r.values()::names, NO_TYPES);
            Hostile<Duration> lease = plan.argument(2, r.values()::duration, LEASE);
            boolean claimable = claimsTheQueuedJob(types.value());
            return HostileCall.writing("claimNext(" + worker + ", " + types + ", " + lease + ")",
                    s -> s.jobs().claimNext(worker.value(), types.value(), lease.value()),
                    Outcome.returns(claimable ? "the queued job" : "empty",
                            claimed -> ((Optional<?>) claimed).isPresent() == claimable));
        });
        calls.put("jobs().claim", r -> claimById(r, "claim", (s, id, worker, lease) -> s.jobs().claim(id, worker, lease)));
        calls.put("jobs().claimHandle", r -> claimById(r, "claimHandle",
                (s, id, worker, lease) -> s.jobs().claimHandle(id, worker, lease)));
        calls.put("jobs().claimNextHandle", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> worker = plan.argument(0, r.values()::name, WORKER);
            Hostile<Set<String>> types = plan.argument(1, r.values()::names, NO_TYPES);
            Hostile<Duration> lease = plan.argument(2, r.values()::duration, LEASE);
            boolean claimable = claimsTheQueuedJob(types.value());
            return HostileCall.writing("claimNextHandle(" + worker + ", " + types + ", " + lease + ")",
                    s -> s.jobs().claimNextHandle(worker.value(), types.value(), lease.value()),
                    Outcome.returns(claimable ? "a handle of the queued job" : "empty",
                            claimed -> ((Optional<?>) claimed).isPresent() == claimable));
        });
        calls.put("jobs().claimBatch", r -> {
            HostileRecords.Plan plan = r.arguments(4);
            Hostile<String> worker = plan.argument(0, r.values()::name, WORKER);
            Hostile<Set<String>> types = plan.argument(1, r.values()::names, NO_TYPES);
            Hostile<Duration> lease = plan.argument(2, r.values()::duration, LEASE);
            Hostile<Integer> maxJobs = plan.argument(3, () -> r.values().integer(0, 1, 1000, 1001), Hostile.of(10, "10"));
            int claimable = claimsTheQueuedJob(types.value()) ? 1 : 0;
            return HostileCall.writing("claimBatch(" + worker + ", " + types + ", " + lease + ", " + maxJobs + ")",
                    s -> s.jobs().claimBatch(worker.value(), types.value(), lease.value(), maxJobs.value()),
                    Outcome.returns(claimable + " jobs", claimed -> ((List<?>) claimed).size() == claimable));
        });
        calls.put("jobs().renewLease", tokenChecked("renewLease", seed, r -> r.values().duration(), LEASE,
                (jobs, id, token, lease) -> jobs.renewLease(id, token, lease)));
        calls.put("jobs().reportProgress", tokenChecked("reportProgress", seed, HostileRecords::progress,
                Hostile.of(JobProgress.none(), "no progress"), JobRepository::reportProgress));
        calls.put("jobs().complete", tokenChecked("complete", seed, HostileRecords::json, Hostile.of("{}", "{}"),
                JobRepository::complete));
        calls.put("jobs().fail", tokenChecked("fail", seed, HostileRecords::failure,
                Hostile.of(JobFailure.of("boom"), "a failure"), JobRepository::fail));
        calls.put("ClaimedJob.of", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            boolean noRepository = plan.argument(0, () -> Hostile.of(r.values().chance(50), "null or not"),
                    Hostile.of(false, "the jobs")).value();
            Hostile<Job> job = plan.argument(1, () -> claimedOrNot(r, seed), Hostile.of(seed.running(), "the running job"));
            boolean made = !noRepository && job.value() == seed.running();
            return HostileCall.reading("ClaimedJob.of(" + (noRepository ? "null" : "jobs") + ", " + job + ")",
                    s -> ClaimedJob.of(noRepository ? null : s.jobs(), job.value()),
                    made ? Outcome.returns("a handle", Objects::nonNull) : Outcome.rejected(noRepository ? "jobs" : "job"));
        });
        calls.put("ClaimedJob.progress", handleCall("progress", seed, HostileRecords::progress,
                Hostile.of(JobProgress.none(), "no progress"), ClaimedJob::progress));
        calls.put("ClaimedJob.renew", handleCall("renew", seed, r -> r.values().duration(), LEASE, ClaimedJob::renew));
        calls.put("ClaimedJob.complete", handleCall("complete", seed, HostileRecords::json, Hostile.of("{}", "{}"),
                ClaimedJob::complete));
        calls.put("ClaimedJob.fail", handleCall("fail", seed, HostileRecords::failure,
                Hostile.of(JobFailure.of("boom"), "a failure"), ClaimedJob::fail));
        calls.put("jobs().retry", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> id = plan.argument(0, r.values()::name, Hostile.of("unknown", "unknown id"));
            Hostile<Instant> notBefore = plan.argument(1, r.values()::instant, Hostile.of(null, "now"));
            return HostileCall.writing("retry(" + id + ", " + notBefore + ")",
                    s -> s.jobs().retry(id.value(), notBefore.value()), HostileSeed.isJob(id.value())
                            ? Outcome.fails(IllegalTransitionException.class) : Outcome.fails(NotFoundException.class));
        });
        calls.put("jobs().cancel", r -> {
            Hostile<String> id = r.values().name();
            return HostileCall.writing("cancel(" + id + ")", s -> s.jobs().cancel(id.value()), HostileSeed.isJob(id.value())
                    ? Outcome.returns("the job, cancelled", j -> ((Job) j).status() == JobStatus.CANCELLED)
                    : Outcome.fails(NotFoundException.class));
        });
        HostileCommonCalls.addQueried(calls, "jobs()", HostileRecords::jobQuery, Hostile.of(JobQuery.all(), "every job"),
                seed.jobCursor(), false, (s, query, page) -> s.jobs().list(query, page),
                (s, query, order) -> s.jobs().stream(query, order).count(), 2);
        calls.put("jobs().countByStatus", r -> {
            Hostile<JobQuery> query = r.jobQuery();
            return HostileCall.reading("countByStatus(" + query + ")", s -> s.jobs().countByStatus(query.value()),
                    Outcome.returns("a count per status", counts -> ((Map<?, ?>) counts).size() == JobStatus.values().length));
        });
        calls.put("jobs().deleteMatching", r -> {
            Hostile<JobQuery> query = r.jobQuery();
            return HostileCall.writing("deleteMatching(" + query + ")", s -> s.jobs().deleteMatching(query.value()),
                    Outcome.returns("at most the 2 seeded jobs", n -> (Integer) n >= 0 && (Integer) n <= 2));
        });
        calls.put("jobs().deleteFinishedBefore", r -> {
            Hostile<Instant> cutoff = r.values().instant();
            return HostileCall.writing("deleteFinishedBefore(" + cutoff + ")",
                    s -> s.jobs().deleteFinishedBefore(cutoff.value()), Outcome.returns("0", n -> (Integer) n == 0));
        });
        return calls;
    }

    /** A claim by id: through for the queued job, empty for the running one (its lease holds), else not found. */
    @FunctionalInterface
    private interface ClaimById {
        Object run(io.opstate.Datastore store, String id, String workerId, Duration lease);
    }

    private static HostileCall claimById(HostileRecords r, String method, ClaimById call) {
        HostileRecords.Plan plan = r.arguments(3);
        Hostile<String> id = plan.argument(0, r.values()::name, Hostile.of(QUEUED_JOB, "the queued job"));
        Hostile<String> worker = plan.argument(1, r.values()::name, WORKER);
        Hostile<Duration> lease = plan.argument(2, r.values()::duration, LEASE);
        Outcome ifValid = QUEUED_JOB.equals(id.value())
                ? Outcome.returns("the queued job, claimed", claimed -> ((Optional<?>) claimed).isPresent())
                : RUNNING_JOB.equals(id.value())
                        ? Outcome.returns("empty", claimed -> ((Optional<?>) claimed).isEmpty())
                        : Outcome.fails(NotFoundException.class);
        return HostileCall.writing(method + "(" + id + ", " + worker + ", " + lease + ")",
                s -> call.run(s, id.value(), worker.value(), lease.value()), ifValid);
    }

    /** A job to make a handle of: the running one, the queued one, or none. */
    private static Hostile<Job> claimedOrNot(HostileRecords r, HostileSeed seed) {
        return switch (r.values().random().nextInt(3)) {
            case 0 -> Hostile.of(null, "null job");
            case 1 -> Hostile.of(seed.queued(), "the queued job");
            default -> Hostile.of(seed.running(), "the running job");
        };
    }

    /** A call of a handle of the running job's claim, with one hostile argument: through, as its token holds. */
    private static <T> Function<HostileRecords, HostileCall> handleCall(String method, HostileSeed seed,
            Function<HostileRecords, Hostile<T>> hostile, Hostile<T> valid, BiFunction<ClaimedJob, T, Object> call) {
        return r -> {
            Hostile<T> argument = r.values().chance(80) ? hostile.apply(r) : valid;
            return HostileCall.writing("handle." + method + "(" + argument + ")",
                    s -> call.apply(ClaimedJob.of(s.jobs(), seed.running()), argument.value()),
                    Outcome.returns("the running job", Objects::nonNull));
        };
    }

    /** Whether claiming with these (valid) types takes the queued job: the running one's lease holds. */
    private static boolean claimsTheQueuedJob(Set<String> types) {
        return types == null || types.isEmpty() || types.contains(QUEUED_TYPE);
    }

    /**
     * What creating (valid) {@code jobs} one after another in one transaction is refused with, or
     * null: as the API orders the checks, a dedup key held by an unfinished job (the seeded queued
     * job's, or one an earlier job of the list took) comes first, then a taken id.
     */
    private static Class<? extends Throwable> refusal(List<NewJob> jobs) {
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>(Set.of(QUEUED_KEY));
        for (NewJob job : jobs) {
            if (job == null) {
                continue;
            }
            if (job.dedupKey() != null && keys.contains(job.dedupKey())) {
                if (job.onDuplicate() == OnDuplicateKey.FAIL) {
                    return DuplicateDedupKeyException.class;
                }
                continue;
            }
            if (job.id() != null && (HostileSeed.isJob(job.id()) || !ids.add(job.id()))) {
                return DuplicateKeyException.class;
            }
            if (job.dedupKey() != null) {
                keys.add(job.dedupKey());
            }
        }
        return null;
    }

    /** A call that presents a fencing token: the job's id, the token, and one more argument. */
    @FunctionalInterface
    private interface TokenCall<T> {
        Object run(JobRepository jobs, String id, long token, T argument);
    }

    private static <T> Function<HostileRecords, HostileCall> tokenChecked(String method, HostileSeed seed,
            Function<HostileRecords, Hostile<T>> hostile, Hostile<T> valid, TokenCall<T> call) {
        return r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> id = plan.argument(0, r.values()::name, RUNNING);
            Hostile<Long> token = plan.argument(1, () -> token(r, seed), heldToken(seed));
            Hostile<T> argument = plan.argument(2, () -> hostile.apply(r), valid);
            return HostileCall.writing(method + "(" + id + ", " + token + ", " + argument + ")",
                    s -> call.run(s.jobs(), id.value(), token.value(), argument.value()), heldBy(id, token, seed));
        };
    }

    private static Hostile<Long> heldToken(HostileSeed seed) {
        return Hostile.of(seed.runningToken(), "its token");
    }

    private static Hostile<Long> token(HostileRecords r, HostileSeed seed) {
        return r.values().longValue(seed.runningToken(), seed.runningToken(), seed.runningToken() + 1, 0);
    }

    /** A token-checked call: not found, lease lost, or through, as docs/behaviour.md orders the checks. */
    private static Outcome heldBy(Hostile<String> id, Hostile<Long> token, HostileSeed seed) {
        if (!HostileSeed.isJob(id.value())) {
            return Outcome.fails(NotFoundException.class);
        }
        if (RUNNING_JOB.equals(id.value()) && token.value() == seed.runningToken()) {
            return Outcome.returns("the running job", Objects::nonNull);
        }
        return QUEUED_JOB.equals(id.value()) || RUNNING_JOB.equals(id.value())
                ? Outcome.fails(LeaseLostException.class) : Outcome.fails(NotFoundException.class);
    }
}
