package io.salescope.bot.nlp;

import io.salescope.warehouse.query.UserInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PeopleNamesTest {

    static UserInfo user(String id, String name, String email) {
        return new UserInfo(id, name, email, "rep", "T1", "Team", null, "UTC", "en", true, null);
    }

    static final List<UserInfo> USERS = List.of(
            user("M10", "许志远", "xu.zhiyuan@borealis-software.com"),
            user("R11", "赵敏", "zhao.min@borealis-software.com"),
            user("R12", "Chen Hao", "chen.hao@borealis-software.com"),
            user("R21", "Erik Nilsson", "erik.nilsson@borealis-software.com"),
            user("R31", "Brian Carter", "brian.carter@borealis-software.com"),
            user("R35", "Brian Moss", "brian.moss@borealis-software.com"),
            user("R36", "José Núñez", "jose.nunez@borealis-software.com"));
    static final PeopleNames NAMES = PeopleNames.of(USERS);

    static List<String> who(String text) {
        return NAMES.find(text).people().stream().map(UserInfo::userId).toList();
    }

    @Test
    void a_person_is_found_by_name_email_first_or_last_name_and_without_accents() {
        assertThat(who("Erik")).containsExactly("R21");
        assertThat(who("nilsson")).containsExactly("R21");
        assertThat(who("Erik Nilsson")).containsExactly("R21");
        assertThat(who("erik.nilsson@borealis-software.com")).containsExactly("R21");
        assertThat(who("erik.nilsson")).containsExactly("R21");
        assertThat(who("Jose Nunez")).containsExactly("R36");
    }

    @Test
    void a_chinese_name_is_found_as_colleagues_say_it_and_in_pinyin() {
        for (String name : List.of("许志远", "志远", "许总", "小许", "老许", "许经理", "Xu Zhiyuan", "zhiyuan xu")) {
            assertThat(who(name)).as(name).containsExactly("M10");
        }
        assertThat(who("赵敏")).containsExactly("R11");
        assertThat(who("Zhao Min")).containsExactly("R11");
    }

    @Test
    void a_shared_first_name_is_ambiguous_but_a_full_name_is_not() {
        assertThat(who("Brian")).containsExactlyInAnyOrder("R31", "R35");
        assertThat(who("Brian Carter")).containsExactly("R31");
    }

    @Test
    void a_misspelt_name_gives_suggestions_and_no_match() {
        PeopleNames.Match m = NAMES.find("Brain Carter");
        assertThat(m.people()).isEmpty();
        assertThat(m.suggestions()).extracting(UserInfo::userId).containsExactly("R31");
        assertThat(NAMES.find("Bob").people()).isEmpty();
        assertThat(NAMES.find("Bob").suggestions()).isEmpty();
    }
}
