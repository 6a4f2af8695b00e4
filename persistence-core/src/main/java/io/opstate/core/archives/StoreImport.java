package io.opstate.core.archives;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.archives.ArchiveConflictException;
import io.opstate.archives.ArchiveFormatException;
import io.opstate.archives.ConflictPolicy;
import io.opstate.archives.ImportAction;
import io.opstate.archives.ImportOptions;
import io.opstate.archives.ImportReport;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCompression;
import io.opstate.imports.ImportedBlob;
import io.opstate.imports.RecordImport;
import io.opstate.operations.Cancellation;
import io.opstate.operations.OperationCancelledException;
import io.opstate.operations.Progress;
import io.opstate.operations.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports an archive: reads it whole once to check it ({@link ArchiveReader#verify}), stores the
 * blobs its artifacts name (each on its own, before the transaction: a blob is content-addressed,
 * so storing one the store holds only marks it used), then reads it again and writes every entity
 * in batches inside one transaction of the store, looking up which records the store holds once
 * per batch and deciding per record what the conflict policy says. When that transaction fails,
 * the blobs it stored stay unreferenced until garbage collection removes them. A dry run decides
 * the same way and writes nothing, blobs included.
 */
final class StoreImport {
    static final String OPERATION = "import";
    /** Records written per call: as many as a {@link RecordImport} batch takes. */
    private static final int BATCH = RecordImport.MAX_BATCH;
    /**
     * Archive bytes a batch holds at most, whatever its count: records may be large (entries and
     * documents of up to the store's limits), and memory must stay bounded.
     */
    private static final long BATCH_BYTES = 4L * 1024 * 1024;
    private static final Pattern BATCH_FIELD = Pattern.compile("[A-Za-z]+\\[(\\d+)]\\.?(.*)");

    private final Datastore store;
    private final ObjectMapper json;
    private final List<ArchiveEntity<?>> entities;

    StoreImport(Datastore store, ObjectMapper json, List<ArchiveEntity<?>> entities) {
        this.store = store;
        this.json = json;
        this.entities = entities;
    }

    ImportReport importArchive(Path from, ImportOptions options, ProgressListener progress,
                               Cancellation cancellation) {
        try (ArchiveReader reader = new ArchiveReader(json, from)) {
            long[] checked = {0};
            reader.verify(List.copyOf(entities), cancellation, () -> report(progress, "check",
                    ++checked[0], reader.manifest().entries().size()));
            for (ArchiveEntity<?> entity : entities) {
                reader.entry(entity).ifPresent(entry -> entity.checkTarget(store, reader.manifest(), entry));
            }
            ImportTally tally = new ImportTally(options.sampleSize());
            if (options.dryRun()) {
                run(store, reader, options, Map.of(), tally, progress, cancellation);
            } else {
                Map<String, ImportedBlob> blobs = importBlobs(reader, progress, cancellation);
                store.useTransaction(transaction -> run(transaction, reader, options, blobs, tally, progress,
                        cancellation));
            }
            return tally.report(options.dryRun(), options.policy());
        }
    }

    /** Stores the content of every artifact of the archive, once per blob; how the store keeps each, by SHA-256. */
    private Map<String, ImportedBlob> importBlobs(ArchiveReader reader, ProgressListener progress,
                                                  Cancellation cancellation) {
        Map<String, ImportedBlob> stored = new HashMap<>();
        for (ArchiveEntity<?> entity : entities) {
            if (entity.carriesContent()) {
                importBlobsOf(reader, entity, stored, progress, cancellation);
            }
        }
        return stored;
    }

    private <T extends Record> void importBlobsOf(ArchiveReader reader, ArchiveEntity<T> entity,
                                                  Map<String, ImportedBlob> stored, ProgressListener progress,
                                                  Cancellation cancellation) {
        Map<String, Content> wanted = new LinkedHashMap<>();
        reader.read(entity, (record, line, bytes) -> {
            Artifact content = entity.contentOf(record);
            wanted.putIfAbsent(content.sha256(), new Content(content.size(), content.compression()));
        });
        long done = 0;
        for (Map.Entry<String, Content> blob : wanted.entrySet()) {
            cancellation.throwIfCancelled(OPERATION);
            String sha256 = blob.getKey();
            String entryName = ArchiveNames.blob(sha256);
            try (InputStream in = reader.blob(sha256)) {
                stored.put(sha256, store.records().importBlob(sha256, blob.getValue().size(),
                        blob.getValue().compression(), in));
            } catch (IOException e) {
                throw new ArchiveFormatException(entryName, "cannot be read: " + e.getMessage(), e);
            } catch (InvalidInputException e) {
                if (!e.field().equals("content")) {
                    throw e;
                }
                throw new ArchiveFormatException(entryName, "is refused by the store: " + e.getMessage(), e);
            }
            report(progress, StoreExport.BLOBS_STEP, ++done, wanted.size());
        }
    }

    /** What an import needs to know of a blob before it stores it. */
    private record Content(long size, ArtifactCompression compression) {
    }

    private void run(Datastore target, ArchiveReader reader, ImportOptions options, Map<String, ImportedBlob> blobs,
                     ImportTally tally, ProgressListener progress, Cancellation cancellation) {
        KeyMap keys = new KeyMap(blobs);
        for (ArchiveEntity<?> entity : entities) {
            importEntity(target, reader, entity, options, keys, tally, progress, cancellation);
        }
    }

    private <T extends Record> void importEntity(Datastore target, ArchiveReader reader, ArchiveEntity<T> entity,
                                                 ImportOptions options, KeyMap keys, ImportTally tally,
                                                 ProgressListener progress, Cancellation cancellation) {
        Optional<Manifest.Entry> entry = reader.entry(entity);
        if (entry.isEmpty()) {
            return;
        }
        long total = entry.get().rows();
        Batch<T> batch = new Batch<>(entity, entry.get().name());
        long[] done = {0};
        reader.read(entity, (record, line, bytes) -> {
            batch.add(record, line, bytes);
            if (batch.size() == BATCH || batch.bytes() >= BATCH_BYTES) {
                cancellation.throwIfCancelled(OPERATION);
                done[0] += batch.size();
                batch.flush(target, options, keys, tally);
                report(progress, entity.name(), done[0], total);
            }
        });
        cancellation.throwIfCancelled(OPERATION);
        batch.flush(target, options, keys, tally);
        report(progress, entity.name(), total, total);
    }

    private static void report(ProgressListener progress, String step, long done, long total) {
        try {
            progress.progress(new Progress(OPERATION, step, done, total));
        } catch (RuntimeException e) {
            throw new OperationCancelledException(OPERATION, e);
        }
    }

    /**
     * Up to {@link #BATCH} records (and about {@link #BATCH_BYTES}) of one entity with their line
     * numbers, looked up in the store together, decided and written together.
     */
    private static final class Batch<T extends Record> {
        private final ArchiveEntity<T> entity;
        private final String entryName;
        private final List<T> records = new ArrayList<>();
        private final List<Long> lines = new ArrayList<>();
        private long bytes;

        Batch(ArchiveEntity<T> entity, String entryName) {
            this.entity = entity;
            this.entryName = entryName;
        }

        void add(T record, long line, int lineBytes) {
            records.add(record);
            lines.add(line);
            bytes += lineBytes;
        }

        int size() {
            return records.size();
        }

        long bytes() {
            return bytes;
        }

        void flush(Datastore target, ImportOptions options, KeyMap keys, ImportTally tally) {
            List<T> rewritten = new ArrayList<>(records.size());
            List<Optional<ImportAction>> byParent = new ArrayList<>(records.size());
            List<T> lookedUp = new ArrayList<>();
            for (T archived : records) {
                Optional<ImportAction> decided = entity.byParent(archived, keys);
                T record = entity.referencesRewritten(archived, keys);
                byParent.add(decided);
                rewritten.add(record);
                if (decided.isEmpty()) {
                    lookedUp.add(record);
                }
            }
            // one read for the batch, rather than one per record
            ArchiveEntity.Held<T> held = lookedUp.isEmpty() ? ArchiveEntity.Held.none() : entity.held(target, lookedUp);
            List<T> inserts = new ArrayList<>();
            List<Long> insertLines = new ArrayList<>();
            List<T> overwrites = new ArrayList<>();
            List<Long> overwriteLines = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                T archived = records.get(i);
                String key = entity.key(archived);
                T record = rewritten.get(i);
                ImportAction action;
                if (byParent.get(i).isPresent()) {
                    action = byParent.get(i).get();
                } else {
                    action = held.holds(record) ? onConflict(options.policy(), record, held) : ImportAction.INSERT;
                }
                if (entity.parentOfOthers()) {
                    keys.decided(entity.name(), key, action);
                }
                tally.add(entity.name(), action, key, entity.contentBytes(archived));
                switch (action) {
                    case INSERT -> {
                        inserts.add(record);
                        insertLines.add(lines.get(i));
                    }
                    case COPY -> {
                        inserts.add(entity.copied(record, keys));
                        insertLines.add(lines.get(i));
                    }
                    case OVERWRITE -> {
                        overwrites.add(record);
                        overwriteLines.add(lines.get(i));
                    }
                    case SKIP -> { }
                }
            }
            if (!options.dryRun()) {
                write(() -> entity.overwrite(target, overwrites), overwrites, overwriteLines);
                write(() -> entity.insert(target, inserts), inserts, insertLines);
            }
            records.clear();
            lines.clear();
            bytes = 0;
        }

        private ImportAction onConflict(ConflictPolicy policy, T record, ArchiveEntity.Held<T> held) {
            return switch (policy) {
                case FAIL -> throw new ArchiveConflictException(entity.name(), entity.key(record));
                case SKIP -> ImportAction.SKIP;
                case OVERWRITE_IF_NEWER -> held.newer(record) ? ImportAction.OVERWRITE : ImportAction.SKIP;
                case COPY_AS_NEW -> entity.copyable() ? ImportAction.COPY : held.uncopied(record);
            };
        }

        /** Runs a batch write; a record the store refuses is named by its entry and line. */
        private void write(Runnable write, List<T> batch, List<Long> batchLines) {
            if (batch.isEmpty()) {
                return;
            }
            try {
                write.run();
            } catch (ArchiveFormatException e) {
                throw e;
            } catch (InvalidInputException e) {
                Matcher matcher = BATCH_FIELD.matcher(e.field());
                if (matcher.matches() && Integer.parseInt(matcher.group(1)) < batchLines.size()) {
                    long line = batchLines.get(Integer.parseInt(matcher.group(1)));
                    String field = matcher.group(2).isEmpty() ? "" : " field " + matcher.group(2);
                    throw new ArchiveFormatException(entryName + ":" + line, "is refused by the store:" + field + " "
                            + e.problem(), e);
                }
                throw new ArchiveFormatException(entryName, "is refused by the store: " + e.getMessage(), e);
            }
        }
    }
}
