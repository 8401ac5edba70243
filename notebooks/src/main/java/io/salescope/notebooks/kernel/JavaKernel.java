package io.salescope.notebooks.kernel;

import io.salescope.notebooks.Charts;
import io.salescope.notebooks.Table;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.jfree.chart.JFreeChart;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * The salescope Java kernel: Jupyter's messaging (through jjava-jupyter's {@link BaseKernel})
 * with cells evaluated by JShell in this JVM ({@link CellEvaluator}), so cells run on the
 * project's classpath: Spark, the salescope jobs, the query engine and the bot's parser.
 *
 * <p>Started by Jupyter as {@code java <flags> -cp <classpath> JavaKernel CONNECTION_FILE}
 * (see {@link KernelSpec}). A cell's last expression is shown as text, or richer: tables
 * ({@link Table}, JDBC result sets) as HTML, charts and images as PNG. Printed output goes to
 * the cell; Spark's log goes to the kernel's standard error (the Jupyter server's console).
 */
public final class JavaKernel extends BaseKernel {

    public static final String NAME = "salescope-java";
    public static final String VERSION = "1";

    private final CompletableFuture<CellEvaluator> cells;
    private final KernelIO kernelIO;

    JavaKernel(CompletableFuture<CellEvaluator> cells) {
        this(cells, new KernelIO(StandardCharsets.UTF_8));
    }

    private JavaKernel(CompletableFuture<CellEvaluator> cells, KernelIO io) {
        super(NAME, VERSION, languageInfo(), List.of(), null, io, new CommManager(), new Renderer(), null, null, false,
                errorStyler());
        this.cells = requireNonNull(cells, "cells is null");
        this.kernelIO = io;
        registerRenderers(renderer);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp <classpath> " + JavaKernel.class.getName() + " CONNECTION_FILE"
                    + " (Jupyter starts the kernel this way; run 'salescope notebook')");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        exitWithParent();
        // JShell takes a few seconds to start: answer Jupyter's first requests meanwhile.
        CompletableFuture<CellEvaluator> cells = CompletableFuture.supplyAsync(CellEvaluator::onThisClasspath);
        JavaKernel kernel = new JavaKernel(cells);
        JupyterConnection jupyter = new JupyterConnection(connection);
        kernel.becomeHandlerForConnection(jupyter);
        kernel.onStartup();
        jupyter.connect();
        jupyter.waitUntilClose();
        System.exit(0);
    }

    /** The kernel running in this JVM, if any (outside a notebook there is none). */
    public static Optional<BaseKernel> running() {
        return Optional.ofNullable(notebookKernel);
    }

    /**
     * As {@link BaseKernel}'s, except for failures: the reply carries the same traceback as the
     * error shown in the notebook (the base class sends the kernel's own stack frames), so
     * {@code nbconvert --execute} reports what went wrong in the cell, and the error's name is
     * the exception's class.
     */
    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        replaceOutputStreams(env);
        kernelIO.attach(env, request.isStdinEnabled());
        env.defer(() -> kernelIO.detach(env));
        try {
            DisplayData out = eval(request.getCode());
            if (out != null) {
                env.publish(new PublishExecuteResult(count, out));
            }
            env.defer().reply(new ExecuteReply(count, Collections.emptyMap()));
        } catch (Exception e) {
            String name = errorName(e);
            String value = errorValue(e);
            List<String> traceback = formatError(e);
            ErrorReply error = new ErrorReply(name, value, traceback);
            error.setExecutionCount(count);
            env.publish(new PublishError(name, value, traceback));
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
        }
    }

    static String errorName(Throwable e) {
        if (e instanceof EvaluationError && e.getCause() != null) {
            return e.getCause().getClass().getSimpleName();
        }
        return e.getClass().getSimpleName();
    }

    static String errorValue(Throwable e) {
        Throwable t = e instanceof EvaluationError && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? "" : t.getMessage();
    }

    @Override
    public Object evalRaw(String source) {
        try {
            CellEvaluator.Value v = evaluator().evaluate(source);
            if (!v.present()) {
                return null;
            }
            return v.value() == null ? new DisplayData("null") : v.value();
        } finally {
            System.out.flush();
            System.err.flush();
        }
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String doc = evaluator().documentation(code, at);
        return doc.isBlank() ? null : new DisplayData(doc);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        CellEvaluator.Completions c = evaluator().complete(code, at);
        return new ReplacementOptions(c.replacements(), c.from(), c.to());
    }

    @Override
    public String isComplete(String code) {
        String answer = evaluator().completeness(code);
        return switch (answer) {
            case "complete" -> IS_COMPLETE_YES;
            case "invalid" -> IS_COMPLETE_BAD;
            default -> answer;
        };
    }

    @Override
    public void interrupt() {
        if (cells.isDone()) {
            evaluator().interrupt();
        }
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellError cell) {
            return cell.report();
        }
        return super.formatError(e);
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        if (cells.isDone() && !cells.isCompletedExceptionally()) {
            cells.join().close();
        }
    }

    private CellEvaluator evaluator() {
        return cells.join();
    }

    /** Result sets as tables and JFreeChart charts as images, when a cell ends with one. */
    static void registerRenderers(Renderer renderer) {
        renderer.createRegistration(ResultSet.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((rs, context) -> {
                    try {
                        Table t = Table.of(rs, 1000);
                        context.renderIfRequested(MIMEType.TEXT_PLAIN, t::toString);
                        context.renderIfRequested(MIMEType.TEXT_HTML, t::html);
                    } catch (SQLException e) {
                        throw new IllegalStateException("cannot read the result set: " + e.getMessage(), e);
                    }
                });
        renderer.createRegistration(JFreeChart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register((chart, context) -> {
                    byte[] png = Charts.png(chart, Charts.WIDTH, Charts.HEIGHT).bytes();
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "chart");
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(png));
                });
    }

    /**
     * Jupyter kills its kernels when it stops, but not when it is killed itself: leave with it,
     * so no JVM with a Spark session outlives the notebook server or a CI run.
     */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("salescope kernel: the Jupyter process " + parent.pid() + " has gone; exiting");
            System.exit(1);
        }));
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(System.getProperty("java.version"))
                .mimetype("text/x-java")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    private static StringStyler errorStyler() {
        return new StringStyler.Builder()
                .addPrimaryStyle(TextColor.BOLD_RESET_FG)
                .addSecondaryStyle(TextColor.BOLD_RED_FG)
                .addHighlightStyle(TextColor.BOLD_RESET_FG)
                .build();
    }
}
