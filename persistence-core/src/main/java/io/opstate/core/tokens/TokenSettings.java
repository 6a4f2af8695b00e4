package io.opstate.core.tokens;

import io.opstate.PersistenceConfig;
import io.opstate.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * How a store treats token secrets: the hashing ({@link Settings#TOKEN_PEPPER}) and how often a
 * verification may write the last-used time ({@link Settings#TOKEN_LAST_USED_INTERVAL}).
 *
 * @param secrets makes and hashes secrets
 * @param lastUsedInterval a verification writes the last-used time only when it is older than this
 */
public record TokenSettings(TokenSecrets secrets, Duration lastUsedInterval) {
    public TokenSettings {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(lastUsedInterval, "lastUsedInterval");
    }

    /** As {@code config} says. */
    public static TokenSettings from(PersistenceConfig config) {
        return new TokenSettings(TokenSecrets.from(config), config.get(Settings.TOKEN_LAST_USED_INTERVAL).orElseThrow());
    }

    /** No pepper, the default interval. */
    public static TokenSettings defaults() {
        return new TokenSettings(TokenSecrets.withPepper(null),
                Settings.TOKEN_LAST_USED_INTERVAL.defaultValue().orElseThrow());
    }
}
