package io.salescope.notebooks.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The Jupyter kernel spec ({@code kernels/salescope-java/kernel.json}) that starts
 * {@link JavaKernel}: the JVM with Spark's {@code --add-opens} flags (the parent POM's
 * {@code spark.jvm.flags}, copied into this module's resources at build time), the heap, and
 * the kernel classpath. {@code salescope notebook} and {@code NotebooksIT} both write it with
 * {@link #main(String[])}, so there is one definition of how the kernel starts.
 *
 * @param java the {@code java} executable (17 or newer)
 * @param classpath the kernel's classpath: this module's classes and {@code target/kernel.classpath}
 * @param memory the heap, e.g. {@code 4g}
 * @param home the repository root, for the notebooks' relative paths ({@code SALESCOPE_HOME})
 */
public record KernelSpec(Path java, String classpath, String memory, Path home) {

    public static final String DISPLAY_NAME = "Java (salescope)";
    private static final String FLAGS_RESOURCE = "jvm.flags";

    public KernelSpec {
        requireNonNull(java, "java is null");
        requireNonNull(classpath, "classpath is null");
        requireNonNull(memory, "memory is null");
        requireNonNull(home, "home is null");
        if (!memory.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("the kernel's heap must look like 4g or 4096m, not '" + memory + "'");
        }
    }

    /**
     * {@code KernelSpec --into DIR --java PATH --classpath CP --memory 4g --home ROOT}: writes
     * {@code DIR/kernels/salescope-java/kernel.json} and prints its path. DIR is a Jupyter data
     * directory (an entry of {@code JUPYTER_PATH}, or {@code jupyter --data-dir}).
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                break;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        List<String> missing = new ArrayList<>();
        for (String name : List.of("into", "java", "classpath", "memory", "home")) {
            if (!options.containsKey(name)) {
                missing.add("--" + name);
            }
        }
        if (args.length % 2 != 0 || !missing.isEmpty()) {
            System.err.println("usage: KernelSpec --into JUPYTER_DATA_DIR --java JAVA --classpath CP --memory 4g --home REPO"
                    + (missing.isEmpty() ? "" : " (missing " + String.join(", ", missing) + ")"));
            System.exit(2);
        }
        KernelSpec spec = new KernelSpec(Path.of(options.get("java")), options.get("classpath"), options.get("memory"),
                Path.of(options.get("home")));
        System.out.println(spec.install(Path.of(options.get("into"))));
    }

    /** Writes the spec under {@code dataDir}/kernels (replacing an older one) and returns the kernel.json path. */
    public Path install(Path dataDir) {
        Path dir = dataDir.resolve("kernels").resolve(JavaKernel.NAME);
        Path file = dir.resolve("kernel.json");
        try {
            Files.createDirectories(dir);
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Path draft = Files.createTempFile(dir, "kernel", ".json.tmp");
            Files.write(draft, mapper.writeValueAsBytes(json()));
            Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernel spec " + file, e);
        }
    }

    /** kernel.json's content. */
    public Map<String, Object> json() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv());
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        // The default, a SIGINT, would end the JVM: interrupts come as messages (JavaKernel.interrupt).
        spec.put("interrupt_mode", "message");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SALESCOPE_HOME", home.toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        spec.put("env", env);
        return spec;
    }

    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(jvmFlags());
        argv.add("-Xmx" + memory);
        argv.add("-Dfile.encoding=UTF-8");
        argv.add("-Djava.awt.headless=true");
        argv.add("-cp");
        argv.add(classpath);
        argv.add(JavaKernel.class.getName());
        argv.add("{connection_file}");
        return argv;
    }

    /** Spark's flags for Java 17+, as the parent POM lists them. */
    static List<String> jvmFlags() {
        try (InputStream in = KernelSpec.class.getResourceAsStream(FLAGS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + FLAGS_RESOURCE + " is missing: build the notebooks"
                        + " module with Maven (it copies spark.jvm.flags from the parent POM)");
            }
            String flags = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (flags.contains("${")) {
                throw new IllegalStateException("the resource " + FLAGS_RESOURCE + " was not filtered by Maven: " + flags);
            }
            return Arrays.stream(flags.split("\\s+")).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
