-- OpenIoMT SQLite schema v3: events raised by the detection runner (src/Iomt.Server/Detection).
-- (patient, device, kind, onset) is the event's identity: a replay after a restart raises the same event again
-- and it is ignored. Times are Unix microseconds like the readings'.
CREATE TABLE detection_event (
    id              INTEGER PRIMARY KEY,
    patient_id      TEXT    NOT NULL,
    device_id       TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    onset_time      INTEGER NOT NULL,
    raised_time     INTEGER NOT NULL,
    source_sequence INTEGER NOT NULL,
    UNIQUE (patient_id, device_id, kind, onset_time)
);
CREATE INDEX detection_event_by_patient ON detection_event (patient_id, raised_time);
