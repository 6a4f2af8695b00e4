package io.opstate.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
    private static PersistenceConfig config(String... keyValues) {
        Properties properties = new Properties();
        properties.setProperty("opstate.url", "memory:");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return PersistenceConfig.fromProperties(properties);
    }

    @Test
    @DisplayName("from(config): every opstate.retention.* setting becomes its rule; unset ones stay out")
    void fromSettings() {
        RetentionPolicy policy = RetentionPolicy.from(config(
                "opstate.retention.jobs.finished-older-than", "P30D",
                "opstate.retention.executions.older-than", "90d",
                "opstate.retention.executions.keep-last", "100",
                "opstate.retention.history.older-than", "180d",
                "opstate.retention.sessions.finished-older-than", "PT720H",
                "opstate.retention.constructs.statuses", "archived, abandoned",
                "opstate.retention.constructs.older-than", "365d",
                "opstate.retention.artifacts.older-than", "90d",
                "opstate.retention.artifacts.quota-mb", "2",
                "opstate.retention.tokens.expired-for", "7d",
                "opstate.retention.changes.older-than", "30d",
                "opstate.retention.changes.keep-last", "1000",
                "opstate.retention.batch-size", "5000"));

        assertThat(policy).isEqualTo(RetentionPolicy.builder().jobsFinishedOlderThan(Duration.ofDays(30))
                .executionsOlderThan(Duration.ofDays(90)).executionsKeepLast(100).historyOlderThan(Duration.ofDays(180))
                .sessionsFinishedOlderThan(Duration.ofDays(30)).constructs(Set.of("archived", "abandoned"), Duration.ofDays(365))
                .artifactsOlderThan(Duration.ofDays(90)).artifactsQuotaBytes(2L * 1024 * 1024)
                .tokensExpiredFor(Duration.ofDays(7)).changesOlderThan(Duration.ofDays(30)).changesKeepLast(1000)
                .batchSize(5000).build());
        assertThat(RetentionPolicy.from(config()).isEmpty()).isTrue();
        assertThat(RetentionPolicy.from(config()).batchSize()).isEqualTo(RetentionPolicy.DEFAULT_BATCH_SIZE);
    }

    @Test
    @DisplayName("from(config): construct statuses without an age, or the reverse, name the missing setting")
    void constructRuleNeedsBoth() {
        assertThatThrownBy(() -> RetentionPolicy.from(config("opstate.retention.constructs.statuses", "done")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field())
                        .isEqualTo("opstate.retention.constructs.older-than"));
        assertThatThrownBy(() -> RetentionPolicy.from(config("opstate.retention.constructs.older-than", "1d")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field())
                        .isEqualTo("opstate.retention.constructs.statuses"));
    }

    @Test
    @DisplayName("settings out of range are refused when the configuration is read, naming the property")
    void badSettingsNamed() {
        for (Map.Entry<String, String> bad : Map.of(
                "opstate.retention.executions.keep-last", "0",
                "opstate.retention.history.older-than", "-1d",
                "opstate.retention.artifacts.quota-mb", "-5",
                "opstate.retention.constructs.statuses", "done,,archived",
                "opstate.retention.batch-size", "10001").entrySet()) {
            assertThatThrownBy(() -> config(bad.getKey(), bad.getValue())).as(bad.getKey())
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining(bad.getKey());
        }
    }

    @Test
    @DisplayName("report: every entity is present, zero when not counted; counts add with unknown bytes kept unknown")
    void reportAndCounts() {
        RetentionReport report = new RetentionReport(PruneMode.DRY_RUN, Map.of(RetentionEntity.JOBS, RetentionCount.rows(3)));
        assertThat(report.removed()).hasSize(RetentionEntity.values().length);
        assertThat(report.rows(RetentionEntity.HISTORY)).isZero();
        assertThat(report.totalRows()).isEqualTo(3);
        assertThat(RetentionCount.rows(1).plus(RetentionCount.rows(2))).isEqualTo(RetentionCount.rows(3));
        assertThat(new RetentionCount(1, 10).plus(RetentionCount.rows(2))).isEqualTo(new RetentionCount(3, 10));
        assertThatThrownBy(() -> new RetentionCount(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
