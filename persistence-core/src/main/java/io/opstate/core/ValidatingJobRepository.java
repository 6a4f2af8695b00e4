package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobRepository;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Checks and normalises the arguments of every {@link JobRepository} call, then delegates. */
final class ValidatingJobRepository implements JobRepository {
    private final JobRepository backend;
    private final int maxPayloadBytes;

    ValidatingJobRepository(JobRepository backend, int maxPayloadBytes) {
        this.backend = backend;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public Job create(NewJob job) {
        return backend.create(checked(job));
    }

    @Override
    public List<Job> createAll(List<NewJob> jobs) {
        Checks.required("jobs", jobs);
        List<NewJob> checked = new ArrayList<>(jobs.size());
        for (NewJob job : jobs) {
            checked.add(checked(job));
        }
        return backend.createAll(List.copyOf(checked));
    }

    @Override
    public Optional<Job> find(String id) {
        return KeyReads.find("id", id, backend::find);
    }

    @Override
    public Job get(String id) {
        return KeyReads.get("id", "job", id, backend::get);
    }

    @Override
    public Optional<Job> findUnfinishedByDedupKey(String dedupKey) {
        return backend.findUnfinishedByDedupKey(TextChecks.name("dedupKey", dedupKey));
    }

    @Override
    public Optional<Job> claimNext(String workerId, Set<String> types, Duration lease) {
        TextChecks.name("workerId", workerId);
        Set<String> checkedTypes = TextChecks.names("types", types);
        return backend.claimNext(workerId, checkedTypes, Checks.lease(lease));
    }

    @Override
    public Optional<Job> claim(String id, String workerId, Duration lease) {
        TextChecks.name("id", id);
        TextChecks.name("workerId", workerId);
        return backend.claim(id, workerId, Checks.lease(lease));
    }

    @Override
    public List<Job> claimBatch(String workerId, Set<String> types, Duration lease, int maxJobs) {
        TextChecks.name("workerId", workerId);
        Set<String> checkedTypes = TextChecks.names("types", types);
        Duration checkedLease = Checks.lease(lease);
        return backend.claimBatch(workerId, checkedTypes, checkedLease,
                Checks.range("maxJobs", maxJobs, 1, JobRepository.MAX_CLAIM_BATCH));
    }

    @Override
    public Job renewLease(String id, long fencingToken, Duration lease) {
        TextChecks.name("id", id);
        return backend.renewLease(id, fencingToken, Checks.lease(lease));
    }

    @Override
    public Job reportProgress(String id, long fencingToken, JobProgress progress) {
        TextChecks.name("id", id);
        return backend.reportProgress(id, fencingToken, checked(progress));
    }

    @Override
    public Job complete(String id, long fencingToken, String resultJson) {
        TextChecks.name("id", id);
        return backend.complete(id, fencingToken, JsonChecks.optional("result", resultJson, maxPayloadBytes));
    }

    @Override
    public Job fail(String id, long fencingToken, JobFailure failure) {
        TextChecks.name("id", id);
        return backend.fail(id, fencingToken, checked(failure));
    }

    @Override
    public Job retry(String id, Instant notBefore) {
        TextChecks.name("id", id);
        return backend.retry(id, Checks.instant("notBefore", notBefore));
    }

    @Override
    public Job cancel(String id) {
        return backend.cancel(TextChecks.name("id", id));
    }

    @Override
    public int requeueExpiredLeases() {
        return backend.requeueExpiredLeases();
    }

    @Override
    public Page<Job> list(JobQuery query, PageRequest page) {
        JobQuery checkedQuery = checked(query);
        return backend.list(checkedQuery, Checks.page(page, false));
    }

    /** Checks the query now, not when the first page is pulled; the backend walks checked pages. */
    @Override
    public Stream<Job> stream(JobQuery query, SortOrder order) {
        return backend.stream(checked(query), Checks.order(order));
    }

    @Override
    public Map<JobStatus, Long> countByStatus(JobQuery query) {
        return backend.countByStatus(checked(query));
    }

    /** Takes no argument to check. */
    @Override
    public Optional<Instant> oldestClaimableSince() {
        return backend.oldestClaimableSince();
    }

    @Override
    public boolean delete(String id) {
        return backend.delete(TextChecks.name("id", id));
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        return backend.deleteFinishedBefore(Checks.requiredInstant("cutoff", cutoff));
    }

    /** Unlike a listing's, a deletion's query is required: deleting every job must be asked for by name. */
    @Override
    public int deleteMatching(JobQuery query) {
        Checks.required("query", query);
        return backend.deleteMatching(checked(query));
    }

    private NewJob checked(NewJob job) {
        Checks.required("job", job);
        String id = job.id() == null ? Ids.newId() : TextChecks.name("id", job.id());
        return new NewJob(
                id,
                TextChecks.name("type", job.type()),
                JsonChecks.optional("payload", job.payload(), maxPayloadBytes),
                Checks.range("priority", job.priority(), -1000, 1000),
                Checks.range("maxAttempts", job.maxAttempts(), 1, 1000),
                Checks.instant("notBefore", job.notBefore()),
                TextChecks.optionalName("stage", job.stage()),
                TextChecks.text("message", job.message()),
                TextChecks.optionalName("dedupKey", job.dedupKey()),
                Checks.required("onDuplicate", job.onDuplicate()));
    }

    private static JobProgress checked(JobProgress progress) {
        Checks.required("progress", progress);
        Long done = Checks.notNegative("bytesDone", progress.bytesDone());
        Long total = Checks.notNegative("bytesTotal", progress.bytesTotal());
        if (done != null && total != null && done > total) {
            throw new InvalidInputException("bytesDone", "must not exceed bytesTotal (" + total + "), got " + done);
        }
        return new JobProgress(
                TextChecks.optionalName("stage", progress.stage()),
                Checks.fraction("progress", progress.progress()),
                done,
                total,
                TextChecks.text("message", progress.message()));
    }

    /**
     * A failure is never refused for being long: the error and detail are cut to their limits
     * first, keeping the head ({@link TextCuts}); what is left is checked like any text.
     */
    private JobFailure checked(JobFailure failure) {
        Checks.required("failure", failure);
        String error = failure.error();
        if (error != null && !error.isBlank()) {
            error = TextCuts.toChars(error, TextChecks.MAX_TEXT_LENGTH);
        }
        return new JobFailure(
                TextChecks.requiredText("error", error),
                TextChecks.sizedText("detail", TextCuts.toUtf8Bytes(failure.detail(), maxPayloadBytes), maxPayloadBytes),
                Checks.instant("retryAt", failure.retryAt()));
    }

    /** A null query means every job. */
    private static JobQuery checked(JobQuery query) {
        if (query == null) {
            return JobQuery.all();
        }
        return new JobQuery(
                TextChecks.names("types", query.types()),
                Checks.elements("statuses", query.statuses()),
                Checks.instant("createdFrom", query.createdFrom()),
                Checks.instant("createdBefore", query.createdBefore()));
    }
}
