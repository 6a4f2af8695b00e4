package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.Health;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.Persistence;
import io.opstate.StorageUnavailableException;
import io.opstate.core.ValidatingDatastore;
import io.opstate.executions.ExecutionQuery;
import io.opstate.executions.NewExecution;
import io.opstate.history.HistoryQuery;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.JobStatus;
import io.opstate.jobs.NewJob;
import io.opstate.pipelines.NewPipeline;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The store as a whole: opening through ServiceLoader, a fresh store is empty, closing, its connections. */
public abstract class StoreContract extends TckSupport {

    @Test
    @DisplayName("a fresh store opened through Persistence.open is empty and names its backend")
    void freshStoreIsEmpty() {
        assertThat(store.backendName()).isNotBlank();
        assertThat(Persistence.providers()).extracting(p -> p.name().toLowerCase())
                .contains(store.backendName().toLowerCase());
        StoreSnapshot empty = StoreSnapshot.of(store);
        assertThat(empty.jobs()).isEmpty();
        assertThat(empty.pipelines()).isEmpty();
        assertThat(empty.schedules()).isEmpty();
        assertThat(empty.executions()).isEmpty();
        assertThat(empty.history()).isEmpty();
        assertThat(empty.jobCounts().values()).containsOnly(0L);
        assertThat(jobs().list(JobQuery.all(), PageRequest.first()).nextCursor()).isNull();
    }

    @Test
    @DisplayName("the provider returns its store wrapped by the shared validating layer (ValidatingDatastore)")
    void storeIsWrappedByTheValidatingLayer() {
        assertThat(store).isInstanceOf(ValidatingDatastore.class);
    }

    @Test
    @DisplayName("close is idempotent; using a closed store raises StorageUnavailableException")
    void closedStore() {
        Datastore closed = store;
        closed.close();
        closed.close();
        assertThatThrownBy(() -> closed.jobs().create(NewJob.of("t"))).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> closed.jobs().find("x")).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> closed.jobs().get("x")).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> closed.executions().find("x")).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> closed.history().append(NewHistoryEvent.of("e")))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> closed.inTransaction(tx -> tx.pipelines().create(NewPipeline.of("p", "{}"))))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> closed.maintenance().health()).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    @DisplayName("lookups by id, listing pages and counts give their connection back, with a pool of one")
    void lookupsPagesAndCountsGiveTheirConnectionBack() {
        store.close();
        store = Persistence.open(configure(freshStore()).clock(clock).poolMaxSize(1).poolMinIdle(1)
                .connectionTimeout(Duration.ofMillis(500)).build());
        jobs().create(NewJob.of("t").withId("j"));
        pipelines().create(NewPipeline.of("p", "{}"));
        executions().start(NewExecution.of("p", "test").withId("e"));

        for (int i = 0; i < 250; i++) {
            assertThat(jobs().find("j")).isPresent();
            assertThat(jobs().find("missing")).isEmpty();
            assertThatThrownBy(() -> jobs().get("missing")).isInstanceOf(NotFoundException.class);
            assertThat(executions().find("e")).isPresent();
        }
        jobs().create(NewJob.of("t").withId("k"));
        for (int i = 0; i < 250; i++) {
            PageRequest first = PageRequest.first(1);
            Page<Job> page = jobs().list(JobQuery.all().withStatuses(JobStatus.QUEUED), first);
            assertThat(page.items()).hasSize(1);
            assertThat(jobs().list(JobQuery.all(), first.after(page.nextCursor())).items()).hasSize(1);
            assertThat(executions().list(ExecutionQuery.all(), PageRequest.first(5)).items()).hasSize(1);
            assertThat(history().list(HistoryQuery.all(), PageRequest.first(5)).items()).isEmpty();
            assertThat(jobs().countByStatus(JobQuery.all().withTypes("t"))).containsEntry(JobStatus.QUEUED, 2L);
        }
    }

    @Test
    @DisplayName("health of an open store: reachable, names its backend, says where it lives")
    void healthOfOpenStore() {
        jobs().create(NewJob.of("t"));
        Health health = store.maintenance().health();
        assertThat(health.reachable()).isTrue();
        assertThat(health.backend()).isEqualTo(store.backendName());
        assertThat(health.detail()).isNotBlank();
        if (health.storageBytes() != null) {
            assertThat(health.storageBytes()).isPositive();
        }
    }

    @Test
    @DisplayName("unwrap: a view the backend does not offer is empty, never an exception")
    void unwrapOfAnUnofferedTypeIsEmpty() {
        assertThat(store.unwrap(String.class)).isEmpty();
        Optional<Thread> inTransaction = store.inTransaction(tx -> tx.unwrap(Thread.class));
        assertThat(inTransaction).isEmpty();
    }
}
