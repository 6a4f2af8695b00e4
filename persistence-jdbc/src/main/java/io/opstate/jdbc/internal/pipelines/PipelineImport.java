package io.opstate.jdbc.internal.pipelines;

import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.MultiRowInsert;
import io.opstate.jdbc.internal.Params;
import io.opstate.pipelines.Pipeline;
import java.sql.SQLException;
import java.util.List;

/**
 * Imports pipelines as they were ({@link io.opstate.imports.RecordImport#importPipelines}): every
 * column from the record. Records arrive checked and normalised. Thread-safe.
 */
public final class PipelineImport {
    private static final String INSERT_INTO = "INSERT INTO opstate_pipelines (" + PipelineMapper.COLUMNS + ") VALUES ";

    private final JdbcContext context;
    private final MultiRowInsert<Pipeline, Pipeline> inserts;

    public PipelineImport(JdbcContext context) {
        this.context = context;
        this.inserts = new MultiRowInsert<>(context, INSERT_INTO, " RETURNING " + PipelineMapper.COLUMNS,
                new PipelineMapper(context.dialect()), new Rows(context));
    }

    /** Writes {@code pipelines} in one write: all of them, or none. */
    public List<Pipeline> importAll(List<Pipeline> pipelines) {
        return context.database().writePlain(ErrorContext.NONE,
                connection -> inserts.insertEach(connection, pipelines, context.now()));
    }

    private record Rows(JdbcContext context) implements MultiRowInsert.Table<Pipeline, Pipeline> {
        @Override
        public String row(String suffix, String now) {
            return "(:name" + suffix + ", :description" + suffix + ", " + context.json("config" + suffix) + ", :createdAt"
                    + suffix + ", :updatedAt" + suffix + ", :version" + suffix + ")";
        }

        @Override
        public void bind(Params params, Pipeline pipeline) throws SQLException {
            params.text("name", pipeline.name())
                    .text("description", pipeline.description())
                    .text("config", pipeline.config())
                    .time("createdAt", pipeline.createdAt())
                    .time("updatedAt", pipeline.updatedAt())
                    .bigint("version", pipeline.version());
        }

        @Override
        public ErrorContext about(Pipeline pipeline) {
            return ErrorContext.of("pipeline", pipeline.name());
        }

        @Override
        public String id(Pipeline stored) {
            return stored.name();
        }
    }
}
