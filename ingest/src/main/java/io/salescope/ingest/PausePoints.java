package io.salescope.ingest;

/**
 * Test-only fault injection: with {@code SALESCOPE_INGEST_PAUSE_AT=<point>} the run stops at
 * that point and waits to be killed, so tests can kill it there and check that the warehouse
 * survives. Points: after_lock, after_first_table, after_tables_written, before_publish,
 * after_publish.
 */
final class PausePoints {

    static final String ENV = "SALESCOPE_INGEST_PAUSE_AT";

    private PausePoints() {
    }

    static void reach(String point) {
        if (!point.equals(System.getenv(ENV))) {
            return;
        }
        System.err.println("salescope ingest: paused at " + point + " (" + ENV + ")");
        System.err.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while paused at " + point, e);
            }
        }
    }
}
