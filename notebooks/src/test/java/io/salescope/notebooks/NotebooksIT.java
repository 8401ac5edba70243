package io.salescope.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salescope.notebooks.kernel.JavaKernel;
import io.salescope.notebooks.kernel.KernelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Executes every notebook in {@code notebooks/} headless, as {@code jupyter nbconvert --execute}
 * does in a user's hands, with the salescope Java kernel on the dev fixture
 * ({@code shared/fixtures/dev-crm}, reference date 2026-06-30). The notebooks share one data
 * directory, in order, as they would for a user: 01 loads the warehouse, 03 publishes a
 * forecast, 04 reads it. A cell that throws, or does not run, fails the build.
 *
 * <p>Needs Debian's {@code jupyter-notebook} and {@code python3-nbconvert} ({@code .ci/run}
 * installs them) and the shared fixtures ({@code ../shared} or {@code $SALESCOPE_SHARED}).
 * The executed notebooks and their logs are kept in {@code target/executed-notebooks}.
 */
class NotebooksIT {

    private static final long NOTEBOOK_TIMEOUT_MINUTES = 15;
    private static final Path ROOT = Path.of(System.getProperty("salescope.root", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path tmp;

    private static List<String> nbconvert;
    private static Path fixture;

    static Stream<String> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("notebooks"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb")).sorted().toList().stream();
        }
    }

    @BeforeAll
    static void installKernel() throws Exception {
        fixture = devFixture();
        assertThat(fixture).as("the dev fixture shared/fixtures/dev-crm next to the repository (or set SALESCOPE_SHARED)")
                .isNotNull();
        nbconvert = findNbconvert();
        String classes = System.getProperty("salescope.kernel.classes");
        Path classpathFile = Path.of(System.getProperty("salescope.kernel.classpath", "target/kernel.classpath"));
        assertThat(classpathFile).as("the kernel classpath written by the build").isRegularFile();
        String classpath = classes + ":" + Files.readString(classpathFile).strip();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        new KernelSpec(java, classpath, "2g", ROOT).install(tmp.resolve("jupyter"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void the_notebook_runs_from_top_to_bottom_on_the_dev_fixture(String notebook) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path log = out.resolve(notebook.replace(".ipynb", ".log"));
        List<String> command = new ArrayList<>(nbconvert);
        command.addAll(List.of(ROOT.resolve("notebooks").resolve(notebook).toString(),
                "--execute", "--to", "notebook", "--output-dir", out.toString(),
                "--ExecutePreprocessor.kernel_name=" + JavaKernel.NAME,
                "--ExecutePreprocessor.timeout=600",
                "--ExecutePreprocessor.startup_timeout=180"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.resolve("notebooks").toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SALESCOPE_") || k.startsWith("JUPYTER"));
        env.put("JUPYTER_PATH", tmp.resolve("jupyter").toString());
        env.put("JUPYTER_DATA_DIR", tmp.resolve("jupyter-data").toString());
        env.put("JUPYTER_CONFIG_DIR", tmp.resolve("jupyter-config").toString());
        env.put("JUPYTER_RUNTIME_DIR", tmp.resolve("jupyter-runtime").toString());
        env.put("SALESCOPE_DATA", tmp.resolve("data").toString());
        env.put("SALESCOPE_TODAY", "2026-06-30");
        env.put("SALESCOPE_SAMPLE_EXPORT", fixture.toString());
        env.put("SALESCOPE_SPARK_MASTER", "local[2]");
        env.put("SALESCOPE_SHUFFLE_PARTITIONS", "2");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");

        Process p = pb.start();
        boolean finished = p.waitFor(NOTEBOOK_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        keep(out, notebook);
        if (!finished) {
            fail(notebook + " did not finish in " + NOTEBOOK_TIMEOUT_MINUTES + " minutes; the end of its log:\n" + tail(log));
        }
        if (p.exitValue() != 0) {
            fail(notebook + " failed (nbconvert exited with " + p.exitValue() + "); the end of its log:\n" + tail(log));
        }

        JsonNode executed = new ObjectMapper().readTree(out.resolve(notebook).toFile());
        List<String> problems = new ArrayList<>();
        int codeCells = 0;
        for (JsonNode cell : executed.path("cells")) {
            if (!"code".equals(cell.path("cell_type").asText())) {
                continue;
            }
            codeCells++;
            String first = cell.path("source").isArray() && !cell.path("source").isEmpty()
                    ? cell.path("source").get(0).asText().strip() : cell.path("source").asText();
            if (cell.path("execution_count").isNull() || cell.path("execution_count").isMissingNode()) {
                problems.add("cell '" + first + "' did not run");
            }
            for (JsonNode output : cell.path("outputs")) {
                if ("error".equals(output.path("output_type").asText())) {
                    problems.add("cell '" + first + "' failed: " + output.path("ename").asText() + ": "
                            + output.path("evalue").asText());
                }
            }
        }
        assertThat(codeCells).as("code cells in " + notebook).isPositive();
        assertThat(problems).as(notebook).isEmpty();
    }

    /** The executed notebook and its log, kept in target/executed-notebooks for a look after the build. */
    private static void keep(Path out, String notebook) throws IOException {
        Path kept = Files.createDirectories(Path.of("target", "executed-notebooks"));
        for (String name : List.of(notebook, notebook.replace(".ipynb", ".log"))) {
            if (Files.exists(out.resolve(name))) {
                Files.copy(out.resolve(name), kept.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Path devFixture() {
        String env = System.getenv("SALESCOPE_SHARED");
        for (Path p : new Path[] {env == null ? null : Path.of(env), ROOT.resolve("../shared"), ROOT.resolve("../../shared"),
                Path.of("/work/shared")}) {
            if (p != null && Files.isRegularFile(p.resolve("fixtures/dev-crm/opportunities.csv"))) {
                return p.resolve("fixtures/dev-crm").toAbsolutePath().normalize();
            }
        }
        return null;
    }

    /**
     * {@code jupyter-nbconvert} (Debian's {@code jupyter-nbconvert}), else the {@code nbconvert}
     * module of Debian's Python (package {@code python3-nbconvert}): the {@code python3} first on
     * the PATH may be another installation without it.
     */
    private static List<String> findNbconvert() throws Exception {
        List<List<String>> candidates = List.of(List.of("jupyter-nbconvert"), List.of("/usr/bin/python3", "-m", "nbconvert"),
                List.of("python3", "-m", "nbconvert"));
        for (List<String> c : candidates) {
            List<String> probe = new ArrayList<>(c);
            probe.add("--version");
            try {
                Process p = new ProcessBuilder(probe).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return c;
                }
                p.destroyForcibly();
            } catch (IOException notThere) {
                // Try the next one.
            }
        }
        return fail("Jupyter's nbconvert was not found (tried jupyter-nbconvert, /usr/bin/python3 -m nbconvert,"
                + " python3 -m nbconvert): install it with 'apt-get install jupyter-notebook python3-nbconvert'"
                + " (.ci/run does)");
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 120), lines.size()));
    }
}
