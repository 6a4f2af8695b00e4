package io.opstate.tck;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import io.opstate.constructs.Construct;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.NewConstruct;
import io.opstate.sessions.NewSession;
import io.opstate.transcripts.NewTranscriptEntry;

/**
 * The other process of a backend's two-process cache test, run in a child JVM: opens the store
 * at {@code args[0]} (in PostgreSQL schema {@code args[1]} when given), with its own cache off,
 * and changes what {@link #seed} created: renames construct {@value #RENAMED}, appends an entry to
 * session {@value #APPENDED} and deletes construct {@value #DELETED} with its session
 * {@value #GONE}. Prints {@code done} and exits 0, or exits non-zero with the failure on stderr.
 */
public final class OtherProcessWrites {
    /** The construct the other process renames to {@value #TITLE}. */
    public static final String RENAMED = "c1";
    /** Its title once renamed, and the content of the entry appended. */
    public static final String TITLE = "written by another process";
    /** The session (of {@value #RENAMED}) the other process appends to. */
    public static final String APPENDED = "s1";
    /** The construct the other process deletes. */
    public static final String DELETED = "c2";
    /** The session of {@value #DELETED}, gone with it. */
    public static final String GONE = "s2";

    private OtherProcessWrites() {
    }

    /** Creates what the other process changes, through {@code store}, with one entry in each session. */
    public static void seed(Datastore store) {
        store.constructs().create(NewConstruct.of("feature", "active").withId(RENAMED));
        store.constructs().create(NewConstruct.of("feature", "active").withId(DELETED));
        store.sessions().create(NewSession.of(RENAMED, "running").withId(APPENDED));
        store.sessions().create(NewSession.of(DELETED, "running").withId(GONE));
        store.transcripts().append(APPENDED, NewTranscriptEntry.of("user", "first"));
        store.transcripts().append(GONE, NewTranscriptEntry.of("user", "first"));
    }

    public static void main(String[] args) {
        PersistenceConfig.Builder config = PersistenceConfig.builder(args[0])
                .set(Settings.CACHE_MAX_MB, 0);
        if (args.length > 1) {
            config.schema(args[1]);
        }
        try (Datastore store = Persistence.open(config.build())) {
            Construct current = store.constructs().get(RENAMED);
            store.constructs().update(RENAMED, current.version(), ConstructChanges.none().withTitle(TITLE));
            store.transcripts().append(APPENDED, NewTranscriptEntry.of("assistant", TITLE));
            store.constructs().delete(DELETED);
        }
        System.out.println("done");
    }
}
