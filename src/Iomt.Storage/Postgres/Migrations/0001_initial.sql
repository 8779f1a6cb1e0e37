-- OpenIoMT PostgreSQL schema v1. Released: never edit; add 0002_*.sql instead.
-- See docs/adr/0002-deduplication-and-storage-layout.md.

-- Idempotency keys for the store's whole lifetime. Not partitioned: a unique index on a partitioned table
-- must include the partition key, which would make (device, message) unique only per time range.
CREATE TABLE reading_key (
    device_id  text   NOT NULL,
    message_id text   NOT NULL,
    seq        bigint NOT NULL,
    PRIMARY KEY (device_id, message_id)
);

-- Readings, range-partitioned by device time: monthly partitions are created on demand by the store,
-- anything outside them (implausible clocks) lands in the default partition.
CREATE TABLE reading (
    seq           bigint           NOT NULL,
    device_id     text             NOT NULL,
    message_id    text             NOT NULL,
    patient_id    text,
    code_system   text             NOT NULL,
    code          text             NOT NULL,
    value         double precision,
    components    text,
    unit          text             NOT NULL,
    device_time   timestamptz      NOT NULL,
    received_time timestamptz      NOT NULL,
    marks         integer          NOT NULL
) PARTITION BY RANGE (device_time);

CREATE TABLE reading_default PARTITION OF reading DEFAULT;
CREATE INDEX reading_by_seq ON reading (seq);
CREATE INDEX reading_by_patient ON reading (patient_id, device_time);

CREATE TABLE dead_letter (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source        text        NOT NULL,
    device_id     text,
    message_id    text,
    field         text        NOT NULL,
    reason        text        NOT NULL,
    payload       text        NOT NULL,
    received_time timestamptz NOT NULL
);
CREATE INDEX dead_letter_by_device ON dead_letter (device_id, id);

CREATE TABLE patient (
    id           text PRIMARY KEY,
    display_name text,
    birth_date   date,
    created_at   timestamptz
);

CREATE TABLE device (
    id           text PRIMARY KEY,
    kind         text,
    manufacturer text,
    model        text,
    created_at   timestamptz
);

CREATE TABLE device_binding (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id  text        NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    patient_id text        NOT NULL,
    from_time  timestamptz NOT NULL,
    to_time    timestamptz
);
CREATE INDEX device_binding_by_device ON device_binding (device_id, from_time);

CREATE TABLE checkpoint (
    consumer text PRIMARY KEY,
    sequence bigint NOT NULL
);
