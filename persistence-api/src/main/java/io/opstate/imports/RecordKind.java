package io.opstate.imports;

/**
 * The records {@link RecordImport#storedVersions} looks up, each found by one key: the id of a
 * job, schedule, execution, construct or session, the name of a pipeline, the id of a history
 * event in decimal.
 */
public enum RecordKind {
    JOB,
    PIPELINE,
    SCHEDULE,
    EXECUTION,
    HISTORY_EVENT,
    CONSTRUCT,
    SESSION
}
