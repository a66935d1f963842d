-- Every rules version that served or was loaded, once, named by the version the reports carry (rules_version of
-- audit): the files of the rules directory as a zip, base64 text (portable across SQLite and PostgreSQL), with the
-- full SHA-256 of the files for the tamper check made on every read. No operation deletes a version.
CREATE TABLE rules_archive (
    rules_version  VARCHAR(100) NOT NULL PRIMARY KEY,
    content_sha256 VARCHAR(64)  NOT NULL,
    file_count     INTEGER      NOT NULL,
    archived_at    VARCHAR(32)  NOT NULL,
    files_zip      TEXT         NOT NULL
);
