--liquibase formatted sql

--changeset stackpilot:0009-audit-partitions splitStatements:false
--comment: The audit log partitioned by month (UTC) of its time, so that retention drops whole months instead of deleting rows. The existing table is kept, not copied: it becomes the partition api_request_before_YYYY_MM of every time before the month after both now and its newest row (its primary key becomes (id, at), as every partition's must include the partition key); an empty one is dropped. A default partition takes rows of months not prepared yet; the daemon creates the monthly partitions (AuditPartitions) and moves such rows into them.
DO $$
DECLARE
    old_index record;
    newest timestamptz;
    bound timestamp;
BEGIN
    ALTER TABLE api_request RENAME TO api_request_unpartitioned;
    ALTER TABLE api_request_unpartitioned RENAME CONSTRAINT api_request_pkey TO api_request_unpartitioned_pkey;
    CREATE TABLE api_request (LIKE api_request_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
        PARTITION BY RANGE (at);
    ALTER TABLE api_request ADD CONSTRAINT api_request_pkey PRIMARY KEY (id, at);
    -- The same secondary indexes as the old table has now (whatever earlier changesets made of them), under their
    -- names; the old table's are renamed and attached below, not rebuilt.
    FOR old_index IN
        SELECT c.relname AS name, i.indisunique AS is_unique, pg_get_indexdef(i.indexrelid) AS definition
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = 'api_request_unpartitioned'::regclass AND NOT i.indisprimary
    LOOP
        EXECUTE format('ALTER INDEX %I RENAME TO %I', old_index.name, left(old_index.name, 48) || '_unpartitioned');
        EXECUTE format('CREATE %sINDEX %I ON api_request %s', CASE WHEN old_index.is_unique THEN 'UNIQUE ' ELSE '' END,
                       old_index.name, substring(old_index.definition FROM ' USING .*$'));
    END LOOP;
    CREATE TABLE api_request_default PARTITION OF api_request DEFAULT;

    SELECT max(at) INTO newest FROM api_request_unpartitioned;
    IF newest IS NULL THEN
        DROP TABLE api_request_unpartitioned;
    ELSE
        bound := date_trunc('month', greatest(now(), newest) AT TIME ZONE 'UTC') + interval '1 month';
        ALTER TABLE api_request_unpartitioned DROP CONSTRAINT api_request_unpartitioned_pkey,
            ADD CONSTRAINT api_request_unpartitioned_pkey PRIMARY KEY (id, at);
        EXECUTE format('ALTER TABLE api_request ATTACH PARTITION api_request_unpartitioned'
                       ' FOR VALUES FROM (MINVALUE) TO (%L)', bound AT TIME ZONE 'UTC');
        EXECUTE format('ALTER TABLE api_request_unpartitioned RENAME TO %I',
                       'api_request_before_' || to_char(bound, 'YYYY_MM'));
    END IF;
END $$;
