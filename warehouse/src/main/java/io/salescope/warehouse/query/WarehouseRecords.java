package io.salescope.warehouse.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Read-only rows of the current warehouse version for the features that work on records
 * rather than figures: reminders (open tasks), digests (deals closing soon, win probability
 * drops). Implementations pick up a newly published version on the next call.
 *
 * <p><b>No row-level scope is applied here</b>: these methods return every owner's rows, for
 * system work such as the reminder scheduler. Whatever shows rows to a person keeps to
 * {@link #visibleOwners(UserInfo)}, the same rule the metric engine enforces.
 */
public interface WarehouseRecords {

    /** Every task whose status is {@code open}, by task id. */
    List<TaskRecord> openTasks();

    /** Open opportunities whose expected close date is in {@code from..to} (inclusive), by close date. */
    List<DealRecord> openDealsClosing(LocalDate from, LocalDate to);

    /** Win probability changes of open deals between the two latest forecast runs. */
    WinScoreChanges winScoreChanges();

    /**
     * The owners whose records {@code asker} may see: executives and admins everyone (empty),
     * a manager their team, the teams below it and its members, a rep themselves, an inactive
     * user nobody.
     */
    Optional<Set<String>> visibleOwners(UserInfo asker);

    /** The published version these rows come from. */
    long version();
}
