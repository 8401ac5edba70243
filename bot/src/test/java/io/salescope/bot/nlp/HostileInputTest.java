package io.salescope.bot.nlp;

import io.salescope.warehouse.query.UserInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Whatever arrives, the parser answers with an outcome and never throws; database commands are not questions. */
class HostileInputTest {

    private final QuestionParser parser = KestrelFixture.parser();
    private final UserInfo asker = KestrelFixture.as("olivia.hartmann");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "'; DROP TABLE users; --",
            "bookings'; DROP TABLE opportunities; --",
            "SELECT * FROM opportunities",
            "select amount from opportunities where 1=1",
            "win rate' OR '1'='1",
            "1; DELETE FROM users",
            "UNION SELECT password FROM users",
            "bookings /* comment */ this quarter",
            "INSERT INTO quotas VALUES (1)",
            "UPDATE users SET role = 'admin'",
            "本季度成交额'; DROP TABLE users; --"})
    void sql_looking_text_is_not_a_question(String input) {
        ParseOutcome outcome = parser.parse(input, asker);
        assertThat(outcome).isInstanceOf(ParseOutcome.NotUnderstood.class);
        assertThat(((ParseOutcome.NotUnderstood) outcome).message()).isNotBlank();
    }

    @Test
    void empty_and_blank_input_is_not_understood_with_examples() {
        for (String input : new String[] {null, "", "   ", "\n\t", "？", "..."}) {
            ParseOutcome outcome = parser.parse(input, asker);
            assertThat(outcome).as(String.valueOf(input)).isInstanceOf(ParseOutcome.NotUnderstood.class);
        }
        ParseOutcome.NotUnderstood empty = (ParseOutcome.NotUnderstood) parser.parse("", asker);
        assertThat(empty.message().lines().filter(l -> l.startsWith("•")).count()).isBetween(3L, 5L);
    }

    @Test
    void binary_input_is_not_understood() {
        byte[] bytes = new byte[512];
        new Random(7).nextBytes(bytes);
        String binary = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(parser.parse(binary, asker)).isInstanceOf(ParseOutcome.NotUnderstood.class);
        assertThat(parser.parse("bookings\u0000\u0001\u0002\u0003 this quarter", asker)).isInstanceOf(ParseOutcome.NotUnderstood.class);
        assertThat(parser.parse("\uD800\uD800\uDFFF\uFFFE", asker)).isInstanceOf(ParseOutcome.NotUnderstood.class);
    }

    @Test
    void ten_kilobytes_of_text_is_not_a_question() {
        String huge = "What were bookings last quarter? ".repeat(320);
        assertThat(huge.length()).isGreaterThan(10_000);
        ParseOutcome outcome = parser.parse(huge, asker);
        assertThat(outcome).isInstanceOf(ParseOutcome.NotUnderstood.class);
        assertThat(parser.parse("本季度的成交金额".repeat(1300), asker)).isInstanceOf(ParseOutcome.NotUnderstood.class)
                .extracting(ParseOutcome::language).isEqualTo("zh");
    }

    @Test
    void small_talk_gets_examples_in_its_language() {
        ParseOutcome en = parser.parse("hello there", asker);
        assertThat(en).isInstanceOf(ParseOutcome.NotUnderstood.class);
        assertThat(en.language()).isEqualTo("en");
        ParseOutcome zh = parser.parse("你好", asker);
        assertThat(zh).isInstanceOf(ParseOutcome.NotUnderstood.class);
        assertThat(zh.language()).isEqualTo("zh");
        assertThat(((ParseOutcome.NotUnderstood) zh).message()).contains("成交金额");
    }

    @Test
    void random_text_made_of_known_words_never_throws() {
        List<String> words = List.of("bookings", "win", "rate", "by", "top", "3", "reps", "last", "quarter", "vs", "YoY",
                "成交", "金额", "各", "团队", "前", "五", "名", "本季度", "同比", "我的", "EMEA", "Chen", "'s", "Q3", "2025",
                "between", "and", "从", "到", "3月", "最", "高", "的", "?", "；", "Kestrel", "Arm", "華東", "", "¥", "%", "100万");
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(12);
            for (int k = 0; k < n; k++) {
                sb.append(words.get(random.nextInt(words.size()))).append(random.nextBoolean() ? " " : "");
            }
            String question = sb.toString();
            assertThatCode(() -> assertThat(parser.parse(question, asker)).isNotNull()).as(question).doesNotThrowAnyException();
        }
    }

    @Test
    void random_characters_never_throw() {
        Random random = new Random(1);
        for (int i = 0; i < 2000; i++) {
            char[] c = new char[1 + random.nextInt(80)];
            for (int k = 0; k < c.length; k++) {
                c[k] = (char) random.nextInt(0x10000);
            }
            String question = new String(c);
            assertThatCode(() -> parser.parse(question, asker)).doesNotThrowAnyException();
        }
    }
}
