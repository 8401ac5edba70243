package io.salescope.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salescope.notebooks.kernel.JavaKernel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The notebooks as committed: outputs stripped, our kernel, and each one documented. */
class NotebookFilesTest {

    private static final Path MODULE = Path.of(System.getProperty("salescope.notebooks", ".")).toAbsolutePath().normalize();

    private static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(MODULE)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @Test
    void there_are_four_notebooks() throws IOException {
        assertThat(notebooks()).extracting(p -> p.getFileName().toString()).hasSize(4)
                .allMatch(n -> n.matches("0[1-9]-[a-z0-9-]+\\.ipynb"));
    }

    @Test
    void committed_notebooks_have_no_outputs_and_no_execution_counts() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path nb : notebooks()) {
            JsonNode root = new ObjectMapper().readTree(nb.toFile());
            int i = 0;
            for (JsonNode cell : root.path("cells")) {
                i++;
                if (!"code".equals(cell.path("cell_type").asText())) {
                    continue;
                }
                if (!cell.path("outputs").isEmpty()) {
                    problems.add(nb.getFileName() + " cell " + i + " has " + cell.path("outputs").size() + " outputs");
                }
                if (!cell.path("execution_count").isNull()) {
                    problems.add(nb.getFileName() + " cell " + i + " has execution_count " + cell.path("execution_count"));
                }
            }
        }
        assertThat(problems)
                .as("strip outputs before committing: Jupyter's 'Cell > All Output > Clear', or "
                        + "'jupyter nbconvert --clear-output --inplace notebooks/*.ipynb'")
                .isEmpty();
    }

    @Test
    void every_notebook_uses_the_salescope_kernel_and_is_nbformat_4() throws IOException {
        for (Path nb : notebooks()) {
            JsonNode root = new ObjectMapper().readTree(nb.toFile());
            assertThat(root.path("nbformat").asInt()).as(nb.getFileName() + " nbformat").isEqualTo(4);
            assertThat(root.at("/metadata/kernelspec/name").asText()).as(nb.getFileName() + " kernel")
                    .isEqualTo(JavaKernel.NAME);
        }
    }

    @Test
    void the_readme_describes_every_notebook() throws IOException {
        String readme = Files.readString(MODULE.resolve("README.md"));
        for (Path nb : notebooks()) {
            assertThat(readme).as("notebooks/README.md").contains(nb.getFileName().toString());
        }
    }
}
