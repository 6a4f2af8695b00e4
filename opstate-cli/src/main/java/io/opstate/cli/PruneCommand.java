package io.opstate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opstate.Datastore;
import io.opstate.Health;
import io.opstate.InvalidInputException;
import io.opstate.MigrationMode;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import io.opstate.Setting;
import io.opstate.Settings;
import io.opstate.operations.Cancellation;
import io.opstate.operations.ProgressListener;
import io.opstate.retention.PruneMode;
import io.opstate.retention.RetentionCount;
import io.opstate.retention.RetentionEntity;
import io.opstate.retention.RetentionPolicy;
import io.opstate.retention.RetentionReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code opstate prune}: removes, or counts with {@code --dry-run}, what a retention policy selects. */
@Command(name = "prune", description = {
        "Removes old rows as a retention policy says, in short transactions, or with --dry-run counts",
        "what it would remove. The policy is read from the opstate.retention.* settings: a --settings",
        "file, then OPSTATE_RETENTION_* variables, then --set and the options below, each overriding",
        "the one before. Prints rows (and bytes where known) per kind. The schema must be current",
        "(it is validated, never migrated). Exit code 0 when done, 1 when it failed, 2 for bad usage",
        "or a policy with no rule."})
final class PruneCommand implements Callable<Integer> {
    private static final String VARIABLE_PREFIX = "OPSTATE_RETENTION_";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ArtifactsCommand.StoreOptions store;

    @Option(names = "--dry-run", description = "Count what would be removed; remove nothing")
    private boolean dryRun;

    @Option(names = "--json", description = "Print the report as one JSON object")
    private boolean json;

    @Option(names = "--settings", paramLabel = "<file>",
            description = "A properties file with opstate.retention.* settings (other keys are ignored)")
    private Path settingsFile;

    @Option(names = "--set", paramLabel = "<setting=value>",
            description = "One setting, e.g. --set opstate.retention.history.older-than=90d; repeatable")
    private Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--jobs-finished-older-than", paramLabel = "<age>", description = "Finished jobs finished longer ago")
    private String jobsFinishedOlderThan;

    @Option(names = "--executions-older-than", paramLabel = "<age>", description = "Executions started longer ago")
    private String executionsOlderThan;

    @Option(names = "--executions-keep-last", paramLabel = "<n>", description = "Per schedule, executions beyond the newest n")
    private String executionsKeepLast;

    @Option(names = "--history-older-than", paramLabel = "<age>", description = "History events older than this")
    private String historyOlderThan;

    @Option(names = "--sessions-finished-older-than", paramLabel = "<age>",
            description = "Sessions ended longer ago, with their transcripts")
    private String sessionsFinishedOlderThan;

    @Option(names = "--constructs-statuses", paramLabel = "<a,b>",
            description = "Constructs of these statuses, unchanged for --constructs-older-than")
    private String constructsStatuses;

    @Option(names = "--constructs-older-than", paramLabel = "<age>", description = "See --constructs-statuses")
    private String constructsOlderThan;

    @Option(names = "--artifacts-older-than", paramLabel = "<age>", description = "Artifacts put longer ago")
    private String artifactsOlderThan;

    @Option(names = "--artifacts-quota-mb", paramLabel = "<MiB>",
            description = "The oldest artifacts until the rest's stored sizes fit this many MiB")
    private String artifactsQuotaMb;

    @Option(names = "--tokens-expired-for", paramLabel = "<age>", description = "Tokens expired or revoked longer ago")
    private String tokensExpiredFor;

    @Option(names = "--changes-older-than", paramLabel = "<age>",
            description = "Resource change-feed entries older than this (never the newest)")
    private String changesOlderThan;

    @Option(names = "--changes-keep-last", paramLabel = "<n>", description = "Change-feed entries beyond the newest n")
    private String changesKeepLast;

    @Option(names = "--batch-size", paramLabel = "<rows>", description = "Most rows of one kind per transaction (default 1000)")
    private String batchSize;

