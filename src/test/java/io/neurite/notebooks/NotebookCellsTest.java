package io.neurite.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every notebook under {@code notebooks/} runs cell by cell in JShell on the test classpath, with the CI caps of
 * {@code notebooks/ci.properties}; the fixtures under {@code src/test/resources/notebook-fixtures} check that
 * failures are reported with notebook, cell and line.
 */
@Tag("slow")
class NotebookCellsTest {
    private static final Path NOTEBOOKS = Path.of("notebooks");
    private static final Path CAPS = NOTEBOOKS.resolve("ci.properties");
    private static final Path FIXTURES = Path.of("src/test/resources/notebook-fixtures");

    private static NotebookRunner runner;

    @BeforeAll
    static void runner() throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx4g", "-Djava.awt.headless=true"));
        Properties caps = new Properties();
        try (Reader in = Files.newBufferedReader(CAPS)) {
            caps.load(in);
        }
        caps.stringPropertyNames().stream().sorted().forEach(k -> options.add("-D" + k + "=" + caps.getProperty(k)));
        runner = new NotebookRunner(System.getProperty("java.class.path"), options, Duration.ofMinutes(10));
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsInJShell() throws IOException {
        List<Path> notebooks = Notebook.findAll(NOTEBOOKS);
        assertFalse(notebooks.isEmpty(), "no .ipynb under " + NOTEBOOKS.toAbsolutePath());
        return notebooks.stream().map(path -> dynamicTest(NOTEBOOKS.relativize(path).toString(), path.toUri(),
                () -> runner.run(Notebook.read(path))));
    }

    /** The README's Java examples, each block a cell, run as written (so the README stays true). */
    @Test
    void readmeJavaExamplesRun() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("```java\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(readme);
        List<Notebook.Cell> cells = new ArrayList<>();
        while (block.find()) cells.add(new Notebook.Cell(cells.size(), "readme-" + cells.size(), block.group(1)));
        assertTrue(cells.size() >= 3, "README should show the model, graph and inspection examples; found " + cells.size());
        runner.run(new Notebook(Path.of("README.md"), cells));
    }

    @Test
    void compileErrorNamesCellLineAndDiagnostic() throws IOException {
        String message = failureOf("compile-error.ipynb");
        assertContains(message, "compile-error.ipynb, cell 2 (id 'bad-type'), line 3: compile error: incompatible types");
        assertContains(message, "> String s = m;");
    }

    @Test
    void exceptionNamesItsTypeAndShowsEarlierOutput() throws IOException {
        String message = failureOf("exception.ipynb");
        assertContains(message, "cell 1 (id 'out-of-bounds'), line 2: threw java.lang.ArrayIndexOutOfBoundsException");
        assertContains(message, "> int k = a[5];");
        assertContains(message, "before the failure");
    }

    @Test
    void referenceNoCellDeclaresFailsAtTheEnd() throws IOException {
        String message = failureOf("unresolved.ipynb");
        assertContains(message, "cell 0 (id 'calls-missing'), line 2: unresolved reference to method "
                + "helperThatDoesNotExist(), which no cell declares");
        assertContains(message, "> void train() {");
    }

    @Test
    void methodMayUseOneALaterCellDeclares() throws IOException {
        runner.run(Notebook.read(FIXTURES.resolve("forward-reference.ipynb")));
    }

    @Test
    void capsReachTheCells() throws IOException {
        runner.run(Notebook.read(FIXTURES.resolve("reads-caps.ipynb")));
    }

    private static String failureOf(String fixture) throws IOException {
        Notebook notebook = Notebook.read(FIXTURES.resolve(fixture));
        return assertThrows(NotebookRunner.CellFailure.class, () -> runner.run(notebook)).getMessage();
    }

    private static void assertContains(String message, String expected) {
        assertTrue(message.contains(expected), "expected <" + expected + "> in:\n" + message);
    }
}
