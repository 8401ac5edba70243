package io.salescope.notebooks.kernel;

import java.util.List;

/** The cell does not compile (or refers to something not defined yet); nothing of that snippet ran. */
public final class CompilationError extends CellError {

    CompilationError(List<String> report) {
        super(plain(report.get(0)), report, null);
    }
}
