--liquibase formatted sql

--changeset stackpilot:0004-idempotency-key
--comment: Idempotency-Key results per project; status is null while the first request is in progress.
CREATE TABLE idempotency_key (
    project_id   text        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    status       integer,
    body         text,
    resource_id  text,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (project_id, key)
);
CREATE INDEX idempotency_key_expires_at_idx ON idempotency_key (expires_at);
