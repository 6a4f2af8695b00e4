package io.opstate.core;

import io.opstate.Datastore;
import io.opstate.Page;
import io.opstate.TransactionalWork;
import io.opstate.constructs.ConstructRepository;
import io.opstate.executions.ExecutionRepository;
import io.opstate.history.HistoryRepository;
import io.opstate.imports.RecordImport;
import io.opstate.jobs.JobRepository;
import io.opstate.pipelines.PipelineRepository;
import io.opstate.schedules.ScheduleRepository;
import io.opstate.search.SearchRepository;
import io.opstate.sessions.SessionRepository;
import io.opstate.transcripts.TranscriptRepository;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A fake backend that records every repository call with its arguments and answers with empty
 * values (null records, empty optionals, pages, streams and collections, zero, false).
 */
final class RecordingDatastore implements Datastore {
    /** One call that reached the backend. */
    record Call(String repository, String method, List<Object> args, boolean inTransaction) {
        Object arg(int index) {
            return args.get(index);
        }
    }

    private final List<Call> calls;
    private final boolean transactional;

    RecordingDatastore() {
        this(new CopyOnWriteArrayList<>(), false);
    }

    private RecordingDatastore(List<Call> calls, boolean transactional) {
        this.calls = calls;
        this.transactional = transactional;
    }

    /** Every call so far, in order, including those made through transactions. */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The only call so far; fails when there were none or several. */
    Call onlyCall() {
        if (calls.size() != 1) {
            throw new AssertionError("expected exactly one backend call, got " + calls);
        }
        return calls.get(0);
    }

    @Override
    public JobRepository jobs() {
        return recorder(JobRepository.class, "jobs");
    }

    @Override
    public PipelineRepository pipelines() {
        return recorder(PipelineRepository.class, "pipelines");
    }

    @Override
    public ScheduleRepository schedules() {
        return recorder(ScheduleRepository.class, "schedules");
    }

    @Override
    public ExecutionRepository executions() {
        return recorder(ExecutionRepository.class, "executions");
    }

    @Override
    public SessionRepository sessions() {
        return recorder(SessionRepository.class, "sessions");
    }

    @Override
    public TranscriptRepository transcripts() {
        return recorder(TranscriptRepository.class, "transcripts");
    }

    @Override
    public SearchRepository search() {
        return recorder(SearchRepository.class, "search");
    }

    @Override
    public io.opstate.artifacts.ArtifactRepository artifacts() {
        return recorder(io.opstate.artifacts.ArtifactRepository.class, "artifacts");
    }

    @Override
    public io.opstate.preferences.PreferenceRepository preferences() {
        return recorder(io.opstate.preferences.PreferenceRepository.class, "preferences");
    }

    @Override
    public io.opstate.tokens.TokenRepository tokens() {
        return recorder(io.opstate.tokens.TokenRepository.class, "tokens");
    }

    @Override
    public HistoryRepository history() {
        return recorder(HistoryRepository.class, "history");
    }

    @Override
    public ConstructRepository constructs() {
        return recorder(ConstructRepository.class, "constructs");
    }

    @Override
    public io.opstate.resources.ResourceRepository resources() {
        return recorder(io.opstate.resources.ResourceRepository.class, "resources");
    }

    @Override
    public RecordImport records() {
        return recorder(RecordImport.class, "records");
    }

    @Override
    public <T> T inTransaction(TransactionalWork<T> work) {
        calls.add(new Call("datastore", "inTransaction", List.of(), transactional));
        return work.execute(new RecordingDatastore(calls, true));
    }

    @Override
    public io.opstate.Maintenance maintenance() {
        calls.add(new Call("datastore", "maintenance", List.of(), transactional));
        // Only health and prune answer; the validating layer's tests never call the rest.
        return (io.opstate.Maintenance) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {io.opstate.Maintenance.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("health")) {
                        return new io.opstate.Health("recording", true, null, null, "recording");
                    }
                    if (method.getName().equals("prune") && arguments.length == 4) {
                        calls.add(new Call("maintenance", "prune", List.of(), transactional));
                        return new io.opstate.retention.RetentionReport((io.opstate.retention.PruneMode) arguments[1],
                                java.util.Map.of());
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public String backendName() {
        return "recording";
    }

    @Override
    public void close() {
        calls.add(new Call("datastore", "close", List.of(), transactional));
    }

    private <T> T recorder(Class<T> type, String repository) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> "Recording" + type.getSimpleName();
                };
            }
            List<Object> arguments = args == null ? List.of() : Collections.unmodifiableList(Arrays.asList(args));
            calls.add(new Call(repository, method.getName(), arguments, transactional));
            return emptyValue(method.getReturnType());
        });
        return type.cast(proxy);
    }

    private static Object emptyValue(Class<?> type) {
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == Page.class) {
            return new Page<>(List.of(), null);
        }
        if (type == Stream.class) {
            return Stream.empty();
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }
}
