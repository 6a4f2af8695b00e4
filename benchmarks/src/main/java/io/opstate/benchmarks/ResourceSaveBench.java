package io.opstate.benchmarks;

import io.opstate.resources.NewResource;
import io.opstate.resources.Resource;
import io.opstate.resources.ResourceKind;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resource save by name (create or update) of one of {@value #NAMES} names, with a small spec and
 * two labels, one transaction each. OpState also checks the kind, keeps the label index and
 * appends to the change feed under its lock (which serialises resource writers on PostgreSQL);
 * the raw baseline is the bare upsert plus the label rows. Resource tables emptied before every iteration.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class ResourceSaveBench {
    static final int NAMES = 1_000;
    static final String SPEC = "{\"port\": 8080, \"model\": \"llama-7b\", \"gpu\": 1}";
    static final String[] TABLES = {"opstate_resource_labels", "opstate_resources", "opstate_resource_changes"};

    @Benchmark
    public Resource ours(OursResources ours) {
        return ours.store.resources().save(NewResource.of("instance", name()).withSpec(SPEC)
                .withLabel("backend_type", "llama_cpp").withLabel("model_id", "m-42"));
    }

    @Benchmark
    public long raw(RawResources raw) throws SQLException {
        return raw.save(name());
    }

    private static String name() {
        return "instance-" + ThreadLocalRandom.current().nextInt(NAMES);
    }

    /** OpState with the kind declared, its resource tables emptied before every iteration. */
    public static class OursResources extends Ours.Base {
        @Setup(Level.Iteration)
        public void clearResources() {
            if (env.backend().memory()) {
                clear();
            } else {
                env.clear(TABLES);
            }
            store.resources().declareKind(ResourceKind.of("instance", "stopped", "running")
                    .withLabelValues("backend_type", "llama_cpp", "vllm"));
        }
    }

    /** The raw-JDBC baseline on the same tables. */
    @State(Scope.Benchmark)
    public static class RawResources extends Raw.Base {
        private RawDb db;
        private NamedSql upsert;
        private NamedSql deleteLabels;
        private NamedSql insertLabel;

        @Override
        protected void prepare(io.opstate.Datastore migrated) {
            migrated.resources().declareKind(ResourceKind.of("instance", "stopped"));
        }

        @Setup(Level.Trial)
        public void statements() throws SQLException {
            db = new RawDb(env);
            RawDialect dialect = db.dialect();
            upsert = NamedSql.of("INSERT INTO opstate_resources (id, kind, name, owner, spec, status, labels,"
                    + " created_at, updated_at, version) VALUES (:id, 'instance', :name, '', " + dialect.json("spec")
                    + ", 'stopped', " + dialect.json("labels") + ", :now, :now, 1) ON CONFLICT (kind, owner, name)"
                    + " DO UPDATE SET spec = excluded.spec, labels = excluded.labels, updated_at = excluded.updated_at,"
                    + " version = opstate_resources.version + 1 RETURNING id, version");
            deleteLabels = NamedSql.of("DELETE FROM opstate_resource_labels WHERE resource_id = :id");
            insertLabel = NamedSql.of("INSERT INTO opstate_resource_labels (resource_id, kind, label, value)"
                    + " VALUES (:id, 'instance', :label, :value)");
        }

        @Setup(Level.Iteration)
        public void clearResources() {
            env.clear(TABLES);
        }

        @TearDown(Level.Trial)
        public void closeDb() throws SQLException {
            db.close();
        }

        long save(String name) throws SQLException {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            RawDialect dialect = db.dialect();
            return db.write(c -> {
                PreparedStatement s = c.prepare(upsert);
                upsert.setString(s, "id", Payloads.uuid7());
                upsert.setString(s, "name", name);
                upsert.setString(s, "spec", SPEC);
                upsert.setString(s, "labels", "{\"backend_type\":\"llama_cpp\",\"model_id\":\"m-42\"}");
                dialect.setTime(s, upsert, "now", now);
                String id;
                long version;
                try (var row = s.executeQuery()) {
                    row.next();
                    id = row.getString("id");
                    version = row.getLong("version");
                }
                c.release(s);
                if (version > 1) {
                    PreparedStatement delete = c.prepare(deleteLabels);
                    deleteLabels.setString(delete, "id", id);
                    delete.executeUpdate();
                    c.release(delete);
                }
                PreparedStatement insert = c.prepare(insertLabel);
                for (String[] label : new String[][] {{"backend_type", "llama_cpp"}, {"model_id", "m-42"}}) {
                    insertLabel.setString(insert, "id", id);
                    insertLabel.setString(insert, "label", label[0]);
                    insertLabel.setString(insert, "value", label[1]);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.release(insert);
                return version;
            });
        }
    }
}
