/**
 * {@code salescope generate}: a realistic, deterministic demo CRM export (format v1) of
 * Kestrel Analytics, a fictional analytics vendor.
 *
 * <p><b>Company.</b> Global Sales (executive Catherine Hale) above three regions: 大中华区
 * (China, CNY; city teams 上海销售部 and 广州销售部, more cities at larger scales), EMEA (EUR;
 * UK &amp; Ireland, Central Europe, then Nordics, France &amp; Benelux...) and North America
 * (USD; a team of its own, with US East, US West... below it as it grows). A fixed core of
 * people exists at every scale so demos can rely on them, e.g. manager
 * {@code sophie.laurent@kestrel-analytics.com} and rep {@code oliver.grant@kestrel-analytics.com};
 * one core rep has left, one joined 45 days before the reference date. Reps grow as
 * {@code 30 * scale^0.7}.
 *
 * <p><b>Time.</b> 38 months up to the reference date; the export is a snapshot at 00:00 UTC
 * on it. Each deal's whole life is simulated at creation and rows dated at or after a
 * person's cutoff (the snapshot, or local midnight if earlier) are left out, so open deals
 * show their state at the snapshot and nothing is dated on or after the reference date
 * except open deals' expected close dates and open tasks' due dates.
 *
 * <p><b>Outcomes.</b> See {@link io.salescope.ingest.generate.WinModel}: a deal's chance of
 * winning is a logistic function of what the export shows in its first two weeks; the
 * outcome is drawn from it; stages reached, timing, pushes and activities depend on that
 * chance and on the stage, never on the outcome beyond the stages reached.
 *
 * <p><b>Scale and determinism.</b> Scale 1 is about 10,000 deals, 43,000 history rows and
 * 100,000 activities; rows grow linearly. Rows are streamed day by day, so memory stays flat
 * (accounts and contacts are the only per-row state held). Every draw comes from seeded
 * {@link java.util.SplittableRandom} streams (one per deal), {@link java.lang.StrictMath}
 * for transcendental functions, no hash-order iteration and no clock, so a seed, scale and
 * reference date always give the same bytes.
 */
package io.salescope.ingest.generate;
