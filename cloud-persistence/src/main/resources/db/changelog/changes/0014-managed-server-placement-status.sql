--liquibase formatted sql

--changeset stackpilot:0014-managed-server-placement-status
--comment: Where the engine placed a managed server and every location it tried, with the reason (issue 17):
--comment: {"location": "cloud/region" | null, "strategy": "fill-first", "tried": [{"location", "reason", "at"}]}.
--comment: NULL for a resource without a placement (every older row, and a replica of the previous version writes none).
ALTER TABLE managed_server ADD COLUMN placement_status jsonb;
