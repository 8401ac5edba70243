package io.salescope.notebooks.kernel;

import java.util.List;

/** The user interrupted the cell; running Spark jobs were cancelled. */
public final class CellInterrupted extends CellError {

    CellInterrupted() {
        super("interrupted", List.of(RED + "Interrupted" + RESET
                + ": the cell was stopped (running Spark jobs were cancelled); variables keep the values they had"), null);
    }
}
