package io.opstate.tck;

import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.tokens.CreatedToken;
import io.opstate.tokens.NewToken;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The token entry points with hostile names, scopes, expiries, secrets, ids and pages. The seeded
 * store holds no token: whatever passes validation creates one (rolled back), verifies nothing,
 * revokes nothing and lists nothing, never an error of the database.
 */
final class HostileTokenCalls {
    /** Shaped like a secret (prefix, an id, 43 characters), naming no token. */
    private static final String WELL_FORMED = "ost_00000000-0000-7000-8000-000000000000_" + "A".repeat(43);

    private HostileTokenCalls() {
    }

    static Map<String, Function<HostileRecords, HostileCall>> all() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("tokens().create", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            NewToken token = new NewToken(
                    plan.field(0, "name", r.values()::name, "ci"),
                    plan.field(1, "scopes", r.values()::names, Set.of("read")),
                    plan.field(2, "expiresAt", r.values()::instant, (Instant) null));
            return HostileCall.writing("create(NewToken(" + plan.label() + "))", s -> s.tokens().create(token),
                    Outcome.returns("a token with a secret", created -> created instanceof CreatedToken c
                            && c.token().name().equals(token.name())));
        });
        calls.put("tokens().verify", r -> {
            Hostile<String> secret = r.values().chance(20) ? Hostile.of(WELL_FORMED, "a well-formed unknown secret")
                    : r.values().text();
            return HostileCall.reading("verify(" + secret + ")", s -> s.tokens().verify(secret.value()),
                    Outcome.returns("empty", found -> ((Optional<?>) found).isEmpty()));
        });
        HostileCommonCalls.addKeyed(calls, "tokens()", id -> false, (s, id) -> s.tokens().find(id),
                (s, id) -> s.tokens().get(id), null);
        calls.put("tokens().revoke", r -> {
            Hostile<String> id = r.values().name();
            return HostileCall.writing("revoke(" + id + ")", s -> s.tokens().revoke(id.value()),
                    Outcome.returns("false", Boolean.FALSE::equals));
        });
        calls.put("tokens().list", r -> {
            Hostile<PageRequest> page = r.page(null, false);
            return HostileCall.reading("list(" + page + ")", s -> s.tokens().list(page.value()),
                    Outcome.returns("an empty page", result -> ((Page<?>) result).items().isEmpty()));
        });
        return calls;
    }
}
