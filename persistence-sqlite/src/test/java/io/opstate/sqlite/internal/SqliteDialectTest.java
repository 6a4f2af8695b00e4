package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.jdbc.SqlFailure;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class SqliteDialectTest {
    private final SqliteDialect dialect = new SqliteDialect();

    @ParameterizedTest(name = "result code {0} ({1}) is {2}")
    @CsvSource({
        "11, SQLITE_CORRUPT, CORRUPTED", "267, SQLITE_CORRUPT_VTAB, CORRUPTED",
        "523, SQLITE_CORRUPT_SEQUENCE, CORRUPTED", "779, SQLITE_CORRUPT_INDEX, CORRUPTED",
        "26, SQLITE_NOTADB, CORRUPTED", "8458, SQLITE_IOERR_CORRUPTFS, CORRUPTED",
        "5, SQLITE_BUSY, UNAVAILABLE", "6, SQLITE_LOCKED, UNAVAILABLE", "10, SQLITE_IOERR, UNAVAILABLE",
        "13, SQLITE_FULL, UNAVAILABLE", "14, SQLITE_CANTOPEN, UNAVAILABLE", "8, SQLITE_READONLY, UNAVAILABLE",
        "2067, SQLITE_CONSTRAINT_UNIQUE, DUPLICATE_KEY", "1555, SQLITE_CONSTRAINT_PRIMARYKEY, DUPLICATE_KEY",
        "787, SQLITE_CONSTRAINT_FOREIGNKEY, MISSING_REFERENCE", "1299, SQLITE_CONSTRAINT_NOTNULL, CONSTRAINT",
        "1, SQLITE_ERROR, OTHER"})
    void classifiesByResultCode(int code, SQLiteErrorCode name, SqlFailure expected) {
        SQLiteErrorCode resultCode = SQLiteErrorCode.getErrorCode(code);
        assertThat(resultCode).as("sqlite-jdbc's name of %d", code).isEqualTo(name);

        assertThat(dialect.classify(new SQLiteException("any text", resultCode))).isEqualTo(expected);
    }

    @Test
    void anotherDriversExceptionIsOtherWhateverItsText() {
        assertThat(dialect.classify(new SQLException("database disk image is malformed", null, 11)))
                .isEqualTo(SqlFailure.OTHER);
    }
}
