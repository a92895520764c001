--liquibase formatted sql

--changeset stackpilot:0015-audit-status-index-partial
--comment: The audit table's status index keeps only the rows whose status is not 200 (issue 21): most requests answer 200, and each index costs every inserted row ~2.5 us of PostgreSQL CPU; a status filter for 200 is served by the (at, id) index, which finds such rows at once, one for any other status by this index (AuditSelect adds the constant "status <> 200" the planner needs to pick it). Built on the partitioned table, so every partition (monthly, default, api_request_before_*) gets it, and AuditPartitions' new months too (they take the table's indexes when attached). Takes the table's lock while it builds: inserts wait (the writers' queues hold them), reads too.
DROP INDEX api_request_status_at_idx;
CREATE INDEX api_request_status_at_idx ON api_request (status, at DESC, id DESC) WHERE status <> 200;
