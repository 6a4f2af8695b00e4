package io.opstate.cli;

import io.opstate.jdbc.copy.CopyListener;
import io.opstate.operations.Progress;
import io.opstate.operations.ProgressListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a copy's progress as one progress bar per table on {@code out} (the command's error
 * stream, so that its standard output stays the report). On a terminal each bar redraws in
 * place; elsewhere (a log file, a test) each refresh that changed is a line of its own. An
 * empty table gets a line saying so instead of a bar. Confined to the copying thread; close it to
 * finish the last bar.
 */
final class ProgressBars implements CopyListener, ProgressListener, AutoCloseable {
    private static final int TASK_NAME_WIDTH = "opstate_executions".length();
    private static final int REFRESH_MILLIS = 500;
    private static final int WIDTH = 100;

    private final PrintWriter out;
    private final boolean interactive;
    private final String unit;
    private String table;
    private ProgressBar bar;

    /** Bars counting rows, for a copy. */
    ProgressBars(PrintWriter out, boolean interactive) {
        this(out, interactive, " rows");
    }

    /** Bars counting in {@code unit} (with its leading space), e.g. {@code " blobs"}. */
    ProgressBars(PrintWriter out, boolean interactive, String unit) {
        this.out = out;
        this.interactive = interactive;
        this.unit = unit;
    }

    /** One bar per step of a long operation; a step of unknown size gets a line per report. */
    @Override
    public void progress(Progress progress) {
        if (progress.totalKnown()) {
            progress(progress.step(), progress.done(), progress.total());
        } else {
            close();
            table = null;
            out.println(taskName(progress.step()) + "   " + progress.done());
            out.flush();
        }
    }

    @Override
    public void progress(String table, long done, long total) {
        if (table.equals(this.table)) {
            if (bar != null) {
                bar.stepTo(done);
            }
            return;
        }
        close();
        this.table = table;
        if (total == 0) {
            out.println(taskName(table) + "   empty");
            out.flush();
            return;
        }
        bar = new ProgressBarBuilder()
                .setTaskName(taskName(table))
                .setInitialMax(total)
                .setUnit(unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(REFRESH_MILLIS)
                .setConsumer(new Consumer())
                .build();
        bar.stepTo(done);
    }

    private static String taskName(String table) {
        return String.format("%-" + TASK_NAME_WIDTH + "s", table);
    }

    /** Draws the current bar a last time and ends its line. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private final class Consumer implements ProgressBarConsumer {
        private volatile String last;

        @Override
        public int getMaxRenderedLength() {
            return WIDTH;
        }

        @Override
        public void accept(String rendered) {
            if (interactive) {
                out.print('\r' + rendered);
                out.flush();
            } else if (!rendered.equals(last)) {
                out.println(rendered);
            }
            last = rendered;
        }

        @Override
        public void close() {
            if (interactive) {
                out.println();
            }
            out.flush();
        }
    }
}
