package io.salescope.notebooks.kernel;

import java.util.List;

/**
 * Why a cell failed, already worded for the notebook: Jupyter shows the exception's simple
 * class name and message as the error's name and value, and {@link #report()} as its
 * traceback.
 */
public abstract class CellError extends RuntimeException {

    static final String RED = "\u001b[0;31m";
    static final String RESET = "\u001b[0m";

    private final List<String> report;

    CellError(String message, List<String> report, Throwable cause) {
        super(message, cause, false, false);
        this.report = List.copyOf(report);
    }

    /** The lines Jupyter shows under the failed cell (ANSI colours allowed). */
    public List<String> report() {
        return report;
    }

    static String plain(String line) {
        return line.replace(RED, "").replace(RESET, "");
    }
}
