-- The batch journal (issue 14, finding 5): every streamed batch of POST /api/v1/audits/batch with its totals, and
-- per line the decision id of its stored audit or its errors, written as lines are committed, so a client that
-- lost the stream (slow reader cut off, network gone) can fetch what became of each line by the batch id.
CREATE TABLE batch (
    batch_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    submitted_by  TEXT,
    started_at    VARCHAR(32) NOT NULL,
    finished_at   VARCHAR(32),
    lines         BIGINT,
    blank         BIGINT,
    audited       BIGINT,
    invalid       BIGINT,
    failed        BIGINT,
    stored        BIGINT,
    aborted       TEXT
);

CREATE TABLE batch_line (
    batch_id     VARCHAR(64) NOT NULL,
    line_no      BIGINT      NOT NULL,
    status       VARCHAR(16) NOT NULL,
    decision_id  VARCHAR(64),
    errors       TEXT,
    PRIMARY KEY (batch_id, line_no)
);
