package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.tokens.CreatedToken;
import io.opstate.tokens.NewToken;
import io.opstate.tokens.Token;
import io.opstate.tokens.TokenRepository;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * API tokens: the secret shown once and never again, verification that answers unknown, revoked
 * and expired secrets alike, last-used times written at most once per interval (the default,
 * 60 s), revocation and listing.
 */
public abstract class TokenContract extends TckSupport {
    private static final String SECRET_FORMAT = "ost_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}";

    private TokenRepository tokens() {
        return store.tokens();
    }

    @Test
    @DisplayName("create: a new id, the secret once, stamped now; reads never show the secret")
    void create() {
        CreatedToken created = tokens().create(NewToken.of("deploy bot", Set.of("jobs:write", "jobs:read")));
        Token token = created.token();
        assertThat(created.secret()).matches(SECRET_FORMAT).contains(token.id());
        assertThat(token.name()).isEqualTo("deploy bot");
        assertThat(token.scopes()).containsExactlyInAnyOrder("jobs:read", "jobs:write");
        assertThat(token.createdAt()).isEqualTo(T0);
        assertThat(token.expiresAt()).isNull();
        assertThat(token.lastUsedAt()).isNull();
        assertThat(token.revokedAt()).isNull();
        assertThat(tokens().get(token.id())).isEqualTo(token);
        assertThat(tokens().find(token.id())).contains(token);
        assertThat(tokens().list(PageRequest.first(10)).items()).containsExactly(token);

        String randomPart = created.secret().substring(("ost_" + token.id() + "_").length());
        assertThat(created.toString()).doesNotContain(created.secret()).doesNotContain(randomPart);
        assertThat(token.toString()).doesNotContain(randomPart);
        assertThat(tokens().get(token.id()).toString()).doesNotContain(randomPart);
    }

    @Test
    @DisplayName("create: every secret differs, and no scopes is allowed")
    void secretsDiffer() {
        CreatedToken one = tokens().create(NewToken.of("a", null));
        CreatedToken two = tokens().create(NewToken.of("a", Set.of()));
        assertThat(one.secret()).isNotEqualTo(two.secret());
        assertThat(one.token().id()).isNotEqualTo(two.token().id());
        assertThat(one.token().scopes()).isEmpty();
        assertThat(tokens().verify(two.secret())).map(Token::scopes).contains(Set.of());
    }

    @Test
    @DisplayName("verify: the secret gives its token and scopes, and stamps its first use")
    void verify() {
        CreatedToken created = tokens().create(NewToken.of("ci", Set.of("read")));
        var later = advance(Duration.ofMinutes(1));
        Optional<Token> verified = tokens().verify(created.secret());
        assertThat(verified).map(Token::id).contains(created.token().id());
        assertThat(verified.orElseThrow().scopes()).containsExactly("read");
        assertThat(verified.orElseThrow().lastUsedAt()).isEqualTo(later);
        assertThat(tokens().get(created.token().id()).lastUsedAt()).isEqualTo(later);
    }

    @Test
    @DisplayName("verify: wrong, unknown, malformed and hostile secrets are all just empty")
    void verifyRejectsWithoutSaying() {
        CreatedToken created = tokens().create(NewToken.of("ci", Set.of("read")));
        String secret = created.secret();
        char last = secret.charAt(secret.length() - 1);
        String otherLast = secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');
        String otherId = secret.replace(created.token().id(), "00000000-0000-7000-8000-000000000000");
        for (String presented : List.of(otherLast, otherId, "", "ost_", secret + "x", secret.substring(1),
                secret.replace('_', '\0'), secret.toUpperCase(), "x".repeat(100_000),
                created.token().id(), secret.substring(0, secret.length() - 1) + "\0")) {
            assertThat(tokens().verify(presented)).as("verify(%s...)", presented.length()).isEmpty();
        }
        assertThat(tokens().get(created.token().id()).lastUsedAt()).isNull();
    }

    @Test
    @DisplayName("verify: a revoked token no longer verifies; revoke says whether it revoked")
    void revoke() {
        CreatedToken created = tokens().create(NewToken.of("ci", Set.of("read")));
        var later = advance(Duration.ofSeconds(5));
        assertThat(tokens().revoke(created.token().id())).isTrue();
        assertThat(tokens().verify(created.secret())).isEmpty();
        assertThat(tokens().get(created.token().id()).revokedAt()).isEqualTo(later);
        advance(Duration.ofSeconds(5));
        assertThat(tokens().revoke(created.token().id())).isFalse();
        assertThat(tokens().get(created.token().id()).revokedAt()).isEqualTo(later);
        assertThat(tokens().revoke("00000000-0000-7000-8000-000000000000")).isFalse();
    }

