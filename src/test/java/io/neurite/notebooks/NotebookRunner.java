package io.neurite.notebooks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Runs a notebook's code cells in order in one {@link JShell}, as a Java kernel would, and fails on the first compile
 * error or exception, or at the end on a declaration whose references no cell resolved (a method may use one that
 * a later cell declares, as JShell allows). The cells execute in a separate JVM started with {@code classpath} and
 * {@code vmOptions} (heap, {@code -D} caps such as {@code -Dneurite.maxEpochs=1}), so native libraries and system
 * properties stay out of the calling JVM.
 *
 * <p>Cells must be plain Java: no kernel magics ({@code %classpath}, {@code %%time}) and no {@code display(...)},
 * which exists in the Jupyter kernels but not in JShell. A cell shows a picture by ending with an expression of type
 * {@code BufferedImage}: the rapaio kernel renders it inline, JShell just prints its {@code toString()}.
 */
final class NotebookRunner {
    private static final int OUTPUT_LINES_SHOWN = 40;

    private final String classpath;
    private final List<String> vmOptions;
    private final Duration timeout;

    /** A notebook still running after {@code timeout} is stopped and reported as failed. */
    NotebookRunner(String classpath, List<String> vmOptions, Duration timeout) {
        this.classpath = classpath;
        this.vmOptions = List.copyOf(vmOptions);
        this.timeout = timeout;
    }

    /** A cell that did not compile or run; the message names notebook, cell, line and cause. */
    static final class CellFailure extends AssertionError {
        CellFailure(String message) {
            super(message);
        }
    }

    /** Runs every code cell of {@code notebook} in one fresh JShell; throws {@link CellFailure} on the first failure. */
    void run(Notebook notebook) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        List<String> remote = new ArrayList<>(List.of("--class-path", classpath));
        remote.addAll(vmOptions);
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notebook-watchdog");
            t.setDaemon(true);
            return t;
        });
        try (JShell shell = JShell.builder()
                .in(new ByteArrayInputStream(new byte[0])).out(out).err(out)
                .compilerOptions("--class-path", classpath)
                .remoteVMOptions(remote.toArray(String[]::new))
                .build()) {
            watchdog.schedule(() -> {
                timedOut.set(true);
                shell.stop();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<Snippet, Function<String, CellFailure>> recoverable = new LinkedHashMap<>();
            for (Notebook.Cell cell : notebook.cells()) {
                new CellRun(shell, notebook, cell, output, timedOut, recoverable).run();
            }
            for (Map.Entry<Snippet, Function<String, CellFailure>> declared : recoverable.entrySet()) {
                if (isRecoverable(shell.status(declared.getKey()))) {
                    throw declared.getValue().apply("unresolved reference to "
                            + missing(shell, (DeclarationSnippet) declared.getKey()) + ", which no cell declares");
                }
            }
        } finally {
            watchdog.shutdownNow();
        }
    }

    /** The snippets of one cell, evaluated in order; positions are mapped back to lines of the cell. */
    private final class CellRun {
        private final JShell shell;
        private final Notebook notebook;
        private final Notebook.Cell cell;
        private final ByteArrayOutputStream output;
        private final AtomicBoolean timedOut;
        private final Map<Snippet, Function<String, CellFailure>> recoverable;

        CellRun(JShell shell, Notebook notebook, Notebook.Cell cell, ByteArrayOutputStream output,
                AtomicBoolean timedOut, Map<Snippet, Function<String, CellFailure>> recoverable) {
            this.shell = shell;
            this.notebook = notebook;
            this.cell = cell;
            this.output = output;
            this.timedOut = timedOut;
            this.recoverable = recoverable;
        }

        void run() {
            String rest = cell.source();
            while (!rest.isBlank()) {
                int start = cell.source().length() - rest.length();
                CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
                if (info.completeness() == Completeness.EMPTY) return;
                if (info.completeness() == Completeness.DEFINITELY_INCOMPLETE
                        || info.completeness() == Completeness.CONSIDERED_INCOMPLETE) {
                    throw failure(start + codeStart(rest), "incomplete Java (an unclosed bracket or string?)");
                }
                for (SnippetEvent event : shell.eval(info.source())) {
                    if (event.causeSnippet() == null) check(event, start);
                }
                if (timedOut.get()) {
                    throw failure(start + codeStart(rest), "still running after " + timeout.toSeconds()
                            + " s, stopped (are the neurite.* caps read?)");
                }
                rest = info.remaining();
            }
        }

        private void check(SnippetEvent event, int start) {
            Snippet snippet = event.snippet();
            int at = start + codeStart(snippet.source());
            if (event.status() == Snippet.Status.REJECTED) {
                Diag diag = shell.diagnostics(snippet).filter(Diag::isError).findFirst().orElse(null);
                if (diag == null) throw failure(at, "rejected by JShell without a diagnostic");
                String hint = snippet.source().contains("display(")
                        ? "\n    (JShell has no display(...): end the cell with the image instead)" : "";
                throw failure(start + (int) Math.max(0, diag.getPosition()),
                        "compile error: " + diag.getMessage(Locale.ROOT) + hint);
            }
            if (isRecoverable(event.status())) {
                recoverable.put(snippet, what -> failure(at, what));
            }
            JShellException exception = event.exception();
            if (exception instanceof UnresolvedReferenceException unresolved) {
                throw failure(at, "calls " + unresolved.getSnippet().name() + ", which has unresolved "
                        + missing(shell, unresolved.getSnippet()));
            }
            if (exception != null) {
                String type = exception instanceof EvalException eval ? eval.getExceptionClassName()
                        : exception.getClass().getName();
                throw failure(at, "threw " + type + ": " + exception.getMessage(), stackTrace(exception));
            }
        }

        private CellFailure failure(int offset, String what) {
            return failure(offset, what, "");
        }

        /** What went wrong at {@code offset} of the cell's source, the source line there, then detail and output. */
        private CellFailure failure(int offset, String what, String detail) {
            String source = cell.source();
            int lineStart = source.lastIndexOf('\n', Math.min(offset, source.length()) - 1) + 1;
            int lineEnd = source.indexOf('\n', lineStart);
            String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            long lineNumber = source.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
            return new CellFailure(notebook.path() + ", " + cell.label() + ", line " + lineNumber + ": " + what
                    + "\n    > " + line.strip() + (detail.isEmpty() ? "" : "\n" + detail.stripTrailing())
                    + outputTail(output));
        }
    }

    /** Declared but referring to something not (yet) declared: legal until the notebook ends. */
    private static boolean isRecoverable(Snippet.Status status) {
        return status == Snippet.Status.RECOVERABLE_DEFINED || status == Snippet.Status.RECOVERABLE_NOT_DEFINED;
    }

    private static String missing(JShell shell, DeclarationSnippet snippet) {
        return shell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
    }

    /** Offset of the first character of {@code text} that is neither whitespace nor inside a leading comment. */
    private static int codeStart(String text) {
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    private static String stackTrace(Throwable t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.printStackTrace(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String outputTail(ByteArrayOutputStream output) {
        List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();
        if (lines.isEmpty()) return "";
        List<String> tail = lines.subList(Math.max(0, lines.size() - OUTPUT_LINES_SHOWN), lines.size());
        return "\n--- notebook output (last " + tail.size() + " lines) ---\n" + String.join("\n", tail);
    }
}
