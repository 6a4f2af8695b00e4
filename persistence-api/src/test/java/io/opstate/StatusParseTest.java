package io.opstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.executions.ExecutionStatus;
import io.opstate.jobs.JobStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusParseTest {

    @ParameterizedTest
    @ValueSource(strings = {"running", " RUNNING\t", "\r\nRunning\n"})
    @DisplayName("any case, surrounding spaces, tabs and line breaks: the status")
    void blanksAndCaseAreIgnored(String text) {
        assertThat(JobStatus.parse(text)).isEqualTo(JobStatus.RUNNING);
        assertThat(ExecutionStatus.parse(text)).isEqualTo(ExecutionStatus.RUNNING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"running\u0000", "\u0000running", "running\u001F", "running\u000B", "run ning"})
    @DisplayName("a NUL or other control character is never trimmed away: the name is unknown")
    void nulAndControlCharactersAreRefused(String text) {
        assertThatThrownBy(() -> JobStatus.parse(text))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("status"));
        assertThatThrownBy(() -> ExecutionStatus.parse(text))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"paused\n2026-01-01 INFO forged", "\u2028forged"})
    @DisplayName("an unknown name is quoted escaped, and cut when long")
    void unknownNamesAreQuotedSafely(String text) {
        String hostile = text + "x".repeat(1_000_000);
        assertThatThrownBy(() -> JobStatus.parse(hostile))
                .message().doesNotContain("\n").doesNotContain("\u2028").hasSizeLessThan(400);
        assertThatThrownBy(() -> ExecutionStatus.parse(hostile))
                .message().doesNotContain("\n").doesNotContain("\u2028").hasSizeLessThan(400);
    }
}
