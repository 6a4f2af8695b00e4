package io.opstate.examples;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructLink;
import io.opstate.constructs.NewConstruct;
import io.opstate.constructs.TimelineBucket;
import io.opstate.history.NewHistoryEvent;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.NewSession;
import io.opstate.sessions.Session;
import io.opstate.sessions.SessionChanges;
import io.opstate.transcripts.NewTranscriptEntry;
import io.opstate.transcripts.TranscriptEntry;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * An agent run as the orchestration engine of seed 004 records it: a plan handed off to the
 * construct that implements it, one session of that construct whose agent saves its state after
 * every step and appends each step's conversation as one chunk, the run's metrics, and the whole
 * transcript streamed back, and the implementation's activity counted per minute for a chart. Run it with a store URL ({@code memory:} by default).
 */
public final class AgentRun {
    /** The steps of the run, each a user turn, a tool call and the assistant's answer. */
    static final List<String> STEPS = List.of("read the schema", "write the migration", "run the tests");

    private AgentRun() {
    }

    /** What the run left in the store. */
    record Outcome(Construct implementation, List<ConstructLink> handedOff, Session session, Checkpoint state,
                   List<Checkpoint> checkpoints, long entries, List<TimelineBucket> activity) {
    }

    public static void main(String[] args) {
        try (Datastore store = Persistence.open(args.length > 0 ? args[0] : "memory:")) {
            Outcome outcome = run(store, System.out);
            System.out.println(outcome.entries() + " entries, state version " + outcome.state().version());
        }
    }

    static Outcome run(Datastore store, PrintStream out) {
        Construct plan = store.constructs().create(NewConstruct.of("plan", "approved")
                .withTitle("Move billing onto OpState"));
        Construct implementation = store.constructs().create(NewConstruct.of("implementation", "running"));
        store.constructs().link(plan.id(), "implemented-by", implementation.id(), "{\"order\": 1}");
        // A history event about the construct shows in its activity timeline.
        store.history().append(NewHistoryEvent.of("construct.handed-off").withSubjectId(implementation.id()));

        Instant started = Instant.now();
        Session session = store.sessions().create(NewSession.of(implementation.id(), "running")
                .withMetrics("{\"timings\": {}, \"interventions\": []}"));
        long stateVersion = session.stateVersion();
        for (int step = 0; step < STEPS.size(); step++) {
            // One chunk per step, guarded: if another writer appended meanwhile, nothing is written.
            long nextSequence = store.transcripts().count(session.id()) + 1;
            store.transcripts().appendAll(session.id(), nextSequence, List.of(
                    NewTranscriptEntry.of("user", "Please " + STEPS.get(step)),
                    NewTranscriptEntry.of("tool", "ok").withData("{\"tool\": \"shell\", \"step\": " + step + "}"),
                    NewTranscriptEntry.of("assistant", "Done: " + STEPS.get(step))));
            // State saved against the version read: a second agent on the same session would be refused.
            String next = step + 1 < STEPS.size() ? "\"" + STEPS.get(step + 1) + "\"" : "null";
            stateVersion = store.sessions().saveState(session.id(), stateVersion,
                    "{\"step\": " + step + ", \"next\": " + next + "}").version();
        }
        long millis = Duration.between(started, Instant.now()).toMillis();
        session = store.sessions().update(session.id(), session.version(), SessionChanges.none()
                .withStatus("succeeded").withEndedAt(Instant.now())
                .withMetrics("{\"timings\": {\"totalMs\": " + millis + "}, \"interventions\": []}"));

        long entries = 0;
        try (Stream<TranscriptEntry> transcript = store.transcripts().stream(session.id())) {
            for (TranscriptEntry entry : (Iterable<TranscriptEntry>) transcript::iterator) {
                out.println(entry.sequence() + " " + entry.role() + ": " + entry.content());
                entries++;
            }
        }
        // The run's activity per minute, empty minutes included: what a timeline chart draws.
        Duration minute = Duration.ofMinutes(1);
        List<TimelineBucket> activity = store.constructs().timelineCounts(implementation.id(), started.minus(minute),
                Instant.now().plus(minute), minute);
        for (TimelineBucket bucket : activity) {
            out.println(bucket.start() + " " + bucket.total() + " events " + bucket.counts());
        }
        return new Outcome(implementation, store.constructs().outgoing(plan.id(), "implemented-by"), session,
                store.sessions().latestState(session.id()).orElseThrow(), store.sessions().checkpoints(session.id()),
                entries, activity);
    }
}
