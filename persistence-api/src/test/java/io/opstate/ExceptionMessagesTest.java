package io.opstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExceptionMessagesTest {
    /** Valid as an id (no control character), yet a line break to many log viewers. */
    private static final String ID = "a\u2028INFO forged" + "x".repeat(180);

    @Test
    @DisplayName("messages quote ids escaped and cut; the accessors keep them whole")
    void idsAreQuotedSafely() {
        List<PersistenceException> exceptions = List.of(
                new NotFoundException("job", ID),
                new DuplicateKeyException("job", ID),
                new StaleVersionException("job", ID, 3),
                new LeaseLostException(ID, 7),
                new IllegalTransitionException("job", ID, "queued", "succeeded", "not running"));
        for (PersistenceException e : exceptions) {
            assertThat(e.getMessage()).as(e.getClass().getSimpleName())
                    .doesNotContain("\u2028").contains("a\\u2028INFO forged").contains("more characters")
                    .hasSizeLessThan(300);
        }
        assertThat(((NotFoundException) exceptions.get(0)).id()).isEqualTo(ID);
        assertThat(((ConflictException) exceptions.get(1)).id()).isEqualTo(ID);
        assertThat(new NotFoundException("job", "j1").getMessage()).isEqualTo("job 'j1' does not exist");
    }
}
