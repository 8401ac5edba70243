package io.salescope.bot.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AskServiceTest {

    @Test
    void a_question_is_trimmed_and_line_breaks_become_spaces() {
        assertThat(AskService.checkQuestion("  win rate\nthis quarter\t ")).isEqualTo("win rate this quarter");
    }

    @Test
    void empty_missing_long_and_control_character_questions_are_refused_with_a_code() {
        assertThatThrownBy(() -> AskService.checkQuestion(null)).hasFieldOrPropertyWithValue("code", "missing_question");
        assertThatThrownBy(() -> AskService.checkQuestion(" \n ")).hasFieldOrPropertyWithValue("code", "empty_question");
        assertThatThrownBy(() -> AskService.checkQuestion("x".repeat(2001)))
                .hasFieldOrPropertyWithValue("code", "question_too_long");
        assertThat(AskService.checkQuestion("x".repeat(2000))).hasSize(2000);
        for (String bad : new String[]{"a\u0000b", "a\u0007b", "a\u007fb", "a\uFFFDb", "a\uD800b", "a\uDC00b", "\uFEFFa"}) {
            assertThatThrownBy(() -> AskService.checkQuestion(bad)).as(bad)
                    .hasFieldOrPropertyWithValue("code", "invalid_characters");
        }
        assertThat(AskService.checkQuestion("本季度赢单率 😀")).isEqualTo("本季度赢单率 😀");
    }

    @Test
    void the_language_is_guessed_from_han_characters() {
        assertThat(AskService.guessLanguage("中国区本季度赢单率")).isEqualTo("zh");
        assertThat(AskService.guessLanguage("DACH 的赢单率")).isEqualTo("zh");
        assertThat(AskService.guessLanguage("win rate")).isEqualTo("en");
        assertThat(AskService.guessLanguage(null)).isEqualTo("en");
    }

    @Test
    void figures_are_formatted_per_unit() {
        assertThat(Figures.format(0.625, "ratio", null, "en")).isEqualTo("62.5%");
        assertThat(Figures.format(4496778.34, "money", "USD", "en")).isEqualTo("USD 4,496,778");
        assertThat(Figures.format(84.25, "days", null, "zh")).isEqualTo("84.3 天");
        assertThat(Figures.format(65.0, "count", null, "en")).isEqualTo("65");
        assertThat(Figures.format(null, "ratio", null, "en")).isEqualTo("no value");
    }
}
