-- Every audit the service answered, one row each, for SQLite and PostgreSQL alike (portable SQL only).
-- Dates are ISO-8601 text (yyyy-MM-dd) and submitted_at a fixed-width UTC instant, so text order is time order;
-- facts and report are kept as the exact JSON text submitted and answered.
CREATE TABLE audit (
    decision_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    organization_key   TEXT        NOT NULL,
    organization_name  TEXT        NOT NULL,
    organization_kind  VARCHAR(32) NOT NULL,
    region             TEXT,
    municipality       TEXT        NOT NULL,
    municipality_key   TEXT        NOT NULL,
    as_of              VARCHAR(10) NOT NULL,
    period_from        VARCHAR(10),
    period_to          VARCHAR(10),
    status             VARCHAR(32) NOT NULL,
    rules_version      VARCHAR(100) NOT NULL,
    submitted_at       VARCHAR(32) NOT NULL,
    submitted_by       TEXT,
    uses_platform      BOOLEAN,
    current_indicators TEXT,
    weekly_analyses    TEXT,
    monthly_reports    TEXT,
    facts              TEXT        NOT NULL,
    report             TEXT        NOT NULL
);

CREATE INDEX audit_by_organization ON audit (organization_key, as_of);
CREATE INDEX audit_by_municipality ON audit (municipality_key, as_of);
