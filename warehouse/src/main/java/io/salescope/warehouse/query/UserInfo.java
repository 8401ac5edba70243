package io.salescope.warehouse.query;

import java.util.Optional;

/** A warehouse user as the engine and the bot see them. */
public record UserInfo(String userId, String name, String email, String role, String teamId, String teamName,
                       String region, String timeZone, String locale, boolean active, String slackUserId) {

    public boolean isExecutiveOrAdmin() {
        return "executive".equals(role) || "admin".equals(role);
    }

    public boolean isManager() {
        return "manager".equals(role);
    }

    public Optional<String> team() {
        return Optional.ofNullable(teamId);
    }
}
