package io.opstate.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.jdbc.SqlFailure;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresDialectTest {
    private final PostgresDialect dialect = new PostgresDialect();

    @ParameterizedTest(name = "SQLState {0} is {1}")
    @CsvSource({
        "23505, DUPLICATE_KEY", "23503, MISSING_REFERENCE", "23514, CONSTRAINT", "23502, CONSTRAINT",
        "08006, UNAVAILABLE", "08001, UNAVAILABLE", "57P01, UNAVAILABLE", "57P02, UNAVAILABLE", "57P03, UNAVAILABLE",
        "53300, UNAVAILABLE", "53100, UNAVAILABLE", "58030, UNAVAILABLE", "57014, UNAVAILABLE", "55P03, UNAVAILABLE",
        "40001, UNAVAILABLE", "40P01, UNAVAILABLE", "XX001, CORRUPTED", "XX002, CORRUPTED",
        "42P01, OTHER", "22P02, OTHER", "XX000, OTHER"})
    void classifiesBySqlState(String state, SqlFailure expected) {
        assertThat(dialect.classify(new SQLException("any text", state))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "no usable SQLState: [{0}]")
    @CsvSource(value = {"NULL", "''", "235"}, nullValues = "NULL")
    void withoutSqlStateIsOther(String state) {
        assertThat(dialect.classify(new SQLException("duplicate key value violates unique constraint", state)))
                .isEqualTo(SqlFailure.OTHER);
    }

    @ParameterizedTest(name = "SQLState {0} aborted by a conflict: {1}")
    @CsvSource({"40P01, true", "40001, true", "55P03, false", "57014, false", "23505, false", "08006, false"})
    void deadlocksAndSerializationFailuresAreConflictsThatRunAgain(String state, boolean conflict) {
        assertThat(dialect.abortedByConflict(new SQLException("any text", state))).isEqualTo(conflict);
    }
}
