--liquibase formatted sql

--changeset stackpilot:0007-preemption
--comment: Evictions of preemptible servers (issue 16): which server made room for which, why and when; listed per victim project, newest first.
CREATE TABLE preemption (
    id                uuid        PRIMARY KEY,
    project_id        text        NOT NULL,
    victim_server_id  text        NOT NULL,
    victim_name       text        NOT NULL,
    victim_flavor     text        NOT NULL,
    preempted_by      text        NOT NULL,
    by_project_id     text        NOT NULL,
    reason            text        NOT NULL CHECK (reason IN ('quota', 'capacity')),
    preempted_at      timestamptz NOT NULL,
    cloud             text        NOT NULL,
    region            text        NOT NULL,
    operation_id      uuid        NOT NULL
);
CREATE INDEX preemption_project_at ON preemption (project_id, preempted_at DESC, id DESC);
