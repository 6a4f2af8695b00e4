package io.opstate.examples.modelmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opstate.Datastore;
import io.opstate.IllegalTransitionException;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.history.HistoryEvent;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.ClaimedJob;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobFailure;
import io.opstate.jobs.JobProgress;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.preferences.Preference;
import io.opstate.resources.NewResource;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import io.opstate.resources.ResourceQuery;
import io.opstate.tokens.CreatedToken;
import io.opstate.tokens.NewToken;
import io.opstate.tokens.Token;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The model manager's {@link ModelManagerDatastore} on OpState: jobs are OpState jobs (stage,
 * progress and message are a job's progress; the error is its failure), history is the history
 * log (the model is the event's subject), deployments are resources of a declared kind (statuses
 * as the plan's {@code status}, the model as a label, version, spec and manifest in the spec),
 * tokens and preferences are OpState's own. Thread-safe.
 */
public final class OpStateModelManager implements ModelManagerDatastore {
    /** The resource kind of deployments. */
    public static final String DEPLOYMENT_KIND = "model-manager.deployment";
    /** What a deployment's status may be; a new one starts {@code pending}. */
    public static final List<String> DEPLOYMENT_STATUSES = List.of("pending", "deploying", "running", "failed", "stopped");
    /** Whose preferences: one owner for the whole UI, keyed by the plan's {@code id}. */
    static final String PREFERENCES_OWNER = "ui";
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Datastore store;
    private final String workerId;
    private final Map<String, ClaimedJob> running = new ConcurrentHashMap<>();

    /**
     * @param store owned from now on: {@link #close()} closes it
     * @param workerId names this process in the jobs it runs
     */
    public OpStateModelManager(Datastore store, String workerId) {
        this.store = store;
        this.workerId = workerId;
        store.resources().declareKind(ResourceKind.of(DEPLOYMENT_KIND, DEPLOYMENT_STATUSES.get(0),
                DEPLOYMENT_STATUSES.subList(1, DEPLOYMENT_STATUSES.size()).toArray(String[]::new)));
    }

    @Override
    public Jobs jobs() {
        return new Jobs() {
            @Override
            public Job create(String type, String payloadJson) {
                return store.jobs().create(NewJob.of(type).withPayload(payloadJson));
            }

            @Override
            public Optional<Job> get(String id) {
                return store.jobs().find(id);
            }

            @Override
            public Job start(String id) {
                ClaimedJob claimed = store.jobs().claimHandle(id, workerId, LEASE).orElseThrow(() ->
                        new IllegalTransitionException("job", id, store.jobs().get(id).status().name(), "RUNNING",
                                "the job is not queued"));
                running.put(id, claimed);
                return claimed.job();
            }

            @Override
            public Job report(String id, String stage, int progress, String message) {
                ClaimedJob claimed = claim(id);
                Job job = claimed.progress(JobProgress.fraction(progress / 100.0).withStage(stage).withMessage(message));
                claimed.renew(LEASE);
                return job;
            }

            @Override
            public Job succeed(String id, String resultJson) {
                Job job = claim(id).complete(resultJson);
                running.remove(id);
                return job;
            }

            @Override
            public Job fail(String id, String error) {
                Job job = claim(id).fail(JobFailure.of(error));
                running.remove(id);
                return job;
            }

            @Override
            public List<Job> byStatus(JobStatus status, int limit) {
                return store.jobs().list(JobQuery.all().withStatuses(status), PageRequest.first(limit)).items();
            }

            @Override
            public Map<JobStatus, Long> countByStatus() {
                return store.jobs().countByStatus(JobQuery.all());
            }
        };
    }

    private ClaimedJob claim(String id) {
        ClaimedJob claimed = running.get(id);
        if (claimed == null) {
            throw new IllegalTransitionException("job", id, store.jobs().get(id).status().name(), "RUNNING",
                    "this process did not start the job");
        }
        return claimed;
    }

    @Override
    public History history() {
        return new History() {
            @Override
            public HistoryEvent record(String event, String modelId, String metadataJson) {
                return store.history().append(NewHistoryEvent.of(event).withSubjectId(modelId).withMetadata(metadataJson));
            }

            @Override
            public List<HistoryEvent> forModel(String modelId, int limit) {
                return store.history().list(HistoryQuery.bySubject(modelId), PageRequest.first(limit)).items();
            }
        };
    }

    @Override
    public Deployments deployments() {
        return new Deployments() {
            /** Saves the row and then its status, in one transaction, as the plan's single UPSERT would. */
            @Override
            public Deployment save(Deployment deployment) {
                return store.inTransaction(tx -> {
                    Resource saved = tx.resources().save(NewResource.of(DEPLOYMENT_KIND, deployment.id())
                            .withLabel("model_id", deployment.modelId()).withSpec(spec(deployment)));
                    if (!saved.status().equals(deployment.status())) {
                        saved = tx.resources().transition(saved.id(), saved.version(), deployment.status(), null);
                    }
                    return read(saved);
                });
            }

            @Override
            public Optional<Deployment> get(String id) {
                return store.resources().findByName(DEPLOYMENT_KIND, null, id).map(OpStateModelManager::read);
            }

            @Override
            public Deployment setStatus(String id, String status) {
                Resource current = store.resources().findByName(DEPLOYMENT_KIND, null, id).orElseThrow(() ->
                        new io.opstate.NotFoundException("deployment", id));
                return read(store.resources().transition(current.id(), current.version(), status, null));
            }

            @Override
            public List<Deployment> forModel(String modelId) {
                try (Stream<Resource> rows = store.resources().stream(
                        ResourceQuery.of(DEPLOYMENT_KIND).withLabel("model_id", modelId), SortOrder.OLDEST_FIRST)) {
                    return rows.map(OpStateModelManager::read).toList();
                }
            }
        };
    }

    @Override
    public Tokens tokens() {
        return new Tokens() {
            @Override
            public CreatedToken create(String name, Set<String> scopes) {
                return store.tokens().create(NewToken.of(name, scopes));
            }

            @Override
            public Optional<Token> verify(String secret) {
                return store.tokens().verify(secret);
            }

            @Override
            public boolean revoke(String id) {
                return store.tokens().revoke(id);
            }

            @Override
            public List<Token> list() {
                return store.tokens().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();
            }
        };
    }

    @Override
    public Preferences preferences() {
        return new Preferences() {
            @Override
            public Optional<String> get(String id) {
                return store.preferences().find(PREFERENCES_OWNER, id).map(Preference::document);
            }

            @Override
            public void put(String id, String dataJson) {
                store.preferences().save(PREFERENCES_OWNER, id, dataJson);
            }
        };
    }

    /** The store underneath, for the host's operational side (maintenance, metrics, backups). */
    public Datastore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }

    private static String spec(Deployment deployment) {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("version", deployment.version());
        spec.put("manifest", deployment.manifest());
        try {
            spec.set("spec", deployment.specJson() == null ? null : JSON.readTree(deployment.specJson()));
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new io.opstate.InvalidInputException("specJson", "is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Deployment read(Resource resource) {
        try {
            JsonNode spec = JSON.readTree(resource.spec());
            JsonNode inner = spec.get("spec");
            return new Deployment(resource.name(), resource.labels().get("model_id"), text(spec, "version"),
                    resource.status(), inner == null || inner.isNull() ? null : JSON.writeValueAsString(inner),
                    text(spec, "manifest"), resource.createdAt(), resource.updatedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("deployment " + resource.name() + " has a spec this host did not write", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