    @Override
    public Integer call() throws IOException {
        PersistenceConfig config = configuration();
        RetentionPolicy policy;
        try {
            policy = RetentionPolicy.from(config);
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (policy.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no retention rule given: set at least one"
                    + " opstate.retention.* setting or option (see --help)");
        }
        PrintWriter err = spec.commandLine().getErr();
        ProgressListener progress = step -> err.printf("%s: %d%s%n", step.step(), step.done(),
                step.totalKnown() ? " of " + step.total() : "");
        try (Datastore opened = Persistence.open(config.toBuilder().migrationMode(MigrationMode.VALIDATE)
                .artifactRoot(store.artifactRoot).artifactStorage(store.artifactStorage).build())) {
            RetentionReport report = opened.maintenance().prune(policy, dryRun ? PruneMode.DRY_RUN : PruneMode.DELETE,
                    json ? ProgressListener.NONE : progress, Cancellation.none());
            Health health = opened.maintenance().health();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(json(report));
            } else {
                print(report, health, out);
            }
            return 0;
        }
    }

    /** The settings in their order of precedence: file, environment, {@code --set}, options; the URL from {@code --url}. */
    private PersistenceConfig configuration() throws IOException {
        Properties properties = new Properties();
        if (settingsFile != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(settingsFile)) {
                file.load(reader);
            }
            file.stringPropertyNames().stream().filter(key -> key.startsWith("opstate.retention."))
                    .forEach(key -> properties.setProperty(key, file.getProperty(key)));
        }
        Map<String, String> explicit = new LinkedHashMap<>(set);
        option(explicit, Settings.RETENTION_JOBS_FINISHED_OLDER_THAN, jobsFinishedOlderThan);
        option(explicit, Settings.RETENTION_EXECUTIONS_OLDER_THAN, executionsOlderThan);
        option(explicit, Settings.RETENTION_EXECUTIONS_KEEP_LAST, executionsKeepLast);
        option(explicit, Settings.RETENTION_HISTORY_OLDER_THAN, historyOlderThan);
        option(explicit, Settings.RETENTION_SESSIONS_FINISHED_OLDER_THAN, sessionsFinishedOlderThan);
        option(explicit, Settings.RETENTION_CONSTRUCTS_STATUSES, constructsStatuses);
        option(explicit, Settings.RETENTION_CONSTRUCTS_OLDER_THAN, constructsOlderThan);
        option(explicit, Settings.RETENTION_ARTIFACTS_OLDER_THAN, artifactsOlderThan);
        option(explicit, Settings.RETENTION_ARTIFACTS_QUOTA_MB, artifactsQuotaMb);
        option(explicit, Settings.RETENTION_TOKENS_EXPIRED_FOR, tokensExpiredFor);
        option(explicit, Settings.RETENTION_CHANGES_OLDER_THAN, changesOlderThan);
        option(explicit, Settings.RETENTION_CHANGES_KEEP_LAST, changesKeepLast);
        option(explicit, Settings.RETENTION_BATCH_SIZE, batchSize);
        explicit.forEach(properties::setProperty);
        properties.setProperty(Settings.URL.property(), store.url);
        // Only the retention variables, and none a flag overrides: the environment would win over properties.
        Map<String, String> environment = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith(VARIABLE_PREFIX) && !explicit.containsKey(propertyOf(name))) {
                environment.put(name, value);
            }
        });
        try {
            return PersistenceConfig.load(properties, environment);
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static String propertyOf(String variable) {
        return Settings.all().stream().filter(setting -> setting.environmentVariable().equals(variable))
                .map(Setting::property).findFirst().orElse(variable);
    }

    private static void option(Map<String, String> explicit, Setting<?> setting, String value) {
        if (value != null) {
            explicit.put(setting.property(), value);
        }
    }

    private static void print(RetentionReport report, Health health, PrintWriter out) {
        out.printf("%s (%s, %s)%n", report.mode() == PruneMode.DRY_RUN ? "would remove" : "removed", health.backend(),
                health.detail());
        for (RetentionEntity entity : RetentionEntity.values()) {
            RetentionCount count = report.of(entity);
            out.printf("%-20s %12d%s%n", entity.label(), count.rows(),
                    count.bytesKnown() ? String.format("  %d bytes", count.bytes()) : "");
        }
        out.printf("%-20s %12d%n", "total rows", report.totalRows());
    }

    private static String json(RetentionReport report) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("mode", report.mode() == PruneMode.DRY_RUN ? "dry-run" : "delete");
        ObjectNode removed = root.putObject("removed");
        for (RetentionEntity entity : RetentionEntity.values()) {
            RetentionCount count = report.of(entity);
            ObjectNode node = removed.putObject(entity.name().toLowerCase(java.util.Locale.ROOT));
            node.put("rows", count.rows());
            if (count.bytesKnown()) {
                node.put("bytes", count.bytes());
            } else {
                node.putNull("bytes");
            }
        }
        root.put("totalRows", report.totalRows());
        return root.toString();
    }
}
