-- OpenIoMT PostgreSQL schema v3: waveform chunks (IWaveformStore). Samples are the raw integers, 4 bytes each,
-- little-endian; physical value = offset + gain * sample. `channel` is the interleaved dimension of a
-- multi-dimensional signal (e.g. an accelerometer's x, y, z), 0 for a single one.
CREATE TABLE waveform_chunk (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id    text             NOT NULL,
    patient_id   text,
    code_system  text             NOT NULL,
    code         text             NOT NULL,
    channel      integer          NOT NULL,
    start_time   timestamptz      NOT NULL,
    sample_rate  double precision NOT NULL,
    gain         double precision NOT NULL,
    offset_value double precision NOT NULL,
    unit         text             NOT NULL,
    samples      bytea            NOT NULL,
    UNIQUE (device_id, code_system, code, channel, start_time)
);
CREATE INDEX waveform_chunk_by_patient ON waveform_chunk (patient_id, start_time);
