package io.opstate.sqlite.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.StorageUnavailableException;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.NewArtifact;
import io.opstate.constructs.Construct;
import io.opstate.constructs.NewConstruct;
import io.opstate.jobs.Job;
import io.opstate.jobs.JobQuery;
import io.opstate.jobs.NewJob;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.SortOrder;
import io.opstate.operations.BackupReport;
import io.opstate.operations.Cancellation;
import io.opstate.operations.OperationCancelledException;
import io.opstate.operations.Progress;
import io.opstate.operations.RestoreReport;
import io.opstate.sqlite.testing.SqliteFile;
import io.opstate.tokens.CreatedToken;
import io.opstate.tokens.NewToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Online backups of an SQLite store with its blobs, and their verified restore. */
class SqliteBackupTest {
    @TempDir
    Path dir;

    private static PersistenceConfig config(Path file) {
        return PersistenceConfig.builder(SqliteFile.url(file)).build();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aRestoredBackupHoldsEveryRecordAndBlob() throws Exception {
        Path file = dir.resolve("app.db");
        Construct construct;
        Artifact binary;
        Artifact log;
        Artifact duplicate;
        Job job;
        CreatedToken token;
        byte[] logText = "line of a command log\n".repeat(5_000).getBytes(StandardCharsets.UTF_8);
        try (Datastore store = Persistence.open(config(file))) {
            construct = store.constructs().create(NewConstruct.of("agent", "running").withTitle("backup me"));
            binary = store.artifacts().put(NewArtifact.of(construct.id(), "bundle", "diff.bin", "application/octet-stream"),
                    new ByteArrayInputStream(random(300_000, 1)));
            log = store.artifacts().put(NewArtifact.of(construct.id(), "log", "commands.log", "text/plain"),
                    new ByteArrayInputStream(logText));
            duplicate = store.artifacts().put(NewArtifact.of(construct.id(), "log", "copy.log", "text/plain"),
                    new ByteArrayInputStream(logText));
            job = store.jobs().create(NewJob.of("pull-model"));
            token = store.tokens().create(NewToken.of("ci", Set.of("read")));
        }

        Path backup = dir.resolve("backup");
        List<Progress> progress = Collections.synchronizedList(new ArrayList<>());
        BackupReport report = Persistence.backup(config(file), backup, progress::add, Cancellation.none());
        assertThat(report.complete()).isTrue();
        assertThat(report.blobs()).as("identical logs share one blob").isEqualTo(2);
        assertThat(report.schemaVersion()).isNotBlank();
        assertThat(progress).extracting(Progress::step).contains("database copy", "artifact blobs", "manifest");
        assertThat(SqliteFile.integrityCheck(backup.resolve("store.db"))).containsExactly("ok");
        assertOwnerOnly(backup);

        Path restored = dir.resolve("restored").resolve("app.db");
        RestoreReport restore = Persistence.restore(config(restored), backup, false);
        assertThat(restore.blobs()).isEqualTo(2);
        assertThat(restore.location()).isEqualTo(restored.toAbsolutePath());
        try (Datastore store = Persistence.open(config(restored))) {
            assertThat(store.constructs().get(construct.id())).isEqualTo(construct);
            assertThat(store.jobs().get(job.id())).isEqualTo(job);
            assertThat(store.tokens().verify(token.secret())).isPresent();
            assertThat(readAll(store.artifacts().open(binary.id()))).isEqualTo(random(300_000, 1));
            assertThat(readAll(store.artifacts().open(log.id()))).isEqualTo(logText);
            assertThat(readAll(store.artifacts().open(duplicate.id()))).isEqualTo(logText);
            assertThat(store.artifacts().checkIntegrity(ArtifactCheck.full()).healthy()).isTrue();
        }
    }

    @Test
    void aBackupTakenWhileEightThreadsWriteHoldsEveryWriteAcknowledgedBeforeIt() throws Exception {
        Path file = dir.resolve("busy.db");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (Datastore store = Persistence.open(config(file))) {
            Construct construct = store.constructs().create(NewConstruct.of("agent", "running"));
            AtomicBoolean running = new AtomicBoolean(true);
            CountDownLatch warmedUp = new CountDownLatch(8);
            List<Future<List<String>>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                writers.add(threads.submit(() -> {
                    List<String> acknowledged = new ArrayList<>();
                    for (int n = 0; running.get() || n < 20; n++) {
                        if (n % 10 == 9) {
                            acknowledged.add(store.artifacts().put(NewArtifact.of(construct.id(), "log", thread + "-" + n,
                                    "application/octet-stream"), new ByteArrayInputStream(random(2_000, n * 31L + thread))).id());
                        } else {
                            acknowledged.add(store.jobs().create(NewJob.of("t")).id());
                        }
                        if (n == 20) {
                            warmedUp.countDown();
                        }
                    }
                    return acknowledged;
                }));
            }
            assertThat(warmedUp.await(60, TimeUnit.SECONDS)).isTrue();
            List<String> before = new ArrayList<>();
            try (Stream<Job> jobs = store.jobs().stream(JobQuery.all(), SortOrder.OLDEST_FIRST)) {
                jobs.forEach(j -> before.add(j.id()));
            }
            for (PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT); page != null; ) {
                Page<Artifact> artifacts = store.artifacts().list(construct.id(), null, page);
                artifacts.items().forEach(a -> before.add(a.id()));
                page = artifacts.nextCursor() == null ? null : page.after(artifacts.nextCursor());
            }

            Path backup = dir.resolve("busy-backup");
            BackupReport report = Persistence.backup(config(file), backup);
            running.set(false);
            for (Future<List<String>> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            assertThat(report.complete()).isTrue();
            assertThat(SqliteFile.integrityCheck(backup.resolve("store.db"))).containsExactly("ok");

            Path restored = dir.resolve("busy-restored.db");
            Persistence.restore(config(restored), backup, false);
            try (Datastore copy = Persistence.open(config(restored))) {
                for (String id : before) {
                    assertThat(copy.jobs().find(id).isPresent() || copy.artifacts().find(id).isPresent())
                            .as("acknowledged before the backup: " + id).isTrue();
                }
                assertThat(copy.artifacts().checkIntegrity(ArtifactCheck.full()).healthy()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anEncryptedBackupHoldsNoPlainByteAndRestoresOnlyWithItsKey() throws Exception {
        String key = java.util.Base64.getEncoder().encodeToString(random(32, 99));
        String otherKey = java.util.Base64.getEncoder().encodeToString(random(32, 98));
        Path file = dir.resolve("secret.db");
        byte[] content = "confidential diff\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        Artifact artifact;
        Job job;
        try (Datastore store = Persistence.open(config(file))) {
            Construct construct = store.constructs().create(NewConstruct.of("agent", "running").withTitle("zyxwv secret"));
            artifact = store.artifacts().put(NewArtifact.of(construct.id(), "bundle", "change.diff", "text/plain"),
                    new ByteArrayInputStream(content));
            job = store.jobs().create(NewJob.of("pull-model"));
        }
        Path backup = dir.resolve("sealed");
        BackupReport report = Persistence.backup(withKey(file, key), backup);
        assertThat(report.blobs()).isEqualTo(1);
        try (Stream<Path> files = Files.walk(backup)) {
            for (Path path : files.filter(Files::isRegularFile).toList()) {
                String name = path.getFileName().toString();
                assertThat(name).as("every file but the manifest is encrypted").matches("backup\\.json|.*\\.enc");
                String raw = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
                assertThat(raw).doesNotContain("SQLite format 3").doesNotContain("zyxwv").doesNotContain("confidential");
            }
        }
        assertThat(Files.readString(backup.resolve("backup.json"))).doesNotContain(key);

        Path restored = dir.resolve("unsealed.db");
        assertThatThrownBy(() -> Persistence.restore(config(restored), backup, false))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("opstate.backup-key")).hasMessageContaining("is not set");
        assertThatThrownBy(() -> Persistence.restore(withKey(restored, otherKey), backup, false))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("opstate.backup-key")).hasMessageContaining("not the key");
        assertThat(restored).doesNotExist();

        Persistence.restore(withKey(restored, key), backup, false);
        try (Datastore store = Persistence.open(config(restored))) {
            assertThat(store.jobs().get(job.id())).isEqualTo(job);
            assertThat(readAll(store.artifacts().open(artifact.id()))).isEqualTo(content);
        }

        Path sealedDatabase = backup.resolve("store.db.enc");
        try (RandomAccessFile raw = new RandomAccessFile(sealedDatabase.toFile(), "rw")) {
            raw.seek(raw.length() / 2);
            raw.write(raw.read() ^ 1);
        }
        Path never = dir.resolve("never-unsealed.db");
        assertThatThrownBy(() -> Persistence.restore(withKey(never, key), backup, false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("backup"))
                .hasMessageContaining("cannot be decrypted");
        assertThat(never).doesNotExist();
    }

    private static PersistenceConfig withKey(Path file, String key) {
        return PersistenceConfig.builder(SqliteFile.url(file)).set("opstate.backup-key", key).build();
    }

    @Test
    void aBackupGoesIntoANewOrEmptyDirectoryOnly() throws Exception {
        Path file = storeWithOneJob("a.db");
        Path busy = Files.createDirectories(dir.resolve("occupied"));
        Files.writeString(busy.resolve("other.txt"), "not ours");
        assertThatThrownBy(() -> Persistence.backup(config(file), busy))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("directory"))
                .hasMessageContaining("not empty");
        assertThat(Files.readString(busy.resolve("other.txt"))).isEqualTo("not ours");
    }

    @Test
    void aCancelledBackupLeavesNothingThatPassesForOne() throws Exception {
        Path file = storeWithOneJob("c.db");
        Path backup = dir.resolve("cancelled");
        Cancellation cancellation = new Cancellation();
        assertThatThrownBy(() -> Persistence.backup(config(file), backup, progress -> {
            if (progress.step().equals("database copy") && progress.done() == 1) {
                cancellation.cancel();
            }
        }, cancellation)).isInstanceOf(OperationCancelledException.class);
        assertThat(backup).doesNotExist();
    }

    @Test
    void restoreRefusesToReplaceAStoreUnlessAskedAndNeverOneInUse() throws Exception {
        Path file = storeWithOneJob("live.db");
        Path backup = dir.resolve("b");
        Persistence.backup(config(file), backup);
        assertThatThrownBy(() -> Persistence.restore(config(file), backup, false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("overwrite"));
        try (Datastore inUse = Persistence.open(config(file))) {
            inUse.jobs().create(NewJob.of("after-backup"));
            assertThatThrownBy(() -> Persistence.restore(config(file), backup, true))
                    .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("in use");
        }
        RestoreReport report = Persistence.restore(config(file), backup, true);
        assertThat(report.location()).isEqualTo(file.toAbsolutePath());
        try (Datastore store = Persistence.open(config(file))) {
            assertThat(store.jobs().countByStatus(JobQuery.all()).values().stream().mapToLong(Long::longValue).sum())
                    .as("the job written after the backup is gone with the old store").isEqualTo(1);
        }
    }

    @Test
    void aChangedDatabaseCopyIsRefusedAndNothingIsWritten() throws Exception {
        Path file = storeWithOneJob("d.db");
        Path backup = dir.resolve("tampered");
        Persistence.backup(config(file), backup);
        try (RandomAccessFile copy = new RandomAccessFile(backup.resolve("store.db").toFile(), "rw")) {
            copy.seek(copy.length() - 100);
            copy.write(0x5A);
        }
        Path target = dir.resolve("never.db");
        assertThatThrownBy(() -> Persistence.restore(config(target), backup, false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("backup"))
                .hasMessageContaining("SHA-256");
        assertThat(target).doesNotExist();
    }

    @Test
    void aChangedBlobIsRefusedAndNothingIsWritten() throws Exception {
        Path file = dir.resolve("e.db");
        try (Datastore store = Persistence.open(config(file))) {
            Construct construct = store.constructs().create(NewConstruct.of("agent", "running"));
            store.artifacts().put(NewArtifact.of(construct.id(), "bundle", "x.bin", "application/octet-stream"),
                    new ByteArrayInputStream(random(10_000, 7)));
        }
        Path backup = dir.resolve("blob-tampered");
        Persistence.backup(config(file), backup);
        Path blob;
        try (Stream<Path> files = Files.walk(backup.resolve("artifacts").resolve("blobs"))) {
            blob = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        try (RandomAccessFile content = new RandomAccessFile(blob.toFile(), "rw")) {
            content.seek(5_000);
            content.write(content.read() ^ 0xFF);
        }
        Path target = dir.resolve("never2.db");
        assertThatThrownBy(() -> Persistence.restore(config(target), backup, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not match its hash");
        assertThat(target).doesNotExist();
        assertThat(target.resolveSibling("never2.db.artifacts")).doesNotExist();
    }

    @Test
    void aDirectoryWithoutManifestIsNoBackup() throws Exception {
        Path notABackup = Files.createDirectories(dir.resolve("plain"));
        assertThatThrownBy(() -> Persistence.restore(config(dir.resolve("x.db")), notABackup, false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("backup"))
                .hasMessageContaining("backup.json");
    }

    @Test
    void aTemporaryStoreHasNoFileToBackUp() {
        assertThatThrownBy(() -> Persistence.backup(PersistenceConfig.builder("jdbc:sqlite:").build(), dir.resolve("t")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("url"));
    }

    private Path storeWithOneJob(String name) {
        Path file = dir.resolve(name);
        try (Datastore store = Persistence.open(config(file))) {
            store.jobs().create(NewJob.of("one"));
        }
        return file;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void assertOwnerOnly(Path root) throws IOException {
        if (!root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.toList()) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                assertThat(permissions).as(path.toString()).doesNotContain(PosixFilePermission.GROUP_READ,
                        PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
            }
        }
    }
}
