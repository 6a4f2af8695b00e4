package io.opstate;

/** What a SQL backend does with its schema when a store is opened. */
public enum MigrationMode {
    /** Apply pending migrations (the default). */
    MIGRATE,
    /** Apply nothing; refuse to open, listing what is missing, unless the schema is current. */
    VALIDATE,
    /** Touch nothing and check nothing: the host manages the schema itself. */
    NONE
}
