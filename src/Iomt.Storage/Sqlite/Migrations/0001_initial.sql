-- OpenIoMT SQLite schema v1. Released: never edit; add 0002_*.sql instead.
-- Times are integer microseconds since 1970-01-01 UTC. See docs/adr/0002-deduplication-and-storage-layout.md.

-- Append-only: seq is the rowid, assigned densely at commit by the single writer, so every insert goes to the
-- right edge of ONE B-tree. No secondary index is maintained per row (each one cost 5-8x in throughput).
CREATE TABLE reading (
    seq           INTEGER PRIMARY KEY,
    key_hash      INTEGER NOT NULL,
    device_id     TEXT    NOT NULL,
    message_id    TEXT    NOT NULL,
    patient_id    TEXT,
    code_system   TEXT    NOT NULL,
    code          TEXT    NOT NULL,
    value         REAL,
    components    TEXT,
    unit          TEXT    NOT NULL,
    device_time   INTEGER NOT NULL,
    received_time INTEGER NOT NULL,
    marks         INTEGER NOT NULL
);

-- Durable indexes built by deferred, sorted merges of the recent tail (seq > merged_through). The tail is
-- indexed in memory and rebuilt from `reading` at start.
CREATE TABLE reading_key (
    key_hash INTEGER NOT NULL,
    seq      INTEGER NOT NULL,
    PRIMARY KEY (key_hash, seq)
) WITHOUT ROWID;

CREATE TABLE reading_patient (
    patient_id  TEXT    NOT NULL,
    device_time INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (patient_id, device_time, seq)
) WITHOUT ROWID;

CREATE TABLE index_state (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    merged_through INTEGER NOT NULL
);
INSERT INTO index_state (id, merged_through) VALUES (1, 0);

CREATE TABLE dead_letter (
    id            INTEGER PRIMARY KEY,
    source        TEXT    NOT NULL,
    device_id     TEXT,
    message_id    TEXT,
    field         TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    payload       TEXT    NOT NULL,
    received_time INTEGER NOT NULL
);
CREATE INDEX dead_letter_by_device ON dead_letter (device_id, id);

CREATE TABLE patient (
    id           TEXT PRIMARY KEY,
    display_name TEXT,
    birth_date   TEXT,
    created_at   INTEGER
);

CREATE TABLE device (
    id           TEXT PRIMARY KEY,
    kind         TEXT,
    manufacturer TEXT,
    model        TEXT,
    created_at   INTEGER
);

CREATE TABLE device_binding (
    id         INTEGER PRIMARY KEY,
    device_id  TEXT    NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    patient_id TEXT    NOT NULL,
    from_time  INTEGER NOT NULL,
    to_time    INTEGER
);
CREATE INDEX device_binding_by_device ON device_binding (device_id, from_time);

CREATE TABLE checkpoint (
    consumer TEXT PRIMARY KEY,
    sequence INTEGER NOT NULL
);
