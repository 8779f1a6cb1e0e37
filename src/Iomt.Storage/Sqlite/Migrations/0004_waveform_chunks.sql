-- OpenIoMT SQLite schema v4: waveform chunks (IWaveformStore). Samples are the raw integers, 4 bytes each,
-- little-endian; physical value = offset + gain * sample. Times are Unix microseconds. `channel` is the
-- interleaved dimension of a multi-dimensional signal (e.g. an accelerometer's x, y, z), 0 for a single one.
CREATE TABLE waveform_chunk (
    id           INTEGER PRIMARY KEY,
    device_id    TEXT    NOT NULL,
    patient_id   TEXT,
    code_system  TEXT    NOT NULL,
    code         TEXT    NOT NULL,
    channel      INTEGER NOT NULL,
    start_time   INTEGER NOT NULL,
    sample_rate  REAL    NOT NULL,
    gain         REAL    NOT NULL,
    offset_value REAL    NOT NULL,
    unit         TEXT    NOT NULL,
    samples      BLOB    NOT NULL,
    UNIQUE (device_id, code_system, code, channel, start_time)
);
CREATE INDEX waveform_chunk_by_patient ON waveform_chunk (patient_id, start_time);
