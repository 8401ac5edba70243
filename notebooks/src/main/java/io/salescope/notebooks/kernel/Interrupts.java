package io.salescope.notebooks.kernel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What to do when the user interrupts a cell, besides interrupting its thread: code that
 * starts long-running work elsewhere registers how to cancel it (the notebook's Spark session
 * cancels its running jobs). One kernel runs per JVM, so the hooks are JVM-wide.
 */
public final class Interrupts {

    private static final List<Runnable> HOOKS = new CopyOnWriteArrayList<>();

    private Interrupts() {
    }

    public static void onInterrupt(Runnable hook) {
        HOOKS.add(hook);
    }

    static void runHooks() {
        for (Runnable hook : HOOKS) {
            try {
                hook.run();
            } catch (RuntimeException ignored) {
                // A hook that fails (Spark already stopped) must not keep the cell running.
            }
        }
    }
}
