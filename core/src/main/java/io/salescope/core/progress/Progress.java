package io.salescope.core.progress;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Progress of long steps on standard error: a live bar on a terminal, one plain line per
 * finished step when output is piped or captured (so logs stay clean), nothing when quiet.
 */
public final class Progress {

    private final PrintStream out;
    private final boolean interactive;
    private final boolean quiet;

    private Progress(PrintStream out, boolean interactive, boolean quiet) {
        this.out = requireNonNull(out, "out is null");
        this.interactive = interactive;
        this.quiet = quiet;
    }

    /** Bars on a terminal, plain lines otherwise; {@code SALESCOPE_PROGRESS=plain|none} overrides. */
    public static Progress console() {
        String mode = System.getenv().getOrDefault("SALESCOPE_PROGRESS", "auto");
        return switch (mode) {
            case "none" -> new Progress(System.err, false, true);
            case "plain" -> new Progress(System.err, false, false);
            default -> new Progress(System.err, System.console() != null, false);
        };
    }

    public static Progress plain(PrintStream out) {
        return new Progress(out, false, false);
    }

    public static Progress none() {
        return new Progress(System.err, false, true);
    }

    /** Starts a step; {@code expected} rows or -1 if unknown. */
    public Step step(String name, long expected) {
        return new Step(name, expected);
    }

    public void message(String text) {
        if (!quiet) {
            out.println(text);
            out.flush();
        }
    }

    public static String formatElapsed(Duration d) {
        long ms = d.toMillis();
        return ms < 60_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0)
                : String.format(Locale.ROOT, "%d min %02d s", ms / 60_000, (ms / 1000) % 60);
    }

    /** One running step. */
    public final class Step implements AutoCloseable {
        private final String name;
        private final long startNanos = System.nanoTime();
        private final ProgressBar bar;
        private long rows;
        private boolean finished;

        private Step(String name, long expected) {
            this.name = name;
            this.bar = interactive && !quiet
                    ? new ProgressBarBuilder()
                        .setTaskName(name)
                        .setInitialMax(expected)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUnit(" rows", 1)
                        .showSpeed()
                        .setConsumer(new ConsoleProgressBarConsumer(out))
                        .build()
                    : null;
        }

        public void advance(long n) {
            rows += n;
            if (bar != null) {
                bar.stepBy(n);
            }
        }

        /** Finishes the step with its final row count (use -1 when rows do not apply). */
        public void done(long totalRows) {
            if (finished) {
                return;
            }
            finished = true;
            rows = totalRows;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            if (bar != null) {
                if (totalRows >= 0) {
                    bar.maxHint(totalRows);
                    bar.stepTo(totalRows);
                }
                bar.close();
            }
            if (!quiet && bar == null) {
                out.println(totalRows >= 0
                        ? String.format(Locale.ROOT, "  %-28s %,12d rows  %s", name, totalRows, formatElapsed(elapsed))
                        : String.format(Locale.ROOT, "  %-28s %s", name, formatElapsed(elapsed)));
                out.flush();
            }
        }

        @Override
        public void close() {
            done(rows);
        }
    }
}
