package io.salescope.ingest.generate;

import java.util.SplittableRandom;

/**
 * The latent chance that a deal is won: the generator draws each deal's outcome from it, and
 * {@code --plant} writes it out so a win-probability model can be checked for calibration.
 *
 * <p>At creation a deal's chance {@code p} is a logistic function of what the export shows
 * about it within its first {@link #EARLY_DAYS} days: the owner's skill (learnable from the
 * owner's record), the account's segment, the deal type, lead source, product family, how
 * large the amount is for its product and segment, and how many meetings, demos, calls and
 * e-mails happened in those first days. The outcome is drawn once, won ~ Bernoulli(p).
 *
 * <p>A lost deal then drops out at the stage it would have failed had it passed each open
 * stage {@code k} with probability {@code a_k = p^(w_k)} (the weights sum to one over the
 * stages it goes through, so the product of the {@code a_k} is {@code p}); it is exactly the
 * same as drawing stage by stage. Nothing later (timing, pushes, activities) depends on the
 * outcome beyond the stages reached, so for a deal still open in stage {@code k} (the
 * highest reached) the chance of winning is {@code a_k * ... * a_4}, which is what is
 * planted for open deals; closed deals carry {@code p}.
 */
final class WinModel {

    static final int EARLY_DAYS = 14;

    /** Share of a deal's uncertainty resolved by passing open stage 1..4. */
    private static final double[] STAGE_WEIGHT = {0, 0.35, 0.30, 0.20, 0.15};

    private WinModel() {
    }

    /** Deal type, as written in the export. */
    enum Type {
        NEW_BUSINESS("new_business"), EXPANSION("expansion"), RENEWAL("renewal");

        private final String csv;

        Type(String csv) {
            this.csv = csv;
        }

        String csv() {
            return csv;
        }
    }

    /**
     * The chance of winning at creation.
     *
     * @param amountNoise the standard-normal draw that made the amount larger or smaller than
     *     typical for its product, segment and type
     */
    static double chance(double repSkill, int segment, Type type, String source, Catalog.Family family, double amountNoise,
                         int earlyMeetingsAndDemos, int earlyCallsAndEmails) {
        double x = -0.75 + repSkill;
        x += switch (segment) {
            case 0 -> 0.30;
            case 2 -> -0.35;
            default -> 0;
        };
        x += switch (type) {
            case NEW_BUSINESS -> 0;
            case EXPANSION -> 0.55;
            case RENEWAL -> 2.2;
        };
        x += sourceEffect(source);
        x += switch (family) {
            case PLATFORM -> 0;
            case ADD_ONS -> 0.1;
            case SERVICES -> 0.2;
        };
        x -= 0.45 * amountNoise;
        double engagement = 0.42 * (earlyMeetingsAndDemos - 0.9) + 0.11 * (earlyCallsAndEmails - 2.5);
        x += Math.max(-1.5, Math.min(2.0, engagement));
        x = Math.max(-4.5, Math.min(4.5, x));
        return 1 / (1 + StrictMath.exp(-x));
    }

    static double sourceEffect(String source) {
        if (source == null) {
            return 0;
        }
        return switch (source) {
            case "Referral" -> 0.55;
            case "Partner" -> 0.35;
            case "Free Trial" -> 0.25;
            case "Webinar" -> 0.05;
            case "Trade Show" -> -0.1;
            case "Outbound" -> -0.45;
            default -> 0;
        };
    }

    /** The chance of passing open stage {@code stage} for a deal that started at {@code start}. */
    static double pass(double p, int start, int stage) {
        return StrictMath.pow(p, STAGE_WEIGHT[stage] / weightFrom(start));
    }

    /** The chance of winning for a deal that started at {@code start} and has reached {@code reached}. */
    static double remaining(double p, int start, int reached) {
        return StrictMath.pow(p, weightFrom(reached) / weightFrom(start));
    }

    /** For a lost deal, the open stage it drops out of, drawn given that it is lost. */
    static int lostAt(SplittableRandom r, double p, int start) {
        double[] w = new double[5];
        double survive = 1;
        for (int k = start; k <= 4; k++) {
            double a = pass(p, start, k);
            w[k] = survive * (1 - a);
            survive *= a;
        }
        return Rand.weighted(r, w);
    }

    private static double weightFrom(int stage) {
        double sum = 0;
        for (int k = stage; k <= 4; k++) {
            sum += STAGE_WEIGHT[k];
        }
        return sum;
    }
}
