-- Accounts (issue 23): people sign in with a login and a password (an Argon2id hash in Spring Security's encoded
-- form, never the password). role: the highest role (each includes the ones before it); scope_kind and
-- scope_value: what the person sees (everything; a region, a municipality by the catalog's name or alias, an
-- organization by its key). must_change = 1: a one-time password, to be changed at the next sign-in.
-- disabled_at: set while the account is disabled (its sessions and personal tokens stop working). sessions_after:
-- workspace sessions opened before this instant are over («выйти везде», a password changed or reset) — kept in the
-- store so that every server sharing it ends them.
CREATE TABLE account (
    login         VARCHAR(64)  NOT NULL PRIMARY KEY,
    display_name  TEXT         NOT NULL,
    email         TEXT,
    password_hash TEXT         NOT NULL,
    must_change   INTEGER      NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    scope_kind    VARCHAR(16)  NOT NULL,
    scope_value   TEXT,
    disabled_at   VARCHAR(32),
    sessions_after VARCHAR(32),
    created_at    VARCHAR(32)  NOT NULL,
    created_by    TEXT,
    changed_at    VARCHAR(32)  NOT NULL
);

-- Personal API tokens: only the SHA-256 of the secret is kept; a token carries its account's role and scope as they
-- are when it is used. Rows are never deleted: revoking sets revoked_at.
CREATE TABLE personal_token (
    token_id    VARCHAR(32)  NOT NULL PRIMARY KEY,
    login       VARCHAR(64)  NOT NULL REFERENCES account (login),
    name        TEXT         NOT NULL,
    digest      VARCHAR(64)  NOT NULL UNIQUE,
    created_at  VARCHAR(32)  NOT NULL,
    expires_at  VARCHAR(32),
    revoked_at  VARCHAR(32),
    revoked_by  TEXT
);

CREATE INDEX personal_token_by_login ON personal_token (login, created_at);

-- The change record: every change appended, never updated or deleted. seq counts from 1 without gaps (given by
-- the writer; a concurrent writer's clash on the key is retried), previous_hash is the entry_hash of entry seq-1
-- (64 zeros for the first), entry_hash the SHA-256 of this entry's content and previous_hash: an edited, removed or
-- inserted entry breaks the chain and `record verify` names the first broken one.
CREATE TABLE change_record (
    seq              BIGINT       NOT NULL PRIMARY KEY,
    recorded_at      VARCHAR(32)  NOT NULL,
    actor            TEXT,
    address          TEXT,
    action           VARCHAR(48)  NOT NULL,
    summary          TEXT         NOT NULL,
    detail           TEXT         NOT NULL,
    organization_key TEXT,
    municipality_key TEXT,
    previous_hash    VARCHAR(64)  NOT NULL,
    entry_hash       VARCHAR(64)  NOT NULL
);

CREATE INDEX change_record_by_municipality ON change_record (municipality_key, seq);
CREATE INDEX change_record_by_organization ON change_record (organization_key, seq);
