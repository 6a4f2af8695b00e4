package io.opstate.benchmarks;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.Settings;
import io.opstate.tokens.NewToken;
import io.opstate.tokens.Token;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Token verification, the per-request hot path: a random one of {@value #TOKENS} valid secrets
 * verified. {@code lastUsed=throttled}: OpState's default (the last-used time written at most
 * once a minute per token, so after the first pass over the tokens nothing is written), against
 * raw JDBC doing the same lookup by id and constant-time hash comparison with no write.
 * {@code lastUsed=every}: the interval set to 0, so nearly every verification also writes, against
 * raw JDBC doing the same lookup, comparison and conditional update in a write transaction.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchEnv.FORK_HEAP, BenchEnv.FORK_JIT})
public class TokenVerifyBench {
    static final int TOKENS = 1000;

    @Benchmark
    public Optional<Token> ours(OursTokens state) {
        return state.store.tokens().verify(state.randomSecret());
    }

    @Benchmark
    public Optional<Set<String>> raw(RawTokens state) throws SQLException {
        return state.verify(state.randomSecret());
    }

    /** Creates {@value #TOKENS} tokens through OpState and returns their secrets. */
    static List<String> createTokens(Datastore store) {
        List<String> secrets = new ArrayList<>(TOKENS);
        for (int i = 0; i < TOKENS; i++) {
            secrets.add(store.tokens().create(NewToken.of("bench " + i, Set.of("jobs:read", "jobs:write"))).secret());
        }
        return secrets;
    }

    static String random(List<String> secrets) {
        return secrets.get(ThreadLocalRandom.current().nextInt(secrets.size()));
    }

    /** OpState with the tokens, the last-used interval as {@code lastUsed} says. */
    @State(Scope.Benchmark)
    public static class OursTokens {
        @Param({"memory", "sqlite-normal", "sqlite-full", "postgres"})
        public String backend;
        @Param({"throttled", "every"})
        public String lastUsed;

        BenchEnv env;
        Datastore store;
        List<String> secrets;

        @Setup(Level.Trial)
        public void open() {
            env = BenchEnv.create(Backend.of(backend));
            var config = env.config().toBuilder();
            if (lastUsed.equals("every")) {
                config.set(Settings.TOKEN_LAST_USED_INTERVAL, Duration.ZERO);
            }
            store = Persistence.open(config.build());
            secrets = createTokens(store);
        }

        String randomSecret() {
            return random(secrets);
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
            env.close();
        }
    }

    /** The raw-JDBC baseline on the same table, written by OpState before the trial. */
    @State(Scope.Benchmark)
    public static class RawTokens {
        private static final NamedSql LOOKUP = NamedSql.of("SELECT scopes, secret_hash, expires_at, revoked_at"
                + " FROM opstate_tokens WHERE id = :id");
        private static final NamedSql TOUCH = NamedSql.of("UPDATE opstate_tokens SET last_used_at = :now"
                + " WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :now)");

        @Param({"sqlite-normal", "sqlite-full", "postgres"})
        public String backend;
        @Param({"throttled", "every"})
        public String lastUsed;

        BenchEnv env;
        RawDb db;
        RawDialect dialect;
        List<String> secrets;
        boolean write;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            env = BenchEnv.create(Backend.of(backend));
            try (Datastore migrated = env.open()) {
                secrets = createTokens(migrated);
            }
            db = new RawDb(env);
            dialect = db.dialect();
            write = lastUsed.equals("every");
        }

        String randomSecret() {
            return random(secrets);
        }

        /** The scopes of a valid secret: lookup by the id in it, SHA-256 compared in constant time, then the write. */
        Optional<Set<String>> verify(String secret) throws SQLException {
            String id = secret.substring(4, 40);
            Optional<Set<String>> scopes = db.read(c -> {
                PreparedStatement s = c.prepare(LOOKUP);
                LOOKUP.setString(s, "id", id);
                try (ResultSet row = s.executeQuery()) {
                    Optional<Set<String>> found = Optional.empty();
                    if (row.next() && MessageDigest.isEqual(row.getString("secret_hash").getBytes(StandardCharsets.US_ASCII),
                            sha256(secret).getBytes(StandardCharsets.US_ASCII))
                            && dialect.getTime(row, "revoked_at") == null && dialect.getTime(row, "expires_at") == null) {
                        found = Optional.of(Set.copyOf(Arrays.asList(row.getString("scopes").split(" "))));
                    }
                    c.release(s);
                    return found;
                }
            });
            if (write && scopes.isPresent()) {
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                db.write(c -> {
                    PreparedStatement s = c.prepare(TOUCH);
                    TOUCH.setString(s, "id", id);
                    dialect.setTime(s, TOUCH, "now", now);
                    int changed = s.executeUpdate();
                    c.release(s);
                    return changed;
                });
            }
            return scopes;
        }

        private static String sha256(String secret) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(secret.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            db.close();
            env.close();
        }
    }
}
