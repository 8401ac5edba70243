package io.salescope.notebooks.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Evaluates notebook cells with JShell in this JVM: a cell is split into snippets (statements,
 * declarations, expressions) that run one after another, sharing the variables, methods and
 * classes of earlier cells. The value of a cell is the value of its last snippet when that is
 * an expression written without a closing semicolon (as in IPython, {@code x;} hides the
 * value, {@code x} shows it); a compile error or an exception stops the cell at that snippet and is
 * reported with the cell's line numbers and the exception's causes.
 */
public final class CellEvaluator implements AutoCloseable {

    /** What every session imports before the first cell (the jshell tool's defaults and our helpers). */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.time.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.regex.*", "java.util.stream.*",
            "io.salescope.notebooks.*");

    private static final Set<Snippet.SubKind> SHOWN = Set.of(Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND,
            Snippet.SubKind.VAR_VALUE_SUBKIND, Snippet.SubKind.OTHER_EXPRESSION_SUBKIND);
    private static final int MAX_FRAMES = 12;
    private static final int MAX_CAUSE_FRAMES = 6;

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final CellExecutionControl.Provider provider;
    private volatile boolean interrupted;

    /** The value a cell evaluated to, if its last snippet was an expression. */
    public record Value(boolean present, Object value) {
        static final Value NONE = new Value(false, null);
    }

    /** @param classpath what cells compile against: the JVM's own classpath, so they also run on it */
    public CellEvaluator(String classpath) {
        requireNonNull(classpath, "classpath is null");
        this.provider = new CellExecutionControl.Provider();
        this.shell = JShell.builder()
                .executionEngine(provider, java.util.Map.of())
                .out(new PrintStream(PrintStream.nullOutputStream()))
                .err(new PrintStream(PrintStream.nullOutputStream()))
                .build();
        this.analysis = shell.sourceCodeAnalysis();
        shell.addToClasspath(classpath);
        for (String i : DEFAULT_IMPORTS) {
            List<SnippetEvent> events = shell.eval("import " + i + ";");
            events.stream().filter(e -> e.status() == Snippet.Status.REJECTED).findFirst().ifPresent(e -> {
                throw new IllegalStateException("cannot import " + i + " into the notebook: "
                        + diagnostics(e.snippet()));
            });
        }
    }

    /** An evaluator on the classpath this JVM runs on. */
    public static CellEvaluator onThisClasspath() {
        return new CellEvaluator(System.getProperty("java.class.path"));
    }

    /**
     * Runs the cell's snippets in order.
     *
     * @throws CellError a compile error, an exception thrown by the cell, or an interrupt
     */
    public Value evaluate(String cell) {
        requireNonNull(cell, "cell is null");
        String remaining = cell;
        Value last = Value.NONE;
        interrupted = false;
        while (true) {
            if (interrupted) {
                throw new CellInterrupted();
            }
            int offset = cell.length() - remaining.length();
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY:
                    return last;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    int at = offset + leadingBlanks(remaining);
                    throw new CompilationError(List.of(CellError.RED + "Incomplete code at line " + lineOf(cell, at)
                            + CellError.RESET + ": the cell ends inside a statement, a block or a string"
                            + " (a missing ')', '}', '\"' or ';'?)", quoteLine(cell, at, at + 1)));
                default:
                    break;
            }
            String source = info.source();
            int start = offset + startOf(remaining, source);
            // As in IPython, a semicolon after the last expression keeps its value from being shown.
            boolean showValue = lastSignificant(source) != ';';
            Value v = run(cell, source, start);
            last = showValue ? v : Value.NONE;
            remaining = info.remaining();
        }
    }

    private Value run(String cell, String source, int start) {
        CellExecutionControl control = provider.control();
        long before = control.invocations();
        List<SnippetEvent> events;
        try {
            events = shell.eval(source);
        } catch (IllegalStateException e) {
            throw new CompilationError(List.of(CellError.RED + "The Java shell has stopped" + CellError.RESET
                    + " (" + e.getMessage() + "); restart the kernel"));
        }
        Value value = Value.NONE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                throw new CompilationError(compileErrors(cell, snippet, start));
            }
            if (control.wasStopped() && control.invocations() > before) {
                throw new CellInterrupted();
            }
            JShellException thrown = event.exception();
            if (thrown instanceof UnresolvedReferenceException u) {
                throw new CompilationError(List.of(CellError.RED + "Cannot run line " + lineOf(cell, start)
                        + CellError.RESET + ": " + describe(u.getSnippet()) + " refers to something not defined yet: "
                        + String.join(", ", shell.unresolvedDependencies(u.getSnippet()).toList())));
            }
            if (thrown instanceof EvalException e) {
                Throwable original = control.lastThrown();
                throw new EvaluationError(original, traceback(original, e, lineOf(cell, start)));
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                System.err.println(describe(snippet) + " is defined, but cannot be used until "
                        + String.join(", ", shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet).toList())
                        + " is defined");
            }
            value = SHOWN.contains(snippet.subKind()) && control.invocations() > before
                    ? new Value(true, control.lastValue()) : Value.NONE;
        }
        return value;
    }

    /** Asks the running cell to stop (from another thread); see {@link CellExecutionControl#stop()}. */
    public void interrupt() {
        interrupted = true;
        shell.stop();
    }

    /** Completions at {@code cursor}: the replacements and the range of the cell they replace. */
    public Completions complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(code, cursor, anchor);
        List<String> texts = suggestions.stream()
                .sorted(Comparator.comparing((SourceCodeAnalysis.Suggestion s) -> !s.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
        return new Completions(texts, anchor[0], cursor);
    }

    /** Replacements for a completion request. */
    public record Completions(List<String> replacements, int from, int to) {
    }

    /** Signatures (and Javadoc where the JDK has it) of what is at {@code cursor}. */
    public String documentation(String code, int cursor) {
        return analysis.documentation(code, cursor, true).stream()
                .map(d -> d.javadoc() == null ? d.signature() : d.signature() + "\n\n" + d.javadoc())
                .collect(Collectors.joining("\n\n"));
    }

    /**
     * Jupyter's is_complete answer: "complete", "invalid", or the indent to continue with when
     * the code stops inside a statement or block.
     */
    public String completeness(String code) {
        String remaining = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY:
                    return "complete";
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "    ";
                case UNKNOWN:
                    return "invalid";
                default:
                    remaining = info.remaining();
            }
        }
    }

    @Override
    public void close() {
        shell.close();
    }

    private List<String> compileErrors(String cell, Snippet snippet, int start) {
        List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).toList();
        List<String> lines = new ArrayList<>();
        if (errors.isEmpty()) {
            lines.add(CellError.RED + "Compile error at line " + lineOf(cell, start) + CellError.RESET
                    + ": the snippet was rejected");
            lines.add(quoteLine(cell, start, start + 1));
            return lines;
        }
        for (Diag d : errors) {
            int from = start + (int) Math.max(0, d.getStartPosition());
            int to = start + (int) Math.max(d.getStartPosition() + 1, d.getEndPosition());
            String message = d.getMessage(Locale.ENGLISH);
            lines.add(CellError.RED + "Compile error at line " + lineOf(cell, from) + CellError.RESET + ": "
                    + message.lines().findFirst().orElse(""));
            message.lines().skip(1).forEach(l -> lines.add("  " + l.strip()));
            lines.add(quoteLine(cell, from, to));
        }
        return lines;
    }

    private String diagnostics(Snippet snippet) {
        return shell.diagnostics(snippet).map(d -> d.getMessage(Locale.ENGLISH)).collect(Collectors.joining("; "));
    }

    private static String describe(Snippet snippet) {
        String text = snippet.source().strip();
        int nl = text.indexOf('\n');
        String first = nl < 0 ? text : text.substring(0, nl) + " ...";
        return "'" + (first.length() > 60 ? first.substring(0, 57) + "..." : first) + "'";
    }

    /**
     * The exception as a reader needs it: class and message, the frames down to the cell, then
     * each cause. JShell's own frames and the reflection that called the cell are left out.
     */
    static List<String> traceback(Throwable original, EvalException fallback, int line) {
        List<String> out = new ArrayList<>();
        if (original == null) {
            out.add(CellError.RED + fallback.getExceptionClassName() + CellError.RESET
                    + (fallback.getMessage() == null ? "" : ": " + fallback.getMessage()));
            out.add("\tat the cell, line " + line);
            return out;
        }
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Throwable t = original;
        boolean first = true;
        while (t != null && seen.add(t)) {
            String head = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            List<String> headLines = head.lines().toList();
            out.add((first ? "" : "Caused by: ") + CellError.RED + headLines.get(0) + CellError.RESET);
            out.addAll(headLines.subList(1, Math.min(headLines.size(), 30)));
            int shown = 0;
            int limit = first ? MAX_FRAMES : MAX_CAUSE_FRAMES;
            StackTraceElement[] frames = t.getStackTrace();
            int i = 0;
            for (; i < frames.length; i++) {
                if (frames[i].getClassName().startsWith("REPL.")) {
                    out.add("\tat the cell, line " + line);
                    i = frames.length;
                    break;
                }
                if (shown == limit) {
                    break;
                }
                out.add("\tat " + frames[i]);
                shown++;
            }
            if (i < frames.length) {
                out.add("\t... " + (frames.length - i) + " more");
            }
            first = false;
            t = t.getCause();
        }
        return out;
    }

    static int lineOf(String text, int position) {
        int line = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The cell's line holding {@code from}, with carets under {@code from..to} (on that line). */
    static String quoteLine(String text, int from, int to) {
        int begin = Math.max(0, Math.min(from, text.length()));
        int lineStart = text.lastIndexOf('\n', begin - 1) + 1;
        int lineEnd = text.indexOf('\n', begin);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        String line = text.substring(lineStart, lineEnd);
        int caretFrom = begin - lineStart;
        int caretTo = Math.max(caretFrom + 1, Math.min(to, lineEnd) - lineStart);
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < caretFrom; i++) {
            marks.append(i < line.length() && line.charAt(i) == '\t' ? '\t' : ' ');
        }
        marks.append("^".repeat(caretTo - caretFrom));
        return "    " + line + "\n    " + marks;
    }

    /**
     * The last character of the code that is not blank and not in a comment (0 if none):
     * JShell keeps trailing comments in a snippet's source.
     */
    static char lastSignificant(String code) {
        char last = 0;
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
                int nl = code.indexOf('\n', i);
                i = nl < 0 ? n : nl;
            } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
                int end = code.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (code.startsWith("\"\"\"", i)) {
                int end = code.indexOf("\"\"\"", i + 3);
                while (end > 0 && code.charAt(end - 1) == '\\') {
                    end = code.indexOf("\"\"\"", end + 1);
                }
                i = end < 0 ? n : end + 3;
                last = '"';
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && code.charAt(j) != c && code.charAt(j) != '\n') {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                last = c;
            } else {
                if (!Character.isWhitespace(c)) {
                    last = c;
                }
                i++;
            }
        }
        return last;
    }

    private static int leadingBlanks(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Where the snippet JShell cut from {@code remaining} begins in it (JShell drops leading blanks). */
    static int startOf(String remaining, String source) {
        String probe = source.strip();
        probe = probe.substring(0, Math.min(probe.length(), 24));
        int at = probe.isEmpty() ? -1 : remaining.indexOf(probe);
        return at >= 0 ? at : leadingBlanks(remaining);
    }
}
