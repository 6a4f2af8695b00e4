package io.opstate.tck;

import io.opstate.preferences.Preference;
import io.opstate.tokens.Token;
import io.opstate.Datastore;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructLink;
import io.opstate.constructs.ConstructQuery;
import io.opstate.executions.Execution;
import io.opstate.executions.ExecutionQuery;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.pipelines.Pipeline;
import io.opstate.schedules.Schedule;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.Session;
import io.opstate.transcripts.TranscriptEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything a store holds, as its public read methods return it: every record of every
 * repository (read page by page, oldest first), the job and construct counts, and every
 * construct's outgoing edges, every session of a construct with its checkpoints and transcript,
 * every resource kind and the resources of each,
 * every API token, every preference of no one, every construct's artifacts (rows, not content)
 * and their usage by type.
 * Two snapshots are equal when
 * nothing observable changed in between.
 */
public record StoreSnapshot(List<Job> jobs, Map<JobStatus, Long> jobCounts, List<Pipeline> pipelines,
                            List<Schedule> schedules, List<Execution> executions, List<HistoryEvent> history,
                            List<Construct> constructs, Map<String, Long> constructCounts,
                            List<ConstructLink> constructLinks, List<Session> sessions,
                            List<Checkpoint> checkpoints, List<TranscriptEntry> transcripts,
                            List<io.opstate.resources.ResourceKind> resourceKinds,
                            List<io.opstate.resources.Resource> resources, List<Token> tokens,
                            List<Preference> preferences, List<Artifact> artifacts,
                            Map<String, Map<String, ArtifactUsage>> artifactUsage) {

    /** Reads the whole store. */
    public static StoreSnapshot of(Datastore store) {
        List<Construct> constructs = readAll(page -> store.constructs().list(ConstructQuery.all(), page));
        List<Session> sessions = constructs.stream()
                .flatMap(construct -> readAll(page -> store.sessions().list(construct.id(), page)).stream())
                .toList();
        return new StoreSnapshot(
                readAll(page -> store.jobs().list(JobQuery.all(), page)),
                store.jobs().countByStatus(JobQuery.all()),
                readAll(page -> store.pipelines().list(page)),
                readAll(page -> store.schedules().list(page)),
                readAll(page -> store.executions().list(ExecutionQuery.all(), page)),
                readAll(page -> store.history().list(HistoryQuery.all(), page)),
                constructs,
                store.constructs().countByStatus(ConstructQuery.all()),
                constructs.stream().flatMap(construct -> store.constructs().outgoing(construct.id(), null).stream())
                        .toList(),
                sessions,
                sessions.stream().flatMap(session -> store.sessions().checkpoints(session.id()).stream()).toList(),
                sessions.stream().flatMap(session -> store.transcripts().stream(session.id())).toList(),
                store.resources().kinds(),
                store.resources().kinds().stream().flatMap(kind -> readAll(page -> store.resources()
                        .list(io.opstate.resources.ResourceQuery.of(kind.name()), page)).stream()).toList(),
                readAll(page -> store.tokens().list(page)),
                readAll(page -> store.preferences().list(null, page)),
                constructs.stream().flatMap(construct -> readAll(page -> store.artifacts()
                        .list(construct.id(), null, page)).stream()).toList(),
                constructs.stream().collect(java.util.stream.Collectors.toMap(Construct::id,
                        construct -> store.artifacts().usageByType(construct.id()), (a, b) -> a,
                        java.util.LinkedHashMap::new)));
    }

    /** Follows cursors from the first page to the last, oldest first, and returns every item. */
    public static <T> List<T> readAll(Function<PageRequest, Page<T>> lister) {
        return readAll(lister, new PageRequest(PageRequest.MAX_LIMIT, null, SortOrder.OLDEST_FIRST));
    }

    /** Follows cursors from {@code first} to the last page and returns every item. */
    public static <T> List<T> readAll(Function<PageRequest, Page<T>> lister, PageRequest first) {
        List<T> all = new ArrayList<>();
        PageRequest request = first;
        while (true) {
            Page<T> page = lister.apply(request);
            all.addAll(page.items());
            if (page.nextCursor() == null) {
                return all;
            }
            if (page.items().isEmpty()) {
                throw new AssertionError("a page with a next cursor must not be empty");
            }
            request = request.after(page.nextCursor());
        }
    }
}
