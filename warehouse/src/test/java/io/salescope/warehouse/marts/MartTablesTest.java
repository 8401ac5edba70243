package io.salescope.warehouse.marts;

import io.salescope.core.contract.Column;
import io.salescope.core.contract.TableContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MartTablesTest {

    /** Surefire runs in the module directory; the docs are at the repository root. */
    private static final Path DOC = Path.of("..", "docs", "marts.md");

    @Test
    void every_mart_is_named_mart_something_and_unique() {
        assertThat(MartTables.ALL).extracting(TableContract::name)
                .allMatch(n -> n.startsWith(MartTables.PREFIX))
                .doesNotHaveDuplicates();
        assertThat(MartTables.byName("mart_bookings")).contains(MartTables.BOOKINGS);
    }

    @Test
    void docs_describe_every_mart_with_its_columns_and_types_in_order() throws IOException {
        String doc = Files.readString(DOC);
        for (TableContract mart : MartTables.ALL) {
            int start = doc.indexOf("\n## " + mart.name() + "\n");
            assertThat(start).as("section for %s in %s", mart.name(), DOC).isNotNegative();
            int end = doc.indexOf("\n## ", start + 1);
            String section = doc.substring(start, end < 0 ? doc.length() : end);
            Matcher row = Pattern.compile("(?m)^\\| (\\w+) \\| (\\w+) \\|").matcher(section);
            java.util.List<String> documented = new java.util.ArrayList<>();
            while (row.find()) {
                if (!row.group(1).equals("column")) {
                    documented.add(row.group(1) + " " + row.group(2));
                }
            }
            assertThat(documented).as(mart.name()).containsExactlyElementsOf(mart.columns().stream()
                    .map(MartTablesTest::spelled).toList());
        }
    }

    private static String spelled(Column c) {
        return c.name() + " " + switch (c.type()) {
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case INT -> "int";
            case LONG -> "long";
            case DOUBLE -> "double";
            case DATE -> "date";
            case TIMESTAMP -> "timestamp";
        };
    }
}
