package io.opstate.examples.modelmanager;

import io.opstate.history.HistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobStatus;
import io.opstate.tokens.CreatedToken;
import io.opstate.tokens.Token;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The model manager's data-access interface (seed 000's {@code internal/persistence/datastore.go}):
 * Jobs, History, Deployments, Tokens and Preferences, each a repository the HTTP handlers call.
 * The records are OpState's own where the plan's columns map onto them one to one.
 */
public interface ModelManagerDatastore extends AutoCloseable {
    Jobs jobs();

    History history();

    Deployments deployments();

    Tokens tokens();

    Preferences preferences();

    @Override
    void close();

    /** {@code jobs}: async jobs with type, status, stage, progress, message, payload, result and error. */
    interface Jobs {
        Job create(String type, String payloadJson);

        Optional<Job> get(String id);

        /** The worker's side: takes the job and reports stage, progress (0..100) and a message. */
        Job start(String id);

        Job report(String id, String stage, int progress, String message);

        Job succeed(String id, String resultJson);

        Job fail(String id, String error);

        List<Job> byStatus(JobStatus status, int limit);

        Map<JobStatus, Long> countByStatus();
    }

    /** {@code history}: events about models, newest first. */
    interface History {
        HistoryEvent record(String event, String modelId, String metadataJson);

        List<HistoryEvent> forModel(String modelId, int limit);
    }

    /** {@code deployments}: a model version deployed with a spec and a manifest. */
    interface Deployments {
        Deployment save(Deployment deployment);

        Optional<Deployment> get(String id);

        Deployment setStatus(String id, String status);

        List<Deployment> forModel(String modelId);
    }

    /** {@code api_tokens}: hashed secrets with scopes and a last-used time. */
    interface Tokens {
        CreatedToken create(String name, Set<String> scopes);

        /** The token's scopes when the secret is valid; empty for unknown, revoked or expired. */
        Optional<Token> verify(String secret);

        boolean revoke(String id);

        List<Token> list();
    }

    /** {@code preferences}: one JSON document per id (a UI user or panel). */
    interface Preferences {
        Optional<String> get(String id);

        void put(String id, String dataJson);
    }
}
