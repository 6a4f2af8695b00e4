package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated hostile input at every public entry point: each repository method, the query and page
 * builders, and the configuration. For each entry point {@value #TRIES} calls are generated from
 * a seeded {@link Random} (the seed is in every failure message; rerun with
 * {@code -Dopstate.tck.seed=<seed>} to repeat a run), and each call must:
 *
 * <ul>
 *   <li>end as validation in core says ({@link ValidationOracle}): {@link io.opstate.InvalidInputException}
 *       naming the field, or, for input that passes, the outcome the API documents for the seeded
 *       store ({@link HostileSeed}): the record, an empty {@code find}, {@link io.opstate.NotFoundException},
 *       a conflict... Classes compare exactly, so every backend gives the same outcome;</li>
 *   <li>throw nothing whose message, or whose causes' and suppressed exceptions' messages, is longer
 *       than {@value Outcome#MAX_MESSAGE_LENGTH} characters or repeats a line break, control
 *       character or unpaired surrogate of the input;</li>
 *   <li>leave the store as it was: calls that pass validation and write run in a transaction that
 *       is rolled back, and a snapshot of every record is compared after each entry point.</li>
 * </ul>
 *
 * <p>The store accepts JSON of at most {@value #MAX_PAYLOAD} bytes, so documents at and beyond the
 * nesting bound fit. A leaf only says how to reach a new store, as for every contract.
 */
public abstract class HostileInputContract extends TckSupport {
    /** Calls generated per entry point. */
    static final int TRIES = 100;
    /** Calls of each store entry point that must pass validation and reach the backend. */
    static final int MIN_VALID = 10;
    /** The payload limit this contract configures. */
    static final int MAX_PAYLOAD = 4096;
    /** The transcript entry limit this contract configures: twice the payload limit, so both are met. */
    static final int MAX_ENTRY = 2 * MAX_PAYLOAD;
    /**
     * A fixed seed, so that a build passes or fails the same way every time; set
     * {@code opstate.tck.seed} to explore other inputs (or {@code random} for a new seed per run).
     */
    private static final long SEED = "random".equals(System.getProperty("opstate.tck.seed"))
            ? new Random().nextLong() : Long.getLong("opstate.tck.seed", 20261204L);

    /** Where puts that pass validation leave their blobs (their rows are rolled back). */
    @TempDir
    Path artifactRoot;

    /** Where the archives of the archive calls are. */
    @TempDir
    Path archiveFolder;

    private HostileSeed seed;
    private HostileArchiveCalls.Files4Archives archives;
    private ValidationOracle oracle;

    @Override
    protected PersistenceConfig.Builder configure(PersistenceConfig.Builder builder) {
        return builder.maxPayloadBytes(MAX_PAYLOAD).set(Settings.MAX_ENTRY_BYTES, MAX_ENTRY)
                .artifactRoot(artifactRoot.toString());
    }

    @BeforeEach
    void seedStore() {
        seed = HostileSeed.into(store);
        HostileSessionCalls.seed(store);
        HostileResourceCalls.seed(store);
        HostileImportCalls.seedBlob(store);
        archives = HostileArchiveCalls.Files4Archives.into(store, archiveFolder);
        oracle = new ValidationOracle(PersistenceConfig.builder("memory:").maxPayloadBytes(MAX_PAYLOAD)
                .set(Settings.MAX_ENTRY_BYTES, MAX_ENTRY).build());
    }

    /** One store for every entry point: opening a PostgreSQL store per area cost more than the calls. */
    @TestFactory
    @DisplayName("every public entry point")
    Stream<DynamicContainer> entryPoints() {
        return Stream.of(
                area("jobs", HostileJobCalls.all(seed)),
                area("pipelines", HostileRecordCalls.pipelines()),
                area("schedules", HostileRecordCalls.schedules()),
                area("executions", HostileRecordCalls.executions()),
                area("history", HostileRecordCalls.history(seed)),
                area("constructs", HostileConstructCalls.all()),
                area("imports", HostileImportCalls.all(seed)),
                area("imports of small records, and replacements", HostileRecordImportCalls.all()),
                area("configuration", HostileConfigCalls.all()),
                area("sessions", HostileSessionCalls.sessions()),
                area("transcripts", HostileSessionCalls.transcripts()),
                area("search", HostileSearchCalls.all()),
                area("artifacts", HostileArtifactCalls.all()),
                area("resources", HostileResourceCalls.all()),
                area("tokens", HostileTokenCalls.all()),
                area("preferences", HostilePreferenceCalls.all()),
                area("archives", HostileArchiveCalls.all(archives)),
                area("maintenance", HostileMaintenanceCalls.all()));
    }

    private DynamicContainer area(String name, Map<String, Function<HostileRecords, HostileCall>> calls) {
        return DynamicContainer.dynamicContainer(name, calls.entrySet().stream().map(entry ->
                DynamicTest.dynamicTest(entry.getKey(), () -> tryHostileCalls(entry.getKey(), entry.getValue()))));
    }

    /** {@value #TRIES} generated calls of one entry point; each checked, then the store as a whole. */
    private void tryHostileCalls(String entryPoint, Function<HostileRecords, HostileCall> generator) {
        // A seed of its own per entry point: the calls of one do not depend on how many others ran.
        long entrySeed = SEED ^ entryPoint.hashCode();
        HostileRecords records = new HostileRecords(new HostileValues(new Random(entrySeed), HostileSeed.KNOWN_NAMES),
                MAX_PAYLOAD);
        StoreSnapshot before = StoreSnapshot.of(store);
        int passedValidation = 0;
        boolean validated = false;
        for (int i = 0; i < TRIES; i++) {
            String context = "seed " + SEED + " (-Dopstate.tck.seed=" + SEED + "), " + entryPoint + ", call " + i;
            HostileCall call = generate(generator, records, context);
            Outcome expected = call.validated() ? oracle.expected(call) : call.ifValid();
            validated |= call.validated();
            passedValidation += expected == call.ifValid() ? 1 : 0;
            Outcome actual = expected.isReturn() && call.writes() ? rolledBack(call) : Outcome.of(call, store);
            assertThat(expected.matches(actual)).as("%s: %s should end as it %s, but it %s", context,
                    call.description(), expected, actual).isTrue();
            if (actual.thrown() != null) {
                assertThat(Outcome.messageProblems(actual.thrown())).as("%s: messages of %s", context, call.description())
                        .isEmpty();
            }
        }
        assertThat(StoreSnapshot.of(store)).as("store after the calls of %s (seed %d)", entryPoint, SEED)
                .isEqualTo(before);
        if (validated) {
            // Otherwise the generators would test validation alone, never a backend with odd but valid input.
            assertThat(passedValidation).as("%s: calls that passed validation (seed %d)", entryPoint, SEED)
                    .isGreaterThanOrEqualTo(MIN_VALID);
        }
    }

    private static HostileCall generate(Function<HostileRecords, HostileCall> generator, HostileRecords records,
                                        String context) {
        try {
            return generator.apply(records);
        } catch (RuntimeException e) {
            // Arguments are built through the public builders: none may throw.
            throw new AssertionError(context + ": building the arguments threw " + e, e);
        }
    }

    /** Runs a call that should write in a transaction rolled back afterwards, so the seeded store stays. */
    private Outcome rolledBack(HostileCall call) {
        try {
            store.inTransaction(transaction -> {
                throw new RolledBack(call.run(transaction));
            });
            throw new IllegalStateException("the transaction returned instead of rolling back");
        } catch (RolledBack done) {
            return Outcome.returned(done.result);
        } catch (Throwable e) {
            return Outcome.threw(e);
        }
    }

    /** Carries a call's result out of the transaction it rolls back. */
    private static final class RolledBack extends RuntimeException {
        private final transient Object result;

        RolledBack(Object result) {
            super("rolled back", null, false, false);
            this.result = result;
        }
    }
}
