package io.salescope.bot.ops;

import java.util.List;

/**
 * The operational store's migrations, applied in order on start. Never edit a released
 * migration: append a new one (the table's owner class documents its columns).
 */
final class OpsSchema {

    record Migration(String description, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration("login tokens, notifications, Slack event ledger", List.of(
                    """
                    CREATE TABLE login_tokens (
                        token_hash VARCHAR PRIMARY KEY,
                        user_id VARCHAR NOT NULL,
                        email VARCHAR NOT NULL,
                        created_at TIMESTAMPTZ NOT NULL,
                        expires_at TIMESTAMPTZ NOT NULL,
                        revoked_at TIMESTAMPTZ,
                        note VARCHAR)""",
                    "CREATE INDEX login_tokens_user ON login_tokens (user_id)",
                    "CREATE SEQUENCE notification_ids START 1",
                    """
                    CREATE TABLE notifications (
                        notification_id BIGINT PRIMARY KEY DEFAULT nextval('notification_ids'),
                        user_id VARCHAR NOT NULL,
                        created_at TIMESTAMPTZ NOT NULL,
                        kind VARCHAR NOT NULL,
                        text VARCHAR NOT NULL,
                        text_zh VARCHAR,
                        link VARCHAR,
                        read_at TIMESTAMPTZ)""",
                    "CREATE INDEX notifications_user ON notifications (user_id, created_at)",
                    """
                    CREATE TABLE slack_events (
                        event_id VARCHAR PRIMARY KEY,
                        received_at TIMESTAMPTZ NOT NULL,
                        kind VARCHAR NOT NULL)""")),
            new Migration("reminders: ledger, chat-created tasks, task changes made in chat, Slack identities", List.of(
                    """
                    CREATE TABLE reminder_ledger (
                        reminder_key VARCHAR PRIMARY KEY,
                        kind VARCHAR NOT NULL,
                        task_id VARCHAR,
                        due_at TIMESTAMPTZ,
                        slot VARCHAR NOT NULL,
                        user_id VARCHAR,
                        channel VARCHAR NOT NULL,
                        send_at TIMESTAMPTZ NOT NULL,
                        state VARCHAR NOT NULL,
                        attempts INTEGER NOT NULL,
                        claim_token VARCHAR,
                        claimed_at TIMESTAMPTZ,
                        next_attempt_at TIMESTAMPTZ,
                        uncertain BOOLEAN NOT NULL,
                        last_error VARCHAR,
                        sent_at TIMESTAMPTZ,
                        delivered_via VARCHAR,
                        slack_channel VARCHAR,
                        slack_ts VARCHAR,
                        created_at TIMESTAMPTZ NOT NULL,
                        updated_at TIMESTAMPTZ NOT NULL)""",
                    """
                    CREATE TABLE chat_tasks (
                        task_id VARCHAR PRIMARY KEY,
                        owner_id VARCHAR NOT NULL,
                        subject VARCHAR NOT NULL,
                        due_at TIMESTAMPTZ NOT NULL,
                        priority VARCHAR,
                        created_by VARCHAR NOT NULL,
                        created_at TIMESTAMPTZ NOT NULL,
                        via VARCHAR NOT NULL,
                        request_text VARCHAR)""",
                    "CREATE SEQUENCE chat_task_ids START 1",
                    "CREATE SEQUENCE task_change_ids START 1",
                    """
                    CREATE TABLE task_changes (
                        change_id BIGINT PRIMARY KEY DEFAULT nextval('task_change_ids'),
                        task_id VARCHAR NOT NULL,
                        action VARCHAR NOT NULL,
                        changed_at TIMESTAMPTZ NOT NULL,
                        changed_by VARCHAR NOT NULL,
                        snooze_until TIMESTAMPTZ,
                        via VARCHAR NOT NULL)""",
                    "CREATE INDEX task_changes_task ON task_changes (task_id)",
                    """
                    CREATE TABLE slack_identities (
                        user_id VARCHAR PRIMARY KEY,
                        email VARCHAR,
                        slack_user_id VARCHAR,
                        source VARCHAR NOT NULL,
                        checked_at TIMESTAMPTZ NOT NULL)""",
                    """
                    CREATE TABLE slack_dm_channels (
                        slack_user_id VARCHAR PRIMARY KEY,
                        channel_id VARCHAR NOT NULL,
                        opened_at TIMESTAMPTZ NOT NULL)""")));

    private OpsSchema() {
    }
}
