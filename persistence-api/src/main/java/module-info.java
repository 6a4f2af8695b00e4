/** OpState's public API and backend SPI. */
module io.opstate.api {
    exports io.opstate;
    exports io.opstate.jobs;
    exports io.opstate.pipelines;
    exports io.opstate.schedules;
    exports io.opstate.executions;
    exports io.opstate.history;
    exports io.opstate.spi;

    uses io.opstate.spi.DatastoreProvider;
}
