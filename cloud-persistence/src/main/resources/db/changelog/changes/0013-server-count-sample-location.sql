--liquibase formatted sql

--changeset stackpilot:0013-server-count-sample-location
--comment: Samples per project and location (issue 17). '' is the identity cloud's own location: every older row was
--comment: sampled there, and a replica of the previous version (which writes no location) still writes the same key.
ALTER TABLE server_count_sample ADD COLUMN location text NOT NULL DEFAULT '';
ALTER TABLE server_count_sample DROP CONSTRAINT server_count_sample_project_bucket_key;
ALTER TABLE server_count_sample
    ADD CONSTRAINT server_count_sample_project_location_bucket_key PRIMARY KEY (project_id, location, bucket);
