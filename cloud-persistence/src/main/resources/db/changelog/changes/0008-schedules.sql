--liquibase formatted sql

--changeset stackpilot:0008-schedules
--comment: Peak-hour schedules (issue 18): a desired count of managed servers over a window, claimed by one replica at a time like managed servers, and one run per window served (unique on schedule and window start).
CREATE TABLE schedule (
    id                    uuid        PRIMARY KEY,
    project_id            text        NOT NULL,
    name                  text        NOT NULL,
    flavor_id             text        NOT NULL,
    image_id              text,
    network_ids           text[]      NOT NULL,
    flavor_ref            text        NOT NULL,
    image_ref             text,
    network_refs          text[]      NOT NULL,
    preemptible           boolean     NOT NULL,
    placement             text,
    count                 integer     NOT NULL CHECK (count BETWEEN 1 AND 100),
    window_days           text[],
    window_start          text,
    window_end            text,
    window_time_zone      text,
    window_from           timestamptz,
    window_until          timestamptz,
    enabled               boolean     NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    deletion_requested_at timestamptz,
    next_pass_at          timestamptz NOT NULL,
    claimed_by            text,
    claim_until           timestamptz,
    CONSTRAINT schedule_name_per_project UNIQUE (project_id, name),
    CONSTRAINT schedule_window_kind CHECK ((window_from IS NULL) = (window_until IS NULL)
        AND (window_from IS NULL) = (window_start IS NOT NULL))
);
CREATE INDEX schedule_due_idx ON schedule (next_pass_at);

CREATE TABLE schedule_run (
    schedule_id     uuid        NOT NULL REFERENCES schedule (id) ON DELETE CASCADE,
    window_start    timestamptz NOT NULL,
    window_end      timestamptz NOT NULL,
    started_at      timestamptz NOT NULL,
    servers_wanted  integer     NOT NULL,
    servers_made    integer     NOT NULL,
    ended_at        timestamptz,
    servers_removed integer     NOT NULL,
    problems        text[]      NOT NULL,
    PRIMARY KEY (schedule_id, window_start)
);
