package io.salescope.core.time;

/** The unit a period is aligned to; CUSTOM for free date ranges. */
public enum Granularity {
    DAY, WEEK, MONTH, QUARTER, YEAR, CUSTOM
}
