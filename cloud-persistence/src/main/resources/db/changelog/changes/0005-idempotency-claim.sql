--liquibase formatted sql

--changeset stackpilot:0005-idempotency-claim
--comment: A claim expires on its own (issue 14.7), so that a replica dying mid-request does not block the key for a day. NULL (a row written by an older replica) reads as created_at + 2 minutes. The outcome is resource_id (the created server); status and body are no longer written and stay until a release notes their removal.
ALTER TABLE idempotency_key ADD COLUMN claim_expires_at timestamptz;
