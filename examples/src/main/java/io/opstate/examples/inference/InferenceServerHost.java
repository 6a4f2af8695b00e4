package io.opstate.examples.inference;

import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.spi.Urls;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The AI inference server's pull jobs on OpState (seed 003): three {@code POST /pull} requests
 * and their background tasks, through the server's {@link JobDatabase}:
 *
 * <ol>
 *   <li>{@code gpt2} downloads in chunks, reporting bytes and stage, loads, and succeeds;</li>
 *   <li>{@code invalid/model-name} fails with the hub's error and a full traceback;</li>
 *   <li>{@code Qwen/Qwen3-0.6B} waits in the queue;</li>
 * </ol>
 * then an update of a job that does not exist, the 30-day clean-up, and every job stored.
 *
 * <pre>
 * java io.opstate.examples.inference.InferenceServerHost
 * </pre>
 *
 * The store is {@code OPSTATE_URL}, by default {@value #DEFAULT_URL} (the plan's {@code jobs.db}).
 */
public final class InferenceServerHost {
    static final String DEFAULT_URL = "jdbc:sqlite:data/jobs.db";
    static final long GPT2_BYTES = 548_118_077L;
    static final String TRACEBACK = """
            Traceback (most recent call last):
              File "server/pull.py", line 88, in run_pull
                path = snapshot_download(repo_id=job["model"], cache_dir=MODELS_DIR)
              File "huggingface_hub/_snapshot_download.py", line 164, in snapshot_download
                raise RepositoryNotFoundError(message, response)
            huggingface_hub.errors.RepositoryNotFoundError: 404 Client Error""";

    private InferenceServerHost() {
    }

    public static void main(String[] args) {
        Properties defaults = new Properties();
        defaults.setProperty(PersistenceConfig.URL, DEFAULT_URL);
        PersistenceConfig config = PersistenceConfig.load(defaults, System.getenv());
        System.out.printf("Opening %s%n", Urls.mask(config.url()));
        try (JobDatabase db = new OpStateJobDatabase(Persistence.open(config), "inference-server-1", config.clock())) {
            print(run(db, System.out), System.out);
        }
    }

    /** Runs the three pulls and the clean-up; returns every job stored at the end, newest first. */
    public static List<PullJob> run(JobDatabase db, PrintStream out) {
        PullJob gpt2 = db.createJob(new NewPull(UUID.randomUUID().toString(), "gpt2", "auto", true));
        db.updateJob(gpt2.id(), new PullUpdate.Started());
        long chunk = GPT2_BYTES / 4;
        db.updateJob(gpt2.id(), new PullUpdate.Progress(0, GPT2_BYTES, "download"));
        for (long done = chunk; done < GPT2_BYTES; done += chunk) {
            db.updateJob(gpt2.id(), new PullUpdate.Progress(done, null, "download"));
        }
        db.updateJob(gpt2.id(), new PullUpdate.Progress(GPT2_BYTES, null, "load"));
        db.updateJob(gpt2.id(), new PullUpdate.Succeeded("/srv/models/hub/models--gpt2/snapshots/607a30d",
                GPT2_BYTES, false));
        out.printf("Pulled gpt2 (%d bytes)%n", GPT2_BYTES);

        PullJob invalid = db.createJob(new NewPull(UUID.randomUUID().toString(), "invalid/model-name", "auto", false));
        db.updateJob(invalid.id(), new PullUpdate.Started());
        db.updateJob(invalid.id(), new PullUpdate.Failed(
                "Repository Not Found for url: https://huggingface.co/invalid/model-name", TRACEBACK));
        out.println("Pull of invalid/model-name failed");

        db.createJob(new NewPull(UUID.randomUUID().toString(), "Qwen/Qwen3-0.6B", "q4", true));
        out.println("Qwen/Qwen3-0.6B is queued");

        boolean existed = db.updateJob("00000000-0000-0000-0000-000000000000", new PullUpdate.Started());
        out.printf("update_job of an unknown id: %s%n", existed);
        out.printf("delete_old_jobs(days=30): %d deleted%n", db.deleteOldJobs(30));
        return db.getAllJobs();
    }

    /** One line per job, as {@code GET /jobs} would list them. */
    static void print(List<PullJob> jobs, PrintStream out) {
        out.printf("%d jobs:%n", jobs.size());
        for (PullJob job : jobs) {
            out.printf("  %s %-20s %-9s stage=%-8s %s/%s bytes progress=%s%s%n", job.id(), job.model(),
                    job.status().wire(), job.stage(), job.downloadedBytes(), job.totalBytes(), job.progress(),
                    job.error() == null ? "" : " error=" + job.error());
        }
    }
}
