package io.opstate.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqliteLocationTest {
    @Test
    void relativeAndAbsolutePaths() {
        assertThat(SqliteLocation.parse("jdbc:sqlite:/var/lib/app/state.db").file())
                .isEqualTo(Path.of("/var/lib/app/state.db"));
        assertThat(SqliteLocation.parse("jdbc:sqlite:data/app.db").file())
                .isEqualTo(Path.of("data/app.db").toAbsolutePath().normalize());
    }

    @Test
    void wrappedUrlsName_theSameFile() {
        assertThat(SqliteLocation.parse("jdbc:p6spy:sqlite:/tmp/a.db").file()).isEqualTo(Path.of("/tmp/a.db"));
        assertThat(SqliteLocation.parse("JDBC:SQLITE:/tmp/a.db").file()).isEqualTo(Path.of("/tmp/a.db"));
    }

    @Test
    void emptyPathAndMemoryAskForATemporaryStore() {
        assertThat(SqliteLocation.parse("jdbc:sqlite:").temporary()).isTrue();
        assertThat(SqliteLocation.parse("jdbc:sqlite::memory:").temporary()).isTrue();
        assertThat(SqliteLocation.parse("jdbc:sqlite:a.db").temporary()).isFalse();
    }

    @Test
    void parametersAndFileUrisAreRefusedNamingTheUrlSetting() {
        assertThatThrownBy(() -> SqliteLocation.parse("jdbc:sqlite:a.db?journal_mode=DELETE"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("opstate.url"));
        assertThatThrownBy(() -> SqliteLocation.parse("jdbc:sqlite:file:a.db"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SqliteLocation.parse("jdbc:postgresql://h/db"))
                .isInstanceOf(InvalidInputException.class);
    }
}
