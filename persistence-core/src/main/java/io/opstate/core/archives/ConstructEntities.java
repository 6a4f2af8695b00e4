package io.opstate.core.archives;

import io.opstate.Datastore;
import io.opstate.SortOrder;
import io.opstate.archives.ExportSelection;
import io.opstate.archives.ImportAction;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructLink;
import io.opstate.constructs.ConstructQuery;
import io.opstate.core.Ids;
import io.opstate.sessions.Checkpoint;
import io.opstate.sessions.Session;
import io.opstate.transcripts.TranscriptEntry;
import java.util.ArrayList;
import io.opstate.imports.RecordKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The entities of constructs and what belongs to them: links, sessions, checkpoints, transcript
 * entries. They travel in a whole-store export, and in an export of chosen constructs (then links
 * only between two chosen constructs).
 */
final class ConstructEntities {
    static final String CONSTRUCTS = "constructs";
    static final String SESSIONS = "sessions";

    private ConstructEntities() {
    }

    /** Every chosen construct, the whole store's page by page, or the chosen ones by id. */
    static void eachConstruct(Datastore store, ExportSelection selection, Consumer<Construct> sink) {
        if (selection.wholeStoreChosen()) {
            OperationalEntities.drain(store.constructs().stream(ConstructQuery.all(), SortOrder.OLDEST_FIRST), sink);
        } else {
            selection.constructIds().forEach(id -> sink.accept(store.constructs().get(id)));
        }
    }

    static void eachSession(Datastore store, ExportSelection selection, Consumer<Session> sink) {
        eachConstruct(store, selection, construct -> OperationalEntities.drain(
                store.sessions().stream(construct.id(), SortOrder.OLDEST_FIRST), sink));
    }

    /**
     * A child of a session follows the session's import: skipped with it, or new when the session
     * is new or a copy. The children of a session written over the store's are decided by their
     * own keys: those the store holds are skipped, the newer ones written after them.
     */
    static Optional<ImportAction> followSession(String sessionId, KeyMap keys) {
        return keys.decision(SESSIONS, sessionId)
                .filter(action -> action != ImportAction.OVERWRITE)
                .map(action -> action == ImportAction.SKIP ? ImportAction.SKIP : ImportAction.INSERT);
    }

    abstract static class ChosenEntity<T extends Record> extends ArchiveEntity<T> {
        ChosenEntity(String name, Class<T> type) {
            super(name, type);
        }

        @Override
        boolean chosenBy(ExportSelection selection) {
            return true;
        }
    }

    static final class Constructs extends ChosenEntity<Construct> {
        Constructs() {
            super(CONSTRUCTS, Construct.class);
        }

        @Override
        void export(Datastore store, ExportSelection selection, Consumer<Construct> sink) {
            eachConstruct(store, selection, sink);
        }

        @Override
        String key(Construct record) {
            return record.id();
        }

        @Override
        Held<Construct> held(Datastore store, List<Construct> records) {
            return heldByVersion(store, RecordKind.CONSTRUCT, records, (archived, version) -> archived.version() > version);
        }

        @Override
        Construct copied(Construct record, KeyMap keys) {
            String fresh = Ids.newId();
            keys.put(name(), record.id(), fresh);
            return with(record, "id", fresh);
        }

        @Override
        void insert(Datastore store, List<Construct> batch) {
            store.records().importConstructs(batch);
        }

        /** Replaced in place: deleting a construct would delete its sessions. */
        @Override
        void overwrite(Datastore store, List<Construct> batch) {
            store.records().replaceConstructs(batch);
        }
    }

    /** A link's key is its ends and type: it is never newer, and cannot be copied under another key. */
    static final class Links extends ChosenEntity<ConstructLink> {
        Links() {
            super("construct_links", ConstructLink.class);
        }

        @Override
        void export(Datastore store, ExportSelection selection, Consumer<ConstructLink> sink) {
            Set<String> chosen = selection.constructIds();
            eachConstruct(store, selection, construct -> {
                for (ConstructLink link : store.constructs().outgoing(construct.id(), null)) {
                    if (selection.wholeStoreChosen() || chosen.contains(link.toId())) {
                        sink.accept(link);
                    }
                }
            });
        }

        @Override
        String key(ConstructLink record) {
            return record.fromId() + " " + record.type() + " " + record.toId();
        }

        @Override
        Held<ConstructLink> held(Datastore store, List<ConstructLink> records) {
            return heldUnchanging(records, record -> store.constructs().outgoing(record.fromId(), record.type())
                    .stream().anyMatch(link -> link.toId().equals(record.toId())));
        }

        @Override
        boolean copyable() {
            return false;
        }

        @Override
        ConstructLink copied(ConstructLink record, KeyMap keys) {
            throw new IllegalStateException("links are not copied");
        }

        @Override
        ConstructLink referencesRewritten(ConstructLink record, KeyMap keys) {
            return with(with(record, "fromId", keys.get(CONSTRUCTS, record.fromId())), "toId",
                    keys.get(CONSTRUCTS, record.toId()));
        }

        @Override
        void insert(Datastore store, List<ConstructLink> batch) {
            store.records().importConstructLinks(batch);
        }

        @Override
        void overwrite(Datastore store, List<ConstructLink> batch) {
            throw new IllegalStateException("links are never newer");
        }
    }

    static final class Sessions extends ChosenEntity<Session> {
        Sessions() {
            super(SESSIONS, Session.class);
        }

