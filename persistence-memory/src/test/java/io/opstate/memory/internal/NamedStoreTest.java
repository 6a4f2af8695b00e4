package io.opstate.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.StorageUnavailableException;
import io.opstate.history.NewHistoryEvent;
import io.opstate.jobs.JobRepository;
import io.opstate.jobs.NewJob;
import io.opstate.memory.MemoryDatastoreProvider;
import org.junit.jupiter.api.Test;

class NamedStoreTest {
    @Test
    void handlesOnOneNameShareData() {
        try (Datastore first = Persistence.open("memory:shared-a");
             Datastore second = Persistence.open("memory:shared-a");
             Datastore other = Persistence.open("memory:shared-b")) {
            first.jobs().create(NewJob.of("mail").withId("j1"));

            assertThat(second.jobs().find("j1")).isPresent();
            assertThat(other.jobs().find("j1")).isEmpty();
        }
    }

    @Test
    void privateStoresShareNothing() {
        try (Datastore first = Persistence.open("memory:");
             Datastore second = Persistence.open("memory:")) {
            first.jobs().create(NewJob.of("mail").withId("j1"));

            assertThat(second.jobs().find("j1")).isEmpty();
        }
    }

    @Test
    void dataLivesWhileAnyHandleIsOpenAndIsDroppedWithTheLast() {
        Datastore first = Persistence.open("memory:dropped");
        Datastore second = Persistence.open("memory:dropped");
        first.history().append(NewHistoryEvent.of("created"));

        first.close();
        assertThat(MemoryDatastoreProvider.isOpen("dropped")).isTrue();
        assertThat(second.history().find(1)).isPresent();

        second.close();
        assertThat(MemoryDatastoreProvider.isOpen("dropped")).isFalse();
        try (Datastore reopened = Persistence.open("memory:dropped")) {
            assertThat(reopened.history().find(1)).isEmpty();
            assertThat(reopened.history().append(NewHistoryEvent.of("again")).id()).isEqualTo(1);
        }
    }

    @Test
    void closedHandleRefusesEverythingAndClosesOnce() {
        Datastore store = Persistence.open("memory:closing");
        Datastore sibling = Persistence.open("memory:closing");
        JobRepository jobs = store.jobs();

        store.close();
        store.close();

        assertThatThrownBy(() -> jobs.find("x"))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("is closed");
        assertThatThrownBy(store::jobs).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> store.inTransaction(tx -> 1)).isInstanceOf(StorageUnavailableException.class);
        assertThat(sibling.jobs().find("x")).isEmpty();
        sibling.close();
        assertThat(MemoryDatastoreProvider.isOpen("closing")).isFalse();
    }
}
