--liquibase formatted sql

--changeset stackpilot:0002-server-count-sample
--comment: Running servers per project and time bucket; the key makes concurrent collectors write a bucket once.
CREATE TABLE server_count_sample (
    project_id   text        NOT NULL,
    bucket       timestamptz NOT NULL,
    running      integer     NOT NULL CHECK (running >= 0),
    source       text        NOT NULL CHECK (source IN ('live', 'backfill')),
    collected_at timestamptz NOT NULL,
    CONSTRAINT server_count_sample_project_bucket_key PRIMARY KEY (project_id, bucket)
);
CREATE INDEX server_count_sample_bucket_idx ON server_count_sample (bucket);
