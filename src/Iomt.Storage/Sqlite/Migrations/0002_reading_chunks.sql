-- OpenIoMT SQLite schema v2: readings are stored in chunks (docs/adr/0004-reading-chunks.md).
-- A chunk is the readings of one device and patient committed in one transaction, with consecutive sequences
-- first_seq .. first_seq + count - 1; the payload format is ReadingChunkCodec's. One row per chunk instead of one per
-- reading: SQLite's cost is per row, and the per-row insert was most of the store's CPU.
-- Rows of the v1 `reading` table are converted by the store right after this script (SqliteStore.Legacy.cs).
CREATE TABLE reading_chunk (
    first_seq  INTEGER PRIMARY KEY,
    count      INTEGER NOT NULL,
    device_id  TEXT    NOT NULL,
    patient_id TEXT,
    min_time   INTEGER NOT NULL,
    max_time   INTEGER NOT NULL,
    payload    BLOB    NOT NULL
);

-- The durable patient index, one entry per chunk, built by the deferred merges like reading_key (whose entries
-- stay one per reading: (key_hash, seq)). A chart reads the chunks whose time range meets the requested one.
CREATE TABLE chunk_patient (
    patient_id TEXT    NOT NULL,
    max_time   INTEGER NOT NULL,
    first_seq  INTEGER NOT NULL,
    PRIMARY KEY (patient_id, max_time, first_seq)
) WITHOUT ROWID;
