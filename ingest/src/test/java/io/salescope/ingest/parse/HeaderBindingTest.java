package io.salescope.ingest.parse;

import io.salescope.core.SalescopeException;
import io.salescope.core.contract.Tables;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaderBindingTest {

    @Test
    void header_names_match_ignoring_case_and_surrounding_spaces_in_any_order() {
        HeaderBinding b = HeaderBinding.bind(Tables.TEAMS, "teams.csv", List.of(" Name ", "TEAM_ID", "parent_team_id"));

        assertThat(b.fieldOf()).containsExactly(1, 0, -1, 2);
        assertThat(b.unknownColumns()).isEmpty();
    }

    @Test
    void columns_the_contract_does_not_know_are_unknown_and_derived_columns_are_never_read() {
        HeaderBinding b = HeaderBinding.bind(Tables.ACTIVITIES, "activities.csv",
                List.of("activity_id", "type", "owner_id", "occurred_at", " Mood ", "occurred_year"));

        assertThat(b.unknownColumns()).containsExactly("Mood", "occurred_year");
        assertThat(b.unknownFields()).containsExactly(4, 5);
    }

    @Test
    void a_missing_required_column_is_an_error_naming_the_file_and_every_missing_column() {
        assertThatThrownBy(() -> HeaderBinding.bind(Tables.OPPORTUNITIES, "opportunities.csv",
                List.of("opportunity_id", "account_id", "owner_id", "currency", "stage", "created_at", "modified_at")))
                .isInstanceOf(SalescopeException.class)
                .hasMessageContaining("opportunities.csv lacks the required column 'close_date'")
                .hasMessageContaining("its header has");
    }

    @Test
    void a_column_named_twice_is_an_error() {
        assertThatThrownBy(() -> HeaderBinding.bind(Tables.TEAMS, "teams.csv", List.of("team_id", "name", "Name ")))
                .isInstanceOf(SalescopeException.class)
                .hasMessageContaining("teams.csv: the header names column 'name' twice (fields 2 and 3)");
    }

    @Test
    void a_quota_file_needs_an_owner_or_a_team_column() {
        assertThatThrownBy(() -> HeaderBinding.bind(Tables.QUOTAS, "quotas.csv",
                List.of("period_start", "period_end", "amount", "currency")))
                .hasMessageContaining("quotas.csv lacks the required column 'owner_id or team_id'");
        assertThat(HeaderBinding.bind(Tables.QUOTAS, "quotas.csv",
                List.of("team_id", "period_start", "period_end", "amount", "currency")).unknownColumns()).isEmpty();
    }
}
