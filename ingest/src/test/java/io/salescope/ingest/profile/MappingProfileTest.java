package io.salescope.ingest.profile;

import io.salescope.core.contract.Tables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingProfileTest {

    @Test
    void every_shipped_profile_loads_and_maps_the_required_tables() {
        for (String name : MappingProfile.SHIPPED) {
            MappingProfile p = MappingProfile.load(name);
            assertThat(p.name()).isEqualTo(name);
            if (!p.jsonl()) {
                assertThat(p.tables()).as(name).containsKeys(Tables.USERS, Tables.ACCOUNTS, Tables.OPPORTUNITIES, Tables.STAGES);
            }
        }
        assertThat(MappingProfile.load("activity-stream").jsonl()).isTrue();
        assertThat(MappingProfile.load("salesforce").tables().get(Tables.ACTIVITIES)).hasSize(2);
    }

    @Test
    void an_unmapped_required_column_names_the_column_and_the_line_to_fix() {
        String yaml = """
                name: mini
                tables:
                  users:
                    from: u.csv
                    columns: {user_id: Id, name: Name, email: Email}
                  accounts:
                    from: a.csv
                    columns: {account_id: Id, name: Name}
                  opportunities:
                    from: o.csv
                    columns:
                      opportunity_id: Id
                      account_id: AccountId
                      owner_id: OwnerId
                      currency: {value: USD}
                      stage: StageName
                      created_at: CreatedDate
                      modified_at: LastModifiedDate
                """;
        assertThatThrownBy(() -> MappingProfile.parse(yaml, "profile mini.yaml"))
                .isInstanceOf(ProfileException.class)
                .hasMessage("profile mini.yaml, line 11: unmapped required column opportunities.close_date - add it under"
                        + " tables.opportunities.columns (profile line 11)");
    }

    @Test
    void mistakes_are_reported_with_their_line() {
        assertThatThrownBy(() -> MappingProfile.parse("""
                tables:
                  users:
                    from: u.csv
                    columns:
                      user_id: Id
                      name: {column: Name, lowercase: true}
                      email: Email
                """, "profile p")).hasMessageContaining("line 6: unknown key 'lowercase'");
        assertThatThrownBy(() -> MappingProfile.parse("""
                tables:
                  deals:
                    from: d.csv
                """, "profile p")).hasMessageContaining("line 2: 'deals' is not a crm-export-v1 table");
        assertThatThrownBy(() -> MappingProfile.parse("""
                tables:
                  users:
                    from: u.csv
                    columns: {user_id: Id, name: Name, email: Email, nickname: Nick}
                """, "profile p")).hasMessageContaining("line 4: users has no column 'nickname'");
        assertThatThrownBy(() -> MappingProfile.load("no-such-profile"))
                .hasMessageContaining("no profile 'no-such-profile'").hasMessageContaining("salesforce, hubspot, zoho");
    }

    @Test
    void salesforce_ids_of_15_characters_get_their_18_character_form() {
        assertThat(SalesforceIds.to18("0015000000Xyz12")).hasSize(18).startsWith("0015000000Xyz12");
        assertThat(SalesforceIds.to18("001500000000000")).isEqualTo("001500000000000AAA");
        assertThat(SalesforceIds.to18("0015000000XyZ12AAE")).isEqualTo("0015000000XyZ12AAE");
        // Known pair from Salesforce's documentation of the algorithm.
        assertThat(SalesforceIds.to18("001A0000006Vm9r")).isEqualTo("001A0000006Vm9rIAC");
    }
}
