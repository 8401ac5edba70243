package io.salescope.notebooks.kernel;

import io.salescope.notebooks.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CellEvaluatorTest {

    private static CellEvaluator cells;

    @BeforeAll
    static void start() {
        cells = CellEvaluator.onThisClasspath();
    }

    @AfterAll
    static void stop() {
        cells.close();
    }

    @Test
    void the_value_of_a_cell_is_its_last_expression_as_an_object() {
        CellEvaluator.Value v = cells.evaluate("int a = 20;\nint b = 22;\nList.of(a, b, a + b)");

        assertThat(v.present()).isTrue();
        assertThat(v.value()).isEqualTo(java.util.List.of(20, 22, 42));
    }

    @Test
    void declarations_and_statements_have_no_value_and_later_cells_see_them() {
        assertThat(cells.evaluate("String greet(String who) { return \"hello \" + who; }\nvar x = greet(\"data team\");").present())
                .isFalse();

        assertThat(cells.evaluate("x").value()).isEqualTo("hello data team");
        assertThat(cells.evaluate("x.length()   // a comment after the expression").value()).isEqualTo(15);
    }

    @Test
    void a_semicolon_after_the_last_expression_hides_its_value_even_before_a_comment() {
        assertThat(cells.evaluate("List.of(1, 2);").present()).isFalse();
        assertThat(cells.evaluate("List.of(1, 2); // just run it").present()).isFalse();
        assertThat(cells.evaluate("\"a;b\" /* shown */").value()).isEqualTo("a;b");
        assertThat(cells.evaluate("\"\"\"\n    ends with ;\"\"\"").value()).isEqualTo("ends with ;");
    }

    @Test
    void the_project_classpath_is_available_without_imports_of_our_helpers() {
        Object v = cells.evaluate("Table.of(List.of(\"n\"), List.of(List.of(1)))").value();

        assertThat(v).isInstanceOf(Table.class);
    }

    @Test
    void a_compile_error_names_the_cell_line_and_points_at_the_mistake() {
        assertThatThrownBy(() -> cells.evaluate("int ok = 1;\n\nString s = \"a\";\ns.lenght()"))
                .isInstanceOf(CompilationError.class)
                .satisfies(e -> assertThat(String.join("\n", ((CellError) e).report()))
                        .contains("line 4").contains("cannot find symbol").contains("s.lenght()").contains("  ^"));
    }

    @Test
    void an_exception_reports_its_class_message_and_causes() {
        assertThatThrownBy(() -> cells.evaluate(
                "void fail() { throw new IllegalStateException(\"outer\", new java.io.IOException(\"disk full\")); }\nfail();"))
                .isInstanceOf(EvaluationError.class)
                .hasMessage("java.lang.IllegalStateException: outer")
                .satisfies(e -> assertThat(String.join("\n", ((CellError) e).report()))
                        .contains("Caused by: ").contains("java.io.IOException: disk full").contains("at the cell, line 2"))
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_unfinished_cell_is_a_compile_error_not_a_hang() {
        assertThatThrownBy(() -> cells.evaluate("for (int i = 0; i < 3; i++) {\n  System.out.println(i);"))
                .isInstanceOf(CompilationError.class)
                .hasMessageContaining("Incomplete code at line 1");
    }

    @Test
    void printed_output_goes_to_the_current_system_out() {
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            cells.evaluate("System.out.println(\"销售 \" + (6 * 7));");
        } finally {
            System.setOut(old);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("销售 42\n");
    }

    @Test
    void an_interrupt_stops_a_running_cell_and_the_next_cell_runs() throws Exception {
        CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
            try {
                cells.evaluate("while (true) { Thread.sleep(50); }");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(1500);
        cells.interrupt();

        assertThat(running.get(20, TimeUnit.SECONDS)).isInstanceOf(CellInterrupted.class);
        assertThat(cells.evaluate("1 + 1").value()).isEqualTo(2);
    }

    @Test
    void a_cell_that_ignores_interrupts_is_stopped() throws Exception {
        CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
            try {
                cells.evaluate("long n = 0; while (true) { n++; }");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(1500);
        cells.interrupt();

        assertThat(running.get(30, TimeUnit.SECONDS)).isInstanceOf(CellInterrupted.class);
        assertThat(cells.evaluate("\"still alive\"").value()).isEqualTo("still alive");
    }
}
