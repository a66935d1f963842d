-- Remedy orders («предписания», issue 24): a numbered document an auditor issues to one organization for its open
-- violations. Numbered per year: the pair (order_year, order_number) is the primary key, so two servers on one
-- PostgreSQL can never give the same number twice (the second insert fails and is retried with the next number).
-- Everything the document prints is kept as issued (the clause's citation and quote, the facts found), so the
-- document reads the same however the rules or the organization's audits change later. Nothing is updated or deleted.
-- Dates are ISO-8601 text (yyyy-MM-dd) and instants fixed-width UTC text, as in the other tables.
CREATE TABLE remedy_order (
    order_year        INTEGER      NOT NULL,
    order_number      INTEGER      NOT NULL,
    organization_key  TEXT         NOT NULL,
    organization_name TEXT         NOT NULL,
    organization_kind VARCHAR(32),
    municipality      TEXT         NOT NULL,
    municipality_key  TEXT         NOT NULL,
    region            TEXT,
    region_key        TEXT,
    issued_on         VARCHAR(10)  NOT NULL,
    due_on            VARCHAR(10)  NOT NULL,
    authority         TEXT         NOT NULL,
    signer_position   TEXT         NOT NULL,
    signer_name       TEXT         NOT NULL,
    issued_by         TEXT         NOT NULL,
    issued_at         VARCHAR(32)  NOT NULL,
    PRIMARY KEY (order_year, order_number)
);

CREATE INDEX remedy_order_by_organization ON remedy_order (organization_key, due_on);
CREATE INDEX remedy_order_by_municipality ON remedy_order (municipality_key, issued_on);

-- One violation the order names: the clause, and the failing audit whose facts it cites (decision_id, judged_on).
CREATE TABLE remedy_order_item (
    order_year        INTEGER      NOT NULL,
    order_number      INTEGER      NOT NULL,
    position          INTEGER      NOT NULL,
    organization_key  TEXT         NOT NULL,
    decree_id         VARCHAR(100) NOT NULL,
    clause_id         VARCHAR(32)  NOT NULL,
    decision_id       VARCHAR(64)  NOT NULL,
    found_on          VARCHAR(10)  NOT NULL,
    judged_on         VARCHAR(10)  NOT NULL,
    document          TEXT         NOT NULL,
    citation          TEXT         NOT NULL,
    quote             TEXT,
    facts             TEXT         NOT NULL,
    PRIMARY KEY (order_year, order_number, position),
    FOREIGN KEY (order_year, order_number) REFERENCES remedy_order (order_year, order_number)
);

CREATE INDEX remedy_order_item_by_clause ON remedy_order_item (organization_key, decree_id, clause_id);
