package io.opstate.tck;

import io.opstate.preferences.PreferenceRepository;
import io.opstate.tokens.TokenRepository;
import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.NotFoundException;
import io.opstate.PersistenceConfig;
import io.opstate.artifacts.ArtifactRepository;
import io.opstate.constructs.ConstructRepository;
import io.opstate.core.ValidatingDatastore;
import io.opstate.executions.ExecutionRepository;
import io.opstate.history.HistoryRepository;
import io.opstate.imports.RecordImport;
import io.opstate.jobs.JobRepository;
import io.opstate.pipelines.PipelineRepository;
import io.opstate.schedules.ScheduleRepository;
import io.opstate.search.SearchRepository;
import io.opstate.sessions.SessionRepository;
import io.opstate.transcripts.TranscriptRepository;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome validation alone gives a call, computed in core's terms and so the same for every
 * backend: the call runs against {@link ValidatingDatastore} wrapping a backend that stops at
 * the first call reaching it. Either validation rejects the input ({@link InvalidInputException}
 * naming a field), or the input reaches the backend, and the call's own expectation for valid
 * input applies, or validation answers the call itself: a read by a key no record can have finds
 * nothing ({@code find} is empty, {@code get} throws {@link NotFoundException}), and a call that
 * never reaches a repository (a builder, {@link io.opstate.jobs.ClaimedJob#of}) returns. What
 * validation answers itself must agree with the call's own expectation. Anything else thrown here
 * (a {@link NullPointerException} from a builder, say) is a defect the contract reports.
 */
final class ValidationOracle {
    private final Datastore validating;

    ValidationOracle(PersistenceConfig config) {
        validating = ValidatingDatastore.wrap(probe(), config);
    }

    /** Rejected naming a field, or {@code call.ifValid()}. */
    Outcome expected(HostileCall call) {
        Outcome answered;
        try {
            answered = Outcome.returned(call.run(validating));
        } catch (InvalidInputException e) {
            return Outcome.rejected(e.getClass(), e.field());
        } catch (ReachedBackend e) {
            return call.ifValid();
        } catch (NotFoundException e) {
            answered = Outcome.threw(e);
        } catch (Throwable e) {
            throw new AssertionError("validation itself threw " + e.getClass().getName() + " for " + call.description()
                    + ": " + Outcome.shortly(e.getMessage()), e);
        }
        if (!call.ifValid().matches(answered)) {
            throw new AssertionError("validation answered " + call.description() + " itself: it " + answered
                    + ", but the call expects that it " + call.ifValid());
        }
        return call.ifValid();
    }

    private static Datastore probe() {
        Map<Class<?>, Object> repositories = new HashMap<>();
        for (Class<?> repository : List.of(JobRepository.class, PipelineRepository.class, ScheduleRepository.class, ExecutionRepository.class, HistoryRepository.class, ConstructRepository.class, RecordImport.class, SessionRepository.class, TranscriptRepository.class, SearchRepository.class, ArtifactRepository.class,
                io.opstate.resources.ResourceRepository.class, TokenRepository.class, PreferenceRepository.class,
                io.opstate.Maintenance.class)) {
            repositories.put(repository, stop(repository));
        }
        InvocationHandler store = (proxy, method, args) -> {
            if (repositories.containsKey(method.getReturnType()) && method.getParameterCount() == 0) {
                return repositories.get(method.getReturnType());
            }
            return objectMethod(proxy, method.getName(), args);
        };
        return (Datastore) Proxy.newProxyInstance(Datastore.class.getClassLoader(), new Class<?>[] {Datastore.class}, store);
    }

    private static Object stop(Class<?> repository) {
        return Proxy.newProxyInstance(repository.getClassLoader(), new Class<?>[] {repository},
                (proxy, method, args) -> objectMethod(proxy, method.getName(), args));
    }

    private static Object objectMethod(Object proxy, String name, Object[] args) {
        return switch (name) {
            case "toString" -> "probe";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new ReachedBackend();
        };
    }

    /** Validation let the call through. */
    private static final class ReachedBackend extends RuntimeException {
        ReachedBackend() {
            super("reached the backend", null, false, false);
        }
    }
}
