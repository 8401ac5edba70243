package io.salescope.bot.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderLedgerTest {

    @TempDir
    Path data;

    static final Instant NOW = Instant.parse("2026-07-06T01:00:00Z");

    static ReminderLedger.Entry entry(String task, String slot) {
        return new ReminderLedger.Entry(task + "|overdue|2026-07-01T10:00:00Z|" + slot, "overdue", task,
                Instant.parse("2026-07-01T10:00:00Z"), slot, "R1", "slack", NOW);
    }

    static ReminderLedger.ClaimRequest fresh(String token, Instant now, ReminderLedger.Entry... entries) {
        return new ReminderLedger.ClaimRequest(List.of(entries), List.of(), List.of(), Map.of(), token, now,
                now.minus(Duration.ofMinutes(10)));
    }

    @Test
    void a_delivery_is_claimed_once_however_often_it_is_offered() {
        ReminderLedger ledger = new ReminderLedger(OpsStore.open(data));
        ReminderLedger.Entry e = entry("K1", "2026-07-06");
        assertThat(ledger.claim(fresh("a", NOW, e))).extracting(ReminderLedger.Claim::key).containsExactly(e.key());
        assertThat(ledger.claim(fresh("a", NOW, e))).isEmpty();
        assertThat(ledger.claim(fresh("b", NOW.plusSeconds(60), e, e))).isEmpty();
        assertThat(ledger.row(e.key()).orElseThrow().state()).isEqualTo(ReminderLedger.SENDING);
    }

    @Test
    void concurrent_claims_from_many_threads_give_each_delivery_to_one() throws Exception {
        ReminderLedger ledger = new ReminderLedger(OpsStore.open(data));
        List<ReminderLedger.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            entries.add(entry("K" + i, "2026-07-06"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ReminderLedger.Claim>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String token = "t" + t;
                results.add(pool.submit(() -> ledger.claim(new ReminderLedger.ClaimRequest(entries, List.of(), List.of(),
                        Map.of(), token, NOW, NOW.minusSeconds(600)))));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<ReminderLedger.Claim>> f : results) {
                f.get().forEach(c -> all.add(c.key()));
            }
            assertThat(all).hasSize(200).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_failed_delivery_is_claimed_again_only_when_its_wait_is_over() {
        ReminderLedger ledger = new ReminderLedger(OpsStore.open(data));
        ReminderLedger.Entry e = entry("K1", "2026-07-06");
        ledger.claim(fresh("a", NOW, e));
        ledger.record(List.of(new ReminderLedger.Failed(e.key(), "a", NOW, "fatal_error", NOW.plusSeconds(30), true)));
        ReminderLedger.Row failed = ledger.row(e.key()).orElseThrow();
        assertThat(failed.state()).isEqualTo(ReminderLedger.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.uncertain()).isTrue();
        assertThat(failed.lastError()).isEqualTo("fatal_error");
        ReminderLedger.ClaimRequest early = new ReminderLedger.ClaimRequest(List.of(), List.of(e.key()), List.of(), Map.of(),
                "b", NOW.plusSeconds(10), NOW);
        assertThat(ledger.claim(early)).isEmpty();
        ReminderLedger.ClaimRequest due = new ReminderLedger.ClaimRequest(List.of(), List.of(e.key()), List.of(), Map.of(),
                "b", NOW.plusSeconds(30), NOW);
        assertThat(ledger.claim(due)).containsExactly(new ReminderLedger.Claim(e.key(), 1, true));
        ledger.record(List.of(new ReminderLedger.Sent(e.key(), NOW.plusSeconds(31), "slack", "D1", "1.2")));
        ReminderLedger.Row sent = ledger.row(e.key()).orElseThrow();
        assertThat(sent.state()).isEqualTo(ReminderLedger.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.slackTs()).isEqualTo("1.2");
        assertThat(sent.uncertain()).isFalse();
    }

    @Test
    void a_claim_is_taken_over_only_when_it_is_stale_and_then_is_uncertain() {
        ReminderLedger ledger = new ReminderLedger(OpsStore.open(data));
        ReminderLedger.Entry e = entry("K1", "2026-07-06");
        ledger.claim(fresh("dead", NOW, e));
        Instant soon = NOW.plusSeconds(60);
        assertThat(ledger.claim(new ReminderLedger.ClaimRequest(List.of(), List.of(), List.of(e.key()), Map.of(), "alive",
                soon, soon.minusSeconds(600)))).as("not stale yet").isEmpty();
        ledger.heartbeat("dead", NOW.plusSeconds(300));
        Instant later = NOW.plusSeconds(700);
        assertThat(ledger.claim(new ReminderLedger.ClaimRequest(List.of(), List.of(), List.of(e.key()), Map.of(), "alive",
                later, later.minusSeconds(600)))).as("refreshed at +300 s").isEmpty();
        Instant muchLater = NOW.plusSeconds(1000);
        assertThat(ledger.claim(new ReminderLedger.ClaimRequest(List.of(), List.of(), List.of(e.key()), Map.of(), "alive",
                muchLater, muchLater.minusSeconds(600)))).containsExactly(new ReminderLedger.Claim(e.key(), 0, true));
        assertThat(ledger.row(e.key()).orElseThrow().claimToken()).isEqualTo("alive");
    }

    @Test
    void failed_and_stale_rows_no_longer_wanted_are_cancelled_with_the_reason_but_live_claims_are_left_alone() {
        ReminderLedger ledger = new ReminderLedger(OpsStore.open(data));
        ReminderLedger.Entry failed = entry("K1", "2026-07-06");
        ReminderLedger.Entry live = entry("K2", "2026-07-06");
        ledger.claim(fresh("a", NOW, failed, live));
        ledger.record(List.of(new ReminderLedger.Failed(failed.key(), "a", NOW, "boom", NOW.plusSeconds(30), false)));
        ledger.claim(new ReminderLedger.ClaimRequest(List.of(), List.of(), List.of(),
                Map.of(failed.key(), "the task is closed", live.key(), "the task is closed"), "b", NOW.plusSeconds(60),
                NOW.minusSeconds(600)));
        assertThat(ledger.row(failed.key()).orElseThrow().state()).isEqualTo(ReminderLedger.CANCELLED);
        assertThat(ledger.row(failed.key()).orElseThrow().lastError()).isEqualTo("the task is closed");
        assertThat(ledger.row(live.key()).orElseThrow().state()).isEqualTo(ReminderLedger.SENDING);
        assertThat(ledger.countsByState()).containsEntry("cancelled", 1L).containsEntry("sending", 1L);
        assertThat(ledger.pending()).extracting(ReminderLedger.Row::key).containsExactly(live.key());
    }

    @Test
    void thousands_of_deliveries_are_claimed_and_recorded_in_one_transaction_each() {
        ReminderLedger ledger = new ReminderLedger(OpsStore.open(data));
        List<ReminderLedger.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            entries.add(entry("K" + i, "2026-07-06"));
        }
        long t0 = System.nanoTime();
        List<ReminderLedger.Claim> claims = ledger.claim(new ReminderLedger.ClaimRequest(entries, List.of(), List.of(), Map.of(),
                "a", NOW, NOW.minusSeconds(600)));
        List<ReminderLedger.Outcome> sent = new ArrayList<>();
        claims.forEach(c -> sent.add(new ReminderLedger.Sent(c.key(), NOW, "web", null, null)));
        ledger.record(sent);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(claims).hasSize(20_000);
        assertThat(ledger.countsByState()).containsEntry("sent", 20_000L);
        assertThat(ms).as("claiming and recording 20,000 in ms").isLessThan(20_000);
        assertThat(ledger.keysSince(NOW)).hasSize(20_000);
        assertThat(ledger.prune(NOW.plusSeconds(1))).isEqualTo(20_000);
    }
}
