package io.salescope.bot.tasks;

import io.salescope.bot.ops.ChatTaskStore;
import io.salescope.bot.ops.TaskChangeStore;
import io.salescope.warehouse.query.TaskRecord;
import io.salescope.warehouse.query.UserInfo;
import io.salescope.warehouse.query.WarehouseRecords;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The tasks of the company: the open tasks of the current warehouse version and the tasks
 * created in chat, with the changes people made in chat or on the web page laid over them.
 *
 * <h2>How a change meets the CRM</h2>
 * salescope cannot write to the CRM, so "done" and "snooze" live in the operational store
 * ({@link TaskChangeStore}). A change counts while it is at least as new as the task's CRM
 * row ({@code modified_at}): when the CRM later changes the task (a new due date, reopened,
 * edited), the newer CRM row wins and the older chat changes no longer apply. A task the CRM
 * reports completed or cancelled is closed whatever was clicked.
 *
 * <h2>Who may do what</h2>
 * Anyone may create tasks for themselves. A manager may assign tasks to the people of their
 * team and the teams below it; executives and admins to anyone; a rep to nobody else. A task
 * may be marked done or snoozed by its owner and by whoever may see the owner's records.
 * Inactive people get no tasks.
 */
public final class TaskBook {

    /** A consistent view of the tasks at one moment. */
    public record Tasks(List<Task> open, Map<String, Task> byId) {
        public Tasks {
            open = Collections.unmodifiableList(open);
            byId = Collections.unmodifiableMap(byId);
        }
    }

    private final WarehouseRecords warehouse;
    private final ChatTaskStore chat;
    private final TaskChangeStore changes;

