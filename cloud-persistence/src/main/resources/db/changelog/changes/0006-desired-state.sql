--liquibase formatted sql

--changeset stackpilot:0006-desired-state
--comment: The desired-state engine: managed servers (intent, observed status, reconcile claim), their events, and operations (the durable command queue). See docs/desired-state.md.
CREATE TABLE managed_server (
    id                    uuid        PRIMARY KEY,
    project_id            text        NOT NULL,
    name                  text        NOT NULL,
    managed               boolean     NOT NULL,
    reconcile             boolean     NOT NULL,
    generation            bigint      NOT NULL,
    flavor_id             text        NOT NULL,
    image_id              text,
    network_ids           text[]      NOT NULL,
    flavor_ref            text        NOT NULL,
    image_ref             text,
    network_refs          text[]      NOT NULL,
    preemptible           boolean     NOT NULL,
    update_policy         text        NOT NULL,
    placement             text,
    phase                 text        NOT NULL,
    observed_generation   bigint      NOT NULL,
    server_id             text,
    server_status         text,
    addresses             jsonb       NOT NULL,
    cloud                 text,
    region                text,
    conditions            jsonb       NOT NULL,
    last_reconciled_at    timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    deletion_requested_at timestamptz,
    next_reconcile_at     timestamptz NOT NULL,
    claimed_by            text,
    claim_until           timestamptz,
    CONSTRAINT managed_server_name_per_project UNIQUE (project_id, name)
);
CREATE UNIQUE INDEX managed_server_server_id_idx ON managed_server (project_id, server_id)
    WHERE server_id IS NOT NULL;
CREATE INDEX managed_server_due_idx ON managed_server (next_reconcile_at);

CREATE TABLE managed_server_event (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    managed_server_id uuid        NOT NULL REFERENCES managed_server (id) ON DELETE CASCADE,
    at                timestamptz NOT NULL,
    reason            text        NOT NULL,
    message           text        NOT NULL,
    actor             text        NOT NULL,
    operation_id      uuid
);
CREATE INDEX managed_server_event_newest_idx ON managed_server_event (managed_server_id, at DESC, id DESC);

CREATE TABLE operation (
    id          uuid        PRIMARY KEY,
    project_id  text        NOT NULL,
    kind        text        NOT NULL,
    target      uuid        NOT NULL,
    state       text        NOT NULL,
    attempts    integer     NOT NULL,
    reason      text        NOT NULL,
    error       text,
    not_before  timestamptz NOT NULL,
    claimed_by  text,
    lease_until timestamptz,
    created_at  timestamptz NOT NULL,
    started_at  timestamptz,
    finished_at timestamptz
);
-- Coalescing and "never two at once" are kept by the database too, not only by the statements that use them.
CREATE UNIQUE INDEX operation_one_queued_per_target_idx ON operation (target) WHERE state = 'queued';
CREATE UNIQUE INDEX operation_one_running_per_target_idx ON operation (target) WHERE state = 'running';
CREATE INDEX operation_due_idx ON operation (not_before) WHERE state IN ('queued', 'running');
CREATE INDEX operation_by_project_idx ON operation (project_id, created_at DESC);
