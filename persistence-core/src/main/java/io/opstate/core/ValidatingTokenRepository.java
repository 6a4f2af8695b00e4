package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.tokens.CreatedToken;
import io.opstate.tokens.NewToken;
import io.opstate.tokens.Token;
import io.opstate.tokens.TokenRepository;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the arguments of every {@link TokenRepository} call, then delegates. A secret is only
 * required to be non-null: anything else that is not a valid secret simply does not verify, the
 * same way an unknown one does.
 */
final class ValidatingTokenRepository implements TokenRepository {
    private final TokenRepository backend;

    ValidatingTokenRepository(TokenRepository backend) {
        this.backend = backend;
    }

    @Override
    public CreatedToken create(NewToken token) {
        Checks.required("token", token);
        TextChecks.name("name", token.name());
        Set<String> scopes = TextChecks.names("scopes", token.scopes());
        for (String scope : scopes) {
            if (scope.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidInputException("scopes", "must not contain whitespace, got a scope with some");
            }
        }
        return backend.create(new NewToken(token.name(), scopes, Checks.instant("expiresAt", token.expiresAt())));
    }

    @Override
    public Optional<Token> verify(String secret) {
        return backend.verify(Checks.required("secret", secret));
    }

    @Override
    public Optional<Token> find(String id) {
        return KeyReads.find("id", id, backend::find);
    }

    @Override
    public Token get(String id) {
        return KeyReads.get("id", "token", id, backend::get);
    }

    @Override
    public boolean revoke(String id) {
        return backend.revoke(TextChecks.name("id", id));
    }

    @Override
    public Page<Token> list(PageRequest page) {
        return backend.list(Checks.page(page, false));
    }
}
