-- OpenIoMT PostgreSQL schema v2: events raised by the detection runner (src/Iomt.Server/Detection).
-- (patient, device, kind, onset) is the event's identity: a replay after a restart raises the same event again
-- and it is ignored.
CREATE TABLE detection_event (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id      text        NOT NULL,
    device_id       text        NOT NULL,
    kind            text        NOT NULL,
    onset_time      timestamptz NOT NULL,
    raised_time     timestamptz NOT NULL,
    source_sequence bigint      NOT NULL,
    UNIQUE (patient_id, device_id, kind, onset_time)
);
CREATE INDEX detection_event_by_patient ON detection_event (patient_id, raised_time);
