/** OpState's public API and backend SPI. */
// "module": the modules named in the qualified export are not visible when this one compiles.
@SuppressWarnings("module")
module io.opstate.api {
    // StoreObserver hands the store's connection pools (javax.sql.DataSource) to observers.
    requires transitive java.sql;

    exports io.opstate;
    exports io.opstate.jobs;
    exports io.opstate.pipelines;
    exports io.opstate.schedules;
    exports io.opstate.executions;
    exports io.opstate.history;
    exports io.opstate.imports;
    exports io.opstate.constructs;
    exports io.opstate.spi;
    exports io.opstate.sessions;
    exports io.opstate.transcripts;
    exports io.opstate.search;
    exports io.opstate.artifacts;
    exports io.opstate.resources;
    exports io.opstate.tokens;
    exports io.opstate.preferences;
    exports io.opstate.operations;
    exports io.opstate.archives;
    exports io.opstate.maintenance;
    exports io.opstate.retention;
    // Not API: shared with OpState's own modules so every message quotes user text one way.
    exports io.opstate.internal to io.opstate.core, io.opstate.jdbc, io.opstate.sqlite, io.opstate.postgres;

    uses io.opstate.spi.DatastoreProvider;
}
