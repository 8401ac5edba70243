package io.salescope.notebooks.kernel;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs snippets in the kernel's own JVM, so cells share its classpath (Spark, the salescope
 * modules) and its objects, on one long-lived cell thread.
 *
 * <p>JDK 17's {@code LocalExecutionControl} is not used: it starts each snippet in a fresh
 * thread group and stops a snippet with {@code ThreadGroup.stop}, which would also kill the
 * Spark threads a cell happened to start, and it installs a JVM-wide uncaught-exception
 * handler. Here an interrupt runs the {@link Interrupts} hooks (which cancel running Spark jobs),
 * interrupts the cell thread, and only if the cell ignores both for a while stops that one
 * thread.
 *
 * <p>It also keeps what the last snippet returned and what it threw as Java objects, not just
 * their strings, so the kernel can render values and report exceptions with their causes.
 */
final class CellExecutionControl extends DirectExecutionControl {

    /** How long an interrupted cell may take to notice before its thread is stopped. */
    private static final long STOP_GRACE_MS = 3_000;

    private final ExecutorService cellThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "notebook-cell");
        t.setDaemon(true);
        return t;
    });
    private volatile Thread running;
    private volatile boolean stopRequested;
    private volatile Object lastValue;
    private volatile Throwable lastThrown;
    private volatile long invocations;

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        stopRequested = false;
        lastValue = null;
        lastThrown = null;
        invocations++;
        ClassLoader snippetLoader = doitMethod.getDeclaringClass().getClassLoader();
        Future<Object> result = cellThread.submit(() -> {
            Thread self = Thread.currentThread();
            // Spark's local executors resolve classes through the context loader: with the
            // snippets' loader here, lambdas and classes defined in cells reach Spark tasks.
            self.setContextClassLoader(snippetLoader);
            running = self;
            try {
                return doitMethod.invoke(null);
            } finally {
                running = null;
                Thread.interrupted();
            }
        });
        Object value;
        try {
            value = result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (stopRequested || cause instanceof ThreadDeath
                    || (cause instanceof InvocationTargetException ite && ite.getCause() instanceof ThreadDeath)) {
                throw new ExecutionControl.StoppedException();
            }
            if (cause instanceof InvocationTargetException ite) {
                lastThrown = ite.getCause();
                throw ite;
            }
            throw (cause instanceof Exception ex) ? ex : new ExecutionException(cause);
        }
        lastValue = value;
        return valueString(value);
    }

    /** Called from another thread while a cell runs (Jupyter's interrupt button). */
    @Override
    @SuppressWarnings({"removal", "deprecation"})
    public void stop() {
        Thread cell = running;
        if (cell == null) {
            return;
        }
        stopRequested = true;
        Interrupts.runHooks();
        cell.interrupt();
        Thread stopper = new Thread(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(STOP_GRACE_MS);
            } catch (InterruptedException e) {
                return;
            }
            if (running == cell) {
                try {
                    cell.stop();
                } catch (UnsupportedOperationException ignored) {
                    // Java 20+: threads cannot be stopped; the interrupt is all we can do.
                }
            }
        }, "notebook-cell-stopper");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** What the most recent snippet returned (its value for an expression, null for a statement). */
    Object lastValue() {
        return lastValue;
    }

    /** What the most recent snippet threw, or null. */
    Throwable lastThrown() {
        return lastThrown;
    }

    /** Whether the most recent snippet was stopped by {@link #stop()}. */
    boolean wasStopped() {
        return stopRequested;
    }

    /** Snippets run so far: tells the evaluator whether a snippet ran any code at all. */
    long invocations() {
        return invocations;
    }

    @Override
    public void close() {
        cellThread.shutdownNow();
        try {
            cellThread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.close();
    }

    /** Hands JShell this execution control; one per JShell instance. */
    static final class Provider implements ExecutionControlProvider {
        private volatile CellExecutionControl control;

        @Override
        public String name() {
            return "salescope-cell";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new CellExecutionControl();
            return control;
        }

        CellExecutionControl control() {
            return control;
        }
    }
}
