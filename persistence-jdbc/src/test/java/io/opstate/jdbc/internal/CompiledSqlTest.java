package io.opstate.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.TimeSource;
import io.opstate.jdbc.SearchDialect;
import io.opstate.jdbc.SqlDialect;
import io.opstate.jdbc.SqlFailure;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompiledSqlTest {
    private static final SqlDialect SERVER_CLOCK = new SqlDialect() {
        @Override
        public SearchDialect search() {
            return null;
        }

        @Override
        public io.opstate.jdbc.MaintenanceDialect maintenance() {
            return null;
        }

        @Override
        public int timeSqlType() {
            return Types.TIMESTAMP_WITH_TIMEZONE;
        }

        @Override
        public void setTime(PreparedStatement statement, int index, Instant value) {
        }

        @Override
        public Instant getTime(ResultSet row, String column) {
            return null;
        }

        @Override
        public String claimLockClause() {
            return "";
        }

        @Override
        public String rowLockClause() {
            return "";
        }

        @Override
        public String jsonFieldsMatch(String column, String filterParameter) {
            return "";
        }

        @Override
        public String claimToken(String rank) {
            return "0";
        }

        @Override
        public boolean claimTokensNeedAdvancing() {
            return false;
        }

        @Override
        public String advanceClaimTokens() {
            return "";
        }

        @Override
        public String databaseTime() {
            return "statement_timestamp()";
        }

        @Override
        public String databaseTimePlusMicros(String microsParameter) {
            return "statement_timestamp() + " + microsParameter + " * interval '1 microsecond'";
        }

        @Override
        public String millisBetween(String from, String to) {
            return "0";
        }

        @Override
        public String microsBetween(String from, String to) {
            return "0";
        }

        @Override
        public SqlFailure classify(SQLException exception) {
            return SqlFailure.OTHER;
        }
    };

    private static StoreTime time(TimeSource source) {
        return StoreTime.of(source, Clock.systemUTC(), SERVER_CLOCK);
    }

    @Test
    void namedParametersBecomePositionsAndRepeatedNamesKeepEveryPosition() {
        CompiledSql sql = CompiledSql.of("UPDATE t SET a = :a, b = COALESCE(:b, b) WHERE id = :id AND a <> :a",
                time(TimeSource.HOST));

        assertThat(sql.jdbc()).isEqualTo("UPDATE t SET a = ?, b = COALESCE(?, b) WHERE id = ? AND a <> ?");
        assertThat(sql.positions("a")).containsExactly(1, 4);
        assertThat(sql.positions("b")).containsExactly(2);
        assertThat(sql.positions("id")).containsExactly(3);
        assertThat(sql.parameters()).as("placeholders, a repeated name counted at each place").isEqualTo(4);
    }

    @Test
    void quotedTextAndCastsAreNotParameters() {
        CompiledSql sql = CompiledSql.of("SELECT ':not' AS x, y::text, CAST(:json AS jsonb) FROM t WHERE s = 'a:b'",
                time(TimeSource.HOST));

        assertThat(sql.jdbc()).isEqualTo("SELECT ':not' AS x, y::text, CAST(? AS jsonb) FROM t WHERE s = 'a:b'");
        assertThat(sql.has("not")).isFalse();
        assertThat(sql.has("text")).isFalse();
        assertThat(sql.positions("json")).containsExactly(1);
        assertThat(sql.parameters()).isEqualTo(1);
    }

    @Test
    void timeAttributesFollowTheStoresTimeSource() {
        String statement = "UPDATE opstate_jobs SET updated_at = <now>, lease_expires_at = <leaseUntil>";

        assertThat(CompiledSql.of(statement, time(TimeSource.HOST)).jdbc())
                .isEqualTo("UPDATE opstate_jobs SET updated_at = ?, lease_expires_at = ?");
        CompiledSql database = CompiledSql.of(statement, time(TimeSource.DATABASE));
        assertThat(database.jdbc()).isEqualTo("UPDATE opstate_jobs SET updated_at = statement_timestamp(),"
                + " lease_expires_at = statement_timestamp() + ? * interval '1 microsecond'");
        assertThat(database.positions("leaseMicros")).containsExactly(1);
    }

    @Test
    void anUnknownParameterIsABugNamedInTheMessage() {
        CompiledSql sql = CompiledSql.of("SELECT 1 WHERE id = :id", time(TimeSource.HOST));

        assertThatThrownBy(() -> sql.positions("other")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(":other");
    }
}
