package io.salescope.bot.slack;

import io.salescope.bot.service.AskResponse;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChartRendererTest {

    @Test
    void a_breakdown_becomes_a_png_bar_chart_with_a_bar_per_row() throws Exception {
        AskResponse r = new AskResponse("en", true, "q", null, "a", "bookings", "Bookings",
                new AskResponse.PeriodJson("2026-01-01", "2026-03-31", "2026-Q1", "Q1 2026"), null, "money", "USD", null,
                List.of(new AskResponse.RowJson("China", 3142664.09, "China"),
                        new AskResponse.RowJson("Europe", 1344692.28, "Europe"),
                        new AskResponse.RowJson("North America", 1059483.93, "North America"),
                        new AskResponse.RowJson("(none)", null, "")),
                null, null, Map.of(), List.of(), List.of(), List.of(), 1);
        byte[] png = ChartRenderer.png(r, 800);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isGreaterThanOrEqualTo(240);
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/slack-chart.png"), png);
    }
}