        @Override
        void export(Datastore store, ExportSelection selection, Consumer<Session> sink) {
            eachSession(store, selection, sink);
        }

        @Override
        String key(Session record) {
            return record.id();
        }

        @Override
        Held<Session> held(Datastore store, List<Session> records) {
            return heldByVersion(store, RecordKind.SESSION, records, (archived, version) -> archived.version() > version);
        }

        @Override
        boolean parentOfOthers() {
            return true;
        }

        @Override
        Session copied(Session record, KeyMap keys) {
            String fresh = Ids.newId();
            keys.put(name(), record.id(), fresh);
            return with(record, "id", fresh);
        }

        @Override
        Session referencesRewritten(Session record, KeyMap keys) {
            return with(record, "constructId", keys.get(CONSTRUCTS, record.constructId()));
        }

        @Override
        void insert(Datastore store, List<Session> batch) {
            store.records().importSessions(batch);
        }

        /** Replaced in place, keeping the checkpoints and entries the store holds. */
        @Override
        void overwrite(Datastore store, List<Session> batch) {
            store.records().replaceSessions(batch);
        }
    }

    /** Checkpoints never change: the same session and version is the same checkpoint. */
    static final class Checkpoints extends ChosenEntity<Checkpoint> {
        Checkpoints() {
            super("checkpoints", Checkpoint.class);
        }

        /** Oldest first, the order an import writes them in. */
        @Override
        void export(Datastore store, ExportSelection selection, Consumer<Checkpoint> sink) {
            eachSession(store, selection, session -> {
                List<Checkpoint> newestFirst = new ArrayList<>(store.sessions().checkpoints(session.id()));
                java.util.Collections.reverse(newestFirst);
                newestFirst.forEach(sink);
            });
        }

        @Override
        String key(Checkpoint record) {
            return record.sessionId() + "#" + record.version();
        }

        @Override
        Optional<ImportAction> byParent(Checkpoint record, KeyMap keys) {
            return followSession(record.sessionId(), keys);
        }

        /**
         * A checkpoint at or below its session's newest stored version counts as held, also when
         * the store has trimmed it: checkpoints are only ever added above the newest. Only
         * checkpoints of sessions not in the archive are looked up: few, one by one.
         */
        @Override
        Held<Checkpoint> held(Datastore store, List<Checkpoint> records) {
            return heldUnchanging(records, record -> {
                if (store.sessions().find(record.sessionId()).isEmpty()) {
                    return false;
                }
                List<Checkpoint> newestFirst = store.sessions().checkpoints(record.sessionId());
                return !newestFirst.isEmpty() && newestFirst.get(0).version() >= record.version();
            });
        }

        @Override
        boolean copyable() {
            return false;
        }

        @Override
        Checkpoint copied(Checkpoint record, KeyMap keys) {
            throw new IllegalStateException("checkpoints are copied with their session");
        }

        @Override
        Checkpoint referencesRewritten(Checkpoint record, KeyMap keys) {
            return with(record, "sessionId", keys.get(SESSIONS, record.sessionId()));
        }

        @Override
        void insert(Datastore store, List<Checkpoint> batch) {
            store.records().importCheckpoints(batch);
        }

        @Override
        void overwrite(Datastore store, List<Checkpoint> batch) {
            throw new IllegalStateException("checkpoints are never newer");
        }
    }

    /** Entries never change: the same session and sequence is the same entry. */
    static final class TranscriptEntries extends ChosenEntity<TranscriptEntry> {
        TranscriptEntries() {
            super("transcript_entries", TranscriptEntry.class);
        }

        @Override
        void export(Datastore store, ExportSelection selection, Consumer<TranscriptEntry> sink) {
            eachSession(store, selection, session -> OperationalEntities.drain(
                    store.transcripts().stream(session.id()), sink));
        }

        @Override
        String key(TranscriptEntry record) {
            return record.sessionId() + "#" + record.sequence();
        }

        @Override
        Optional<ImportAction> byParent(TranscriptEntry record, KeyMap keys) {
            return followSession(record.sessionId(), keys);
        }

        /**
         * The store's entry of that sequence. Read by sequence rather than from the session's last
         * sequence, which a session written over the store's has already moved past the entries.
         * Only entries of sessions not in the archive are looked up: few, one by one.
         */
        @Override
        Held<TranscriptEntry> held(Datastore store, List<TranscriptEntry> records) {
            return heldUnchanging(records, record -> store.sessions().find(record.sessionId()).isPresent()
                    && store.transcripts().read(record.sessionId(), record.sequence() - 1, 1).stream()
                    .anyMatch(entry -> entry.sequence() == record.sequence()));
        }

        @Override
        boolean copyable() {
            return false;
        }

        @Override
        TranscriptEntry copied(TranscriptEntry record, KeyMap keys) {
            throw new IllegalStateException("entries are copied with their session");
        }

        @Override
        TranscriptEntry referencesRewritten(TranscriptEntry record, KeyMap keys) {
            return with(record, "sessionId", keys.get(SESSIONS, record.sessionId()));
        }

        @Override
        void insert(Datastore store, List<TranscriptEntry> batch) {
            store.records().importTranscriptEntries(batch);
        }

        @Override
        void overwrite(Datastore store, List<TranscriptEntry> batch) {
            throw new IllegalStateException("entries are never newer");
        }
    }
}
