-- OpenIoMT PostgreSQL schema v4: the streams each detection consumer follows, saved with its checkpoint
-- (DetectionCheckpoint), so that after a restart it resumes them and notices a device that stopped meanwhile.
-- last_time is the device time of the last reading processed.
CREATE TABLE detection_stream (
    consumer    text        NOT NULL,
    patient_id  text        NOT NULL,
    device_id   text        NOT NULL,
    code_system text        NOT NULL,
    code        text        NOT NULL,
    last_time   timestamptz NOT NULL,
    PRIMARY KEY (consumer, patient_id, device_id, code_system, code)
);
CREATE INDEX detection_stream_by_time ON detection_stream (consumer, last_time);
