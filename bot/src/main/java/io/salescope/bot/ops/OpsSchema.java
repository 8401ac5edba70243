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
                        kind VARCHAR NOT NULL)""")));

    private OpsSchema() {
    }
}
