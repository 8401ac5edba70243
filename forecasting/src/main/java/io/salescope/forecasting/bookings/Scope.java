package io.salescope.forecasting.bookings;

/** What a forecast row covers: the company (id null), a team with the teams below it, or a rep. */
public record Scope(String type, String id) implements Comparable<Scope> {

    public static final Scope COMPANY = new Scope("company", null);

    public static Scope team(String id) {
        return new Scope("team", id);
    }

    public static Scope rep(String id) {
        return new Scope("rep", id);
    }

    private int rank() {
        return switch (type) {
            case "company" -> 0;
            case "team" -> 1;
            default -> 2;
        };
    }

    @Override
    public int compareTo(Scope o) {
        int c = Integer.compare(rank(), o.rank());
        return c != 0 ? c : String.valueOf(id).compareTo(String.valueOf(o.id));
    }
}
