--liquibase formatted sql

--changeset stackpilot:0012-operation-location
--comment: Every operation knows its location (cloud/region; rows written before this changeset, and rows an older replica writes during a rolling upgrade, are the default location), so that work per location runs with bounded concurrency; location_pause holds a location's operations back after its cloud answered 429 or 503 (issue 17 item 5). See docs/desired-state.md, "The queue per location".
ALTER TABLE operation ADD COLUMN location text NOT NULL DEFAULT 'default/RegionOne';
CREATE INDEX operation_active_location_idx ON operation (location) WHERE state IN ('queued', 'running');
CREATE INDEX operation_failed_idx ON operation (finished_at) WHERE state = 'failed';

CREATE TABLE location_pause (
    location  text        PRIMARY KEY,
    until     timestamptz NOT NULL,
    reason    text        NOT NULL,
    paused_at timestamptz NOT NULL
);
