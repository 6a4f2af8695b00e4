-- API tokens and preferences (issue 19). New tables only: no existing row changes.
--
-- A token's secret is never stored: secret_hash is the hex HMAC-SHA256 of it under the
-- configured pepper (SHA-256 without one). Scopes are stored sorted and joined by single spaces.
-- Verification looks a token up by its id, which the secret carries, so no index on the hash.

CREATE TABLE opstate_tokens (
    id           text COLLATE "C" NOT NULL PRIMARY KEY,
    name         text        NOT NULL,
    scopes       text COLLATE "C" NOT NULL,
    secret_hash  text COLLATE "C" NOT NULL CHECK (length(secret_hash) = 64),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- list tokens in (created_at, id) order.
CREATE INDEX opstate_tokens_created ON opstate_tokens (created_at, id);

-- Preferences (issue 19): JSON documents by owner and key. A preference of no one has the empty
-- owner (an owner given is never empty), so (owner, pref_key) is a plain unique key on both
-- dialects, with no NULL in it.
CREATE TABLE opstate_preferences (
    owner      text COLLATE "C" NOT NULL,
    pref_key   text COLLATE "C" NOT NULL,
    document   jsonb       NOT NULL,
    version    bigint      NOT NULL CHECK (version >= 1),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (owner, pref_key)
);

-- list an owner's preferences in (created_at, pref_key) order.
CREATE INDEX opstate_preferences_owner_created ON opstate_preferences (owner, created_at, pref_key);
