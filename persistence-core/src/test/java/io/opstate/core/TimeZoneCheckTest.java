package io.opstate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.Datastore;
import io.opstate.InvalidInputException;
import io.opstate.PersistenceConfig;
import io.opstate.schedules.NewSchedule;
import io.opstate.schedules.ScheduleChanges;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.time.zone.ZoneRulesProvider;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A time zone id is stored as text: one longer than any real id is refused like any other long text. */
class TimeZoneCheckTest {
    /** Only a host's own zone rules provider can make an id this long; the JDK's are at most 32 characters. */
    private static final String LONG_ID = "Hostile/" + "z".repeat(Checks.MAX_TIME_ZONE_LENGTH);
    private static final String LONGEST_ID = "Hostile/" + "z".repeat(Checks.MAX_TIME_ZONE_LENGTH - 8);

    private final RecordingDatastore backend = new RecordingDatastore();
    private final Datastore store = ValidatingDatastore.wrap(backend, PersistenceConfig.builder("memory:").build());

    @BeforeAll
    static void registerLongZoneIds() {
        if (!ZoneId.getAvailableZoneIds().contains(LONG_ID)) {
            ZoneRulesProvider.registerProvider(new ZoneRulesProvider() {
                @Override
                protected Set<String> provideZoneIds() {
                    return Set.of(LONG_ID, LONGEST_ID);
                }

                @Override
                protected ZoneRules provideRules(String zoneId, boolean forCaching) {
                    return ZoneRules.of(ZoneOffset.UTC);
                }

                @Override
                protected NavigableMap<String, ZoneRules> provideVersions(String zoneId) {
                    return new TreeMap<>();
                }
            });
        }
    }

    @Test
    void refusesAZoneIdLongerThanTheBoundOnCreateAndUpdate() {
        assertThatThrownBy(() -> store.schedules().create(NewSchedule.of("n", "p", "0 * * * *")
                .withTimeZone(ZoneId.of(LONG_ID))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("timeZone"));
        assertThatThrownBy(() -> store.schedules().update("s", 1, ScheduleChanges.none()
                .withTimeZone(ZoneId.of(LONG_ID))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("timeZone"));
        assertThat(backend.calls()).isEmpty();
    }

    @Test
    void acceptsAZoneIdOfTheBound() {
        store.schedules().create(NewSchedule.of("n", "p", "0 * * * *").withTimeZone(ZoneId.of(LONGEST_ID)));
        store.schedules().update("s", 1, ScheduleChanges.none().withTimeZone(ZoneId.of("America/Argentina/ComodRivadavia")));

        assertThat(backend.calls()).hasSize(2);
    }
}
