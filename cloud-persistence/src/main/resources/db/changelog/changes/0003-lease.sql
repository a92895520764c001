--liquibase formatted sql

--changeset stackpilot:0003-lease
--comment: Named leases for leader election between replicas.
CREATE TABLE lease (
    name       text        PRIMARY KEY,
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL
);