    public TaskBook(WarehouseRecords warehouse, ChatTaskStore chat, TaskChangeStore changes) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.changes = requireNonNull(changes, "changes is null");
    }

    public WarehouseRecords warehouse() {
        return warehouse;
    }

    /** The warehouse's open tasks as {@link Task}s, by due date, for one version. */
    private record Base(List<TaskRecord> records, List<Task> byDue) {
    }

    /** A view handed out, reused while it is younger than {@link #FRESH_NANOS} and nothing was changed here. */
    private record Loaded(long atNanos, long generation, List<TaskRecord> records, Tasks tasks) {
    }

    /**
     * How long a loaded view is reused: a burst of digests or a page of chat answers do not
     * each re-read the operational store and merge every task. Changes made through this
     * book are seen at once; another process's within this time.
     */
    static final long FRESH_NANOS = 2_000_000_000L;

    private volatile Base base;
    private volatile Loaded loaded;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    /** Every task now: the open ones in {@code open} (by due date), all known ones by id. */
    public Tasks load() {
        Loaded l = loaded;
        long now = System.nanoTime();
        List<TaskRecord> records = warehouse.openTasks();
        if (l != null && l.generation() == generation.get() && l.records() == records && now - l.atNanos() < FRESH_NANOS) {
            return l.tasks();
        }
        long gen = generation.get();
        Tasks t = read();
        loaded = new Loaded(System.nanoTime(), gen, records, t);
        return t;
    }

    private Tasks read() {
        record Read(List<ChatTaskStore.ChatTask> chat, List<TaskChangeStore.Change> changes) {
        }
        Read read = chat.store().transaction(c -> new Read(chat.all(c), changes.all(c)));
        Map<String, List<TaskChangeStore.Change>> byTask = new HashMap<>();
        for (TaskChangeStore.Change c : read.changes()) {
            byTask.computeIfAbsent(c.taskId(), k -> new ArrayList<>()).add(c);
        }
        List<Task> open = new ArrayList<>(base().byDue().size() + read.chat().size());
        Map<String, Task> byId = new HashMap<>();
        for (Task b : base().byDue()) {
            Task t = overlay(b, byTask.get(b.taskId()));
            byId.put(t.taskId(), t);
            if (t.open()) {
                open.add(t);
            }
        }
        List<Task> chatOpen = new ArrayList<>();
        for (ChatTaskStore.ChatTask c : read.chat()) {
            Task t = overlay(new Task(c.taskId(), Task.Origin.CHAT, c.ownerId(), c.subject(), c.dueAt(), c.priority(),
                    c.createdBy(), c.createdAt(), null, null, null, true, null), byTask.get(c.taskId()));
            byId.put(t.taskId(), t);
            if (t.open()) {
                chatOpen.add(t);
            }
        }
        if (!chatOpen.isEmpty()) {
            open.addAll(chatOpen);
            open.sort(BY_DUE);
        }
        return new Tasks(open, byId);
    }

    private static final Comparator<Task> BY_DUE = Comparator.comparing(Task::dueAt).thenComparing(Task::taskId);

    /** The warehouse's open tasks as Tasks by due date, converted once per warehouse version. */
    private Base base() {
        List<TaskRecord> records = warehouse.openTasks();
        Base b = base;
        if (b != null && b.records() == records) {
            return b;
        }
        List<Task> tasks = new ArrayList<>(records.size());
        for (TaskRecord r : records) {
            tasks.add(new Task(r.taskId(), Task.Origin.CRM, r.ownerId(), r.subject(), r.dueAt(), r.priority(),
                    r.createdBy(), r.createdAt(), r.modifiedAt(), r.accountName(), r.opportunityName(), true, null));
        }
        tasks.sort(BY_DUE);
        b = new Base(records, List.copyOf(tasks));
        base = b;
        return b;
    }

    /** The task with this id, open or closed in chat; empty when unknown or closed in the CRM. */
    public Optional<Task> find(String taskId) {
        return Optional.ofNullable(load().byId().get(taskId));
    }

    /** The open tasks of these owners (every owner when {@code owners} is empty), by due date. */
    public List<Task> openTasksOf(Optional<Set<String>> owners) {
        return load().open().stream().filter(t -> owners.isEmpty() || owners.get().contains(t.ownerId())).toList();
    }

    /** Marks the task done for everyone; done twice is still done. */
    public Task done(UserInfo actor, String taskId, Instant at, String via) {
        Task t = mayAct(actor, taskId);
        if (t.open()) {
            changes.add(taskId, TaskChangeStore.DONE, at, actor.userId(), null, via);
            generation.incrementAndGet();
        }
        return find(taskId).orElse(t);
    }

    /** Puts the task's reminders off: no reminder until the moment asked for (in working hours). */
    public Task snooze(UserInfo actor, String taskId, SnoozeOption option, Instant at, ZoneId ownerZone, String via) {
        Task t = mayAct(actor, taskId);
        if (!t.open()) {
            throw new TaskException(TaskException.Kind.INVALID, "The task \"" + t.subject() + "\" is already done.",
                    "任务“" + t.subject() + "”已经完成。");
        }
        changes.add(taskId, TaskChangeStore.SNOOZE, at, actor.userId(), option.from(at, ownerZone), via);
        generation.incrementAndGet();
        return find(taskId).orElse(t);
    }

    /** Creates a task in chat for {@code assignee}, after checking that {@code assigner} may. */
    public Task create(UserInfo assigner, UserInfo assignee, String subject, Instant dueAt, Instant at, String via,
                       String requestText) {
        checkMayAssign(assigner, assignee);
        String s = subject == null ? "" : subject.strip();
        if (s.isEmpty()) {
            throw new TaskException(TaskException.Kind.INVALID, "Say what the task is, e.g. \"call ACME about the renewal\".",
                    "请说明任务内容，例如“回访ACME”。");
        }
        if (s.length() > 500) {
            throw new TaskException(TaskException.Kind.INVALID, "Keep the task under 500 characters.", "任务内容请少于 500 个字符。");
        }
        ChatTaskStore.ChatTask c = chat.create(assignee.userId(), s, dueAt, "normal", assigner.userId(), at, via,
                requestText);
        generation.incrementAndGet();
        return new Task(c.taskId(), Task.Origin.CHAT, c.ownerId(), c.subject(), c.dueAt(), c.priority(), c.createdBy(),
                c.createdAt(), null, null, null, true, null);
    }

    /** Throws {@link TaskException} (403) unless {@code assigner} may give {@code assignee} a task. */
    public void checkMayAssign(UserInfo assigner, UserInfo assignee) {
        if (!assignee.active()) {
            throw new TaskException(TaskException.Kind.INVALID, assignee.name() + " is not active in the CRM; tasks go to active people only.",
                    assignee.name() + " 在 CRM 中已停用，只能给在职人员分配任务。");
        }
        if (assigner.userId().equals(assignee.userId())) {
            return;
        }
        Optional<Set<String>> visible = warehouse.visibleOwners(assigner);
        boolean mayAssignOthers = assigner.isManager() || assigner.isExecutiveOrAdmin();
        if (mayAssignOthers && (visible.isEmpty() || visible.get().contains(assignee.userId()))) {
            return;
        }
        if (!mayAssignOthers) {
            throw new TaskException(TaskException.Kind.FORBIDDEN,
                    "You can create tasks only for yourself: assigning tasks to others is for their managers.",
                    "你只能给自己创建任务：给他人分配任务需由其经理操作。");
        }
        String team = assigner.teamName() == null ? "your team" : assigner.teamName();
        throw new TaskException(TaskException.Kind.FORBIDDEN,
                "You can assign tasks only to people in " + team + " and the teams below it; " + assignee.name()
                        + " is not one of them.",
                "你只能给" + (assigner.teamName() == null ? "你的团队" : assigner.teamName()) + "及其下级团队的成员分配任务；"
                        + assignee.name() + "不在其中。");
    }

    private Task mayAct(UserInfo actor, String taskId) {
        Task t = find(taskId).orElseThrow(() -> new TaskException(TaskException.Kind.NOT_FOUND,
                "There is no open task " + taskId + " (it may have been closed in the CRM).",
                "没有未完成的任务 " + taskId + "（可能已在 CRM 中关闭）。"));
        Optional<Set<String>> visible = warehouse.visibleOwners(actor);
        boolean may = actor.active() && (actor.userId().equals(t.ownerId()) || visible.isEmpty()
                || visible.get().contains(t.ownerId()));
        if (!may) {
            throw new TaskException(TaskException.Kind.FORBIDDEN,
                    "Only the task's owner or their manager can change \"" + t.subject() + "\".",
                    "只有任务负责人或其经理可以修改任务“" + t.subject() + "”。");
        }
        return t;
    }

    /**
     * The task with the changes that are at least as new as its CRM row: the last done or
     * reopen decides whether it is open, the last snooze after it is in force.
     */
    static Task overlay(Task t, List<TaskChangeStore.Change> changes) {
        if (changes == null || changes.isEmpty()) {
            return t;
        }
        boolean open = t.open();
        Task.Snooze snooze = null;
        for (TaskChangeStore.Change c : changes) {
            if (t.modifiedAt() != null && c.changedAt().isBefore(t.modifiedAt())) {
                continue;
            }
            switch (c.action()) {
                case TaskChangeStore.DONE -> {
                    open = false;
                    snooze = null;
                }
                case TaskChangeStore.REOPEN -> {
                    open = true;
                    snooze = null;
                }
                case TaskChangeStore.SNOOZE -> snooze = c.snoozeUntil() == null ? null
                        : new Task.Snooze(c.changedAt(), c.snoozeUntil(), c.changedBy());
                default -> {
                    // An action from a newer salescope: ignored rather than guessed at.
                }
            }
        }
        return new Task(t.taskId(), t.origin(), t.ownerId(), t.subject(), t.dueAt(), t.priority(), t.createdBy(),
                t.createdAt(), t.modifiedAt(), t.accountName(), t.opportunityName(), open, open ? snooze : null);
    }
}
