package io.salescope.notebooks.kernel;

import java.util.List;

/** The cell threw an exception; the original exception is the cause. */
public final class EvaluationError extends CellError {

    EvaluationError(Throwable thrown, List<String> report) {
        super(plain(report.get(0)), report, thrown);
    }
}
