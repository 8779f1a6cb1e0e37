-- OpenIoMT SQLite schema v5: the streams each detection consumer follows, saved with its checkpoint
-- (DetectionCheckpoint), so that after a restart it resumes them and notices a device that stopped meanwhile.
-- last_time is the device time (Unix microseconds) of the last reading processed.
CREATE TABLE detection_stream (
    consumer    TEXT    NOT NULL,
    patient_id  TEXT    NOT NULL,
    device_id   TEXT    NOT NULL,
    code_system TEXT    NOT NULL,
    code        TEXT    NOT NULL,
    last_time   INTEGER NOT NULL,
    PRIMARY KEY (consumer, patient_id, device_id, code_system, code)
) WITHOUT ROWID;
CREATE INDEX detection_stream_by_time ON detection_stream (consumer, last_time);
