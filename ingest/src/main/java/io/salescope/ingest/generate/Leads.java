package io.salescope.ingest.generate;


import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * leads.csv. Converted leads are known only when their deal is simulated, up to weeks after
 * the lead came in, so leads wait in a queue ordered by creation time and are written (and
 * numbered) once no earlier lead can arrive: lead ids then follow creation time, as a CRM's
 * auto-number does.
 */
final class Leads implements AutoCloseable {

    /** How far before its deal a converted lead may have been created. */
    static final long MAX_LEAD_TIME = 45 * LocalZone.DAY;

    record Pending(long created, long seq, String ownerId, LocalZone zone, String source, String status, long convertedAt,
                   String accountId, String opportunityId, String company, String country, long modified) {
    }

    private final CsvSink out;
    private final SplittableRandom r;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(
            Comparator.comparingLong(Pending::created).thenComparingLong(Pending::seq));
    private long seq;

    Leads(CsvSink out, SplittableRandom r) {
        this.out = out;
        this.r = r;
    }

    long nextSeq() {
        return seq++;
    }

    void add(Pending lead) {
        queue.add(lead);
    }

    /** Writes every queued lead created before {@code time}. */
    void flushBefore(long time) {
        while (!queue.isEmpty() && queue.peek().created() < time) {
            write(queue.poll());
        }
    }

    @Override
    public void close() {
        flushBefore(Long.MAX_VALUE);
        out.close();
    }

    private void write(Pending p) {
        Ids.append(out.raw(), "KL", out.rows() + 1, 8);
        Stamps.append(out.raw(), p.created(), p.zone(), r, 0.03);
        out.text(p.source()).text(p.ownerId()).text(p.status());
        if (p.convertedAt() >= 0) {
            Stamps.append(out.raw(), p.convertedAt(), p.zone(), r, 0);
        } else {
            out.empty();
        }
        out.text(p.accountId()).text(p.opportunityId()).text(p.company()).text(p.country());
        Stamps.append(out.raw(), p.modified(), p.zone(), r, 0);
        out.end();
    }
}
