package io.opstate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "500ms, PT0.5S",
            "30s, PT30S",
            "5m, PT5M",
            "2h, PT2H",
            "7d, PT168H",
            "250us, PT0.00025S",
            "250µs, PT0.00025S",
            "10ns, PT0.00000001S",
            "5M, PT5M",
            "30 s, PT30S",
            "1h30m, PT1H30M",
            "2h45m30s, PT2H45M30S",
            "1h 30m, PT1H30M",
            "1d12h, PT36H",
            "1.5h, PT1H30M",
            "0.5s, PT0.5S",
            "0s, PT0S",
            "PT30S, PT30S",
            "pt1m, PT1M",
            "P7D, PT168H",
    })
    @DisplayName("ISO-8601, single units including days, and Go-style compounds and fractions")
    void accepted(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "h", "1x", "5 min", "1h30", "-1h", "+1h", "1.h", ".5h", "1.5ns", "1h-30m",
            "99999999999999d", "P", "PTX", "1h\n30m"})
    @DisplayName("anything else is refused with an IllegalArgumentException")
    void refused(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
