package io.salescope.bot.slack;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How the Slack app is reached and verified. Built from the environment; the app is on only
 * when both the bot token and the signing secret are set.
 *
 * @param apiUrl the Web API's base URL, ending in a slash (Slack's, or a fake in tests)
 */
public record SlackSettings(String botToken, String signingSecret, String apiUrl) {

    public static final String ENV_BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String ENV_SIGNING_SECRET = "SLACK_SIGNING_SECRET";
    public static final String ENV_API_URL = "SALESCOPE_SLACK_API_URL";
    public static final String DEFAULT_API_URL = "https://slack.com/api/";

    public SlackSettings {
        requireNonNull(botToken, "botToken is null");
        requireNonNull(signingSecret, "signingSecret is null");
        requireNonNull(apiUrl, "apiUrl is null");
        apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    /** The settings from the environment, or empty when the token or the secret is missing. */
    public static Optional<SlackSettings> fromEnvironment(Map<String, String> env) {
        String token = env.get(ENV_BOT_TOKEN);
        String secret = env.get(ENV_SIGNING_SECRET);
        if (token == null || token.isBlank() || secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        String url = env.get(ENV_API_URL);
        return Optional.of(new SlackSettings(token.strip(), secret.strip(),
                url == null || url.isBlank() ? DEFAULT_API_URL : url.strip()));
    }

    @Override
    public String toString() {
        return "SlackSettings[apiUrl=" + apiUrl + ", botToken=***, signingSecret=***]";
    }
}
