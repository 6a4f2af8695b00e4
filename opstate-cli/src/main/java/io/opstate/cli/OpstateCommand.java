package io.opstate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code opstate} tool: {@code copy}, {@code migrate}, {@code health}, {@code reindex}, {@code artifacts}, {@code backup}, {@code restore}, {@code prune}, {@code usage} and more on any store the
 * bundled backends open (SQLite, PostgreSQL, memory). Results go to standard output; progress,
 * errors and warnings to standard error; passwords in the URLs given are masked in both. Exit
 * codes: 0 success, 1 the operation failed or the store is unreachable, 2 bad usage.
 */
@Command(name = "opstate", mixinStandardHelpOptions = true, versionProvider = OpstateCommand.Version.class,
        description = "Operates OpState stores: copy one into another, migrate, check health, rebuild the search index, check artifacts and what they take, back up and restore, prune old rows, export and import archives.",
        subcommands = {CopyCommand.class, MigrateCommand.class, HealthCommand.class, ReindexCommand.class, ImportResourcesCommand.class,
                ArtifactsCommand.class, BackupCommand.class, RestoreCommand.class, ExportCommand.class, ImportCommand.class,
                MaintenanceCommands.Check.class, MaintenanceCommands.Optimize.class, MaintenanceCommands.Stats.class, UsageCommand.class, PruneCommand.class})
public final class OpstateCommand implements Runnable {
    /** Exit code when the operation failed or the store is unreachable. */
    public static final int FAILED = 1;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: copy, migrate, health, reindex, artifacts,"
                + " backup, restore, export, import, check, optimize, stats, usage or prune");
    }

    /** Runs the tool and exits with its exit code. */
    public static void main(String[] args) {
        Charset charset = Charset.defaultCharset();
        int exitCode = run(args, new OutputStreamWriter(System.out, charset), new OutputStreamWriter(System.err, charset));
        System.exit(exitCode);
    }

    /**
     * Runs the tool in-process, writing to {@code out} and {@code err} (flushed, not closed).
     *
     * @return the exit code
     */
    public static int run(String[] args, Writer out, Writer err) {
        Redactor redactor = Redactor.forArguments(args);
        PrintWriter redactedOut = RedactingWriter.wrap(out, redactor);
        PrintWriter redactedErr = RedactingWriter.wrap(err, redactor);
        CommandLine commandLine = new CommandLine(new OpstateCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(redactedOut)
                .setErr(redactedErr)
                .setExecutionExceptionHandler((failure, command, parseResult) -> {
                    command.getErr().println("opstate " + command.getCommandName() + ": " + describe(failure));
                    return FAILED;
                });
        try {
            return commandLine.execute(args);
        } finally {
            redactedOut.flush();
            redactedErr.flush();
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        Throwable cause = failure.getCause();
        return cause == null || cause.getMessage() == null || message.contains(cause.getMessage())
                ? message
                : message + " (" + cause.getMessage() + ")";
    }

    /** The version this jar was built as. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = OpstateCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"opstate " + properties.getProperty("version", "(unknown version)")};
        }
    }
}
