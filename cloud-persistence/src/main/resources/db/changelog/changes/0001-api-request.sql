--liquibase formatted sql

--changeset stackpilot:0001-api-request
--comment: The audit log: one row per API request; the id is made by the replica, so a re-sent batch is stored once.
CREATE TABLE api_request (
    id                   uuid        PRIMARY KEY,
    at                   timestamptz NOT NULL,
    request_id           text        NOT NULL,
    method               text        NOT NULL,
    route                text,
    path                 text        NOT NULL,
    query                text,
    status               integer     NOT NULL CHECK (status BETWEEN 100 AND 599),
    duration_ms          bigint      NOT NULL CHECK (duration_ms >= 0),
    user_id              text,
    user_name            text,
    project_id           text,
    project_name         text,
    client_address       text,
    user_agent           text,
    replica_id           text        NOT NULL,
    upstream_request_ids text[]      NOT NULL DEFAULT '{}'
);

--changeset stackpilot:0001-api-request-indexes
--comment: Newest-first keyset paging by (at, id), alone or filtered by project, user or status.
CREATE INDEX api_request_at_id_idx ON api_request (at DESC, id DESC);
CREATE INDEX api_request_project_at_idx ON api_request (project_id, at DESC, id DESC);
CREATE INDEX api_request_user_at_idx ON api_request (user_id, at DESC, id DESC);
CREATE INDEX api_request_status_at_idx ON api_request (status, at DESC, id DESC);
