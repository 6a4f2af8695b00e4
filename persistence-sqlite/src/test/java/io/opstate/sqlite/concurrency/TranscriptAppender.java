package io.opstate.sqlite.concurrency;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.SequenceConflictException;
import io.opstate.tck.ChildDeadline;
import io.opstate.transcripts.NewTranscriptEntry;
import java.time.Duration;
import java.util.List;

/**
 * Child JVM of {@link ProcessTranscriptTest}: its own store on a file another process appends to
 * at the same time, both to one session. Appends its entries in order, role = its name, content =
 * the entry's index: every third one alone and unguarded, the others guarded by the next sequence
 * number it last read (retrying when the other process came first), every fifth as a chunk of
 * two. Prints {@code appended=<n> conflicts=<n>} and exits 0; any exception ends it with a stack
 * trace and exit code 1.
 *
 * <p>Arguments: store URL, writer name, session id, number of entries.
 */
public final class TranscriptAppender {
    private TranscriptAppender() {
    }

    public static void main(String[] args) {
        ChildDeadline.arm(Duration.ofSeconds(40));
        String name = args[1];
        String session = args[2];
        int count = Integer.parseInt(args[3]);
        int conflicts = 0;
        try (Datastore store = Persistence.open(args[0])) {
            int i = 0;
            while (i < count) {
                if (i % 3 == 0) {
                    store.transcripts().append(session, entry(name, i));
                    i++;
                    continue;
                }
                List<NewTranscriptEntry> chunk = i % 5 == 0 && i + 1 < count
                        ? List.of(entry(name, i), entry(name, i + 1)) : List.of(entry(name, i));
                try {
                    store.transcripts().appendAll(session, store.transcripts().count(session) + 1, chunk);
                    i += chunk.size();
                } catch (SequenceConflictException e) {
                    conflicts++;
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("appended=" + count + " conflicts=" + conflicts);
        System.out.flush();
    }

    private static NewTranscriptEntry entry(String name, int index) {
        return NewTranscriptEntry.of(name, Integer.toString(index));
    }
}
