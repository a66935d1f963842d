-- Monitoring rounds (issue 24): an authority asks organizations for the facts of one period (a week Mon–Sun or a
-- calendar month) by a due date; each answer is a stored audit linked to the round, every version kept.
-- Portable SQL for SQLite and PostgreSQL: ids are text made by the service, dates ISO-8601 text, instants
-- fixed-width UTC text (text order is time order), as in the other tables. Nothing is ever deleted.
CREATE TABLE monitoring_round (
    round_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    series_id         VARCHAR(64)  NOT NULL,
    name              TEXT         NOT NULL,
    cadence           VARCHAR(8)   NOT NULL,
    period_from       VARCHAR(10)  NOT NULL,
    period_to         VARCHAR(10)  NOT NULL,
    due_on            VARCHAR(10)  NOT NULL,
    repeats           BOOLEAN      NOT NULL,
    region            TEXT,
    municipality      TEXT         NOT NULL,
    municipality_key  TEXT         NOT NULL,
    opened_by         TEXT         NOT NULL,
    opened_at         VARCHAR(32)  NOT NULL,
    closed_by         TEXT,
    closed_at         VARCHAR(32),
    -- one round per period of a schedule: two servers opening the next round of a series at once make one
    CONSTRAINT monitoring_round_one_per_period UNIQUE (series_id, period_from)
);

CREATE INDEX monitoring_round_by_municipality ON monitoring_round (municipality_key, period_from);

-- The organizations a round asks, in the order asked, with the contact address given for it (an uploaded list).
CREATE TABLE round_organization (
    round_id           VARCHAR(64) NOT NULL REFERENCES monitoring_round (round_id),
    organization_key   TEXT        NOT NULL,
    position           INTEGER     NOT NULL,
    organization_id    TEXT,
    organization_name  TEXT        NOT NULL,
    organization_kind  VARCHAR(32) NOT NULL,
    region             TEXT,
    municipality       TEXT        NOT NULL,
    contact_email      TEXT,
    PRIMARY KEY (round_id, organization_key)
);

CREATE INDEX round_organization_by_key ON round_organization (organization_key);

-- Every answer of an organization to a round, each correction a new version (1, 2, …) naming its stored audit.
-- on_behalf: an auditor answered for the organization; via: form, workbook or api.
CREATE TABLE round_answer (
    round_id          VARCHAR(64) NOT NULL REFERENCES monitoring_round (round_id),
    organization_key  TEXT        NOT NULL,
    version           INTEGER     NOT NULL,
    decision_id       VARCHAR(64) NOT NULL,
    answered_by       TEXT        NOT NULL,
    on_behalf         BOOLEAN     NOT NULL,
    via               VARCHAR(16) NOT NULL,
    answered_at       VARCHAR(32) NOT NULL,
    PRIMARY KEY (round_id, organization_key, version)
);

-- Reminders sent (or listed) for a round: to whom, when, by whom, and whether the mail server took it.
CREATE TABLE round_reminder (
    round_id          VARCHAR(64) NOT NULL REFERENCES monitoring_round (round_id),
    organization_key  TEXT        NOT NULL,
    address           TEXT        NOT NULL,
    sent_at           VARCHAR(32) NOT NULL,
    sent_by           TEXT        NOT NULL,
    outcome           TEXT        NOT NULL
);

CREATE INDEX round_reminder_by_round ON round_reminder (round_id, organization_key);
