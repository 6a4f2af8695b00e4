package io.opstate.core.archives;

import java.util.List;

/** Every entity an archive may hold, in the order an export writes and an import reads them. */
final class ArchiveEntities {
    private ArchiveEntities() {
    }

    static List<ArchiveEntity<?>> all() {
        return List.of(
                new OperationalEntities.Pipelines(),
                new OperationalEntities.Schedules(),
                new OperationalEntities.Jobs(),
                new OperationalEntities.Executions(),
                new OperationalEntities.History(),
                new ConstructEntities.Constructs(),
                new ConstructEntities.Links(),
                new ConstructEntities.Sessions(),
                new ConstructEntities.Checkpoints(),
                new ConstructEntities.TranscriptEntries(),
                new SmallRecordEntities.ResourceKinds(),
                new SmallRecordEntities.Resources(),
                new SmallRecordEntities.Preferences(),
                new SmallRecordEntities.Tokens(),
                new ArtifactEntity());
    }
}