    @Test
    @DisplayName("verify: a token verifies until just before its expiry, not at or after it")
    void expiry() {
        CreatedToken created = tokens().create(NewToken.of("ci", Set.of("read"))
                .withExpiresAt(T0.plus(Duration.ofHours(1))));
        assertThat(created.token().expiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        advance(Duration.ofHours(1).minusNanos(1_000));
        assertThat(tokens().verify(created.secret())).isPresent();
        advance(Duration.ofNanos(1_000));
        assertThat(tokens().verify(created.secret())).isEmpty();
        assertThat(tokens().find(created.token().id())).isPresent();
    }

    @Test
    @DisplayName("last used: written at most once per interval (60 s by default), not on every verification")
    void lastUsedThrottled() {
        CreatedToken created = tokens().create(NewToken.of("ci", Set.of("read")));
        String id = created.token().id();
        tokens().verify(created.secret());
        advance(Duration.ofSeconds(30));
        assertThat(tokens().verify(created.secret()).orElseThrow().lastUsedAt()).isEqualTo(T0);
        advance(Duration.ofSeconds(30));
        assertThat(tokens().verify(created.secret()).orElseThrow().lastUsedAt()).isEqualTo(T0);
        assertThat(tokens().get(id).lastUsedAt()).isEqualTo(T0);
        var later = advance(Duration.ofSeconds(1));
        assertThat(tokens().verify(created.secret()).orElseThrow().lastUsedAt()).isEqualTo(later);
        assertThat(tokens().get(id).lastUsedAt()).isEqualTo(later);
    }

    @Test
    @DisplayName("last used: concurrent verifications all succeed and leave one time")
    void concurrentVerifications() throws Exception {
        CreatedToken created = tokens().create(NewToken.of("ci", Set.of("read")));
        var later = advance(Duration.ofMinutes(5));
        List<Optional<Token>> results = onAllThreads(() -> tokens().verify(created.secret()));
        assertThat(results).allSatisfy(result -> assertThat(result).isPresent());
        assertThat(tokens().get(created.token().id()).lastUsedAt()).isEqualTo(later);
    }

    @Test
    @DisplayName("list: newest first by default, paged by cursor; revoked and expired included")
    void list() {
        Token first = tokens().create(NewToken.of("one", null)).token();
        advance(Duration.ofSeconds(1));
        Token second = tokens().create(NewToken.of("two", null)).token();
        advance(Duration.ofSeconds(1));
        Token third = tokens().create(NewToken.of("three", null)).token();
        tokens().revoke(second.id());
        Page<Token> page = tokens().list(PageRequest.first(2));
        assertThat(page.items()).extracting(Token::id).containsExactly(third.id(), second.id());
        Page<Token> next = tokens().list(PageRequest.first(2).after(page.nextCursor()));
        assertThat(next.items()).extracting(Token::id).containsExactly(first.id());
        assertThat(next.nextCursor()).isNull();
    }

    @Test
    @DisplayName("get: an unknown id is NotFoundException; find is empty")
    void unknown() {
        assertThatThrownBy(() -> tokens().get("00000000-0000-7000-8000-000000000000"))
                .isInstanceOf(NotFoundException.class);
        assertThat(tokens().find("nope")).isEmpty();
    }

    @Test
    @DisplayName("bad input: typed error naming the field, nothing written")
    void badInput() {
        assertRejected("name", () -> tokens().create(NewToken.of("x".repeat(201), Set.of())));
        assertRejected("name", () -> tokens().create(NewToken.of("bad\0name", Set.of())));
        assertRejected("name", () -> tokens().create(NewToken.of(" ", Set.of())));
        assertRejected("scopes", () -> tokens().create(NewToken.of("n", Set.of("two words"))));
        assertRejected("scopes", () -> tokens().create(NewToken.of("n", Set.of("nul\0"))));
        assertRejected("scopes", () -> tokens().create(NewToken.of("n", Set.of("s".repeat(201)))));
        assertRejected("token", () -> tokens().create(null));
        assertRejected("secret", () -> tokens().verify(null));
        assertRejected("id", () -> tokens().revoke(null));
        assertRejected("id", () -> tokens().revoke("bad\0id"));
        assertThat(tokens().list(PageRequest.first(10)).items()).isEmpty();
    }
}
