--liquibase formatted sql

--changeset stackpilot:0010-managed-server-schedule
--comment: The schedule that declared a managed server (null: its owner declared or imported it). Set when the row is made and never changed; the engine boots the VM with the Nova metadata stackpilot:schedule=<schedule id>. Rows a schedule declared before this column existed keep null (their VMs are booted without that marker).
ALTER TABLE managed_server ADD COLUMN schedule_id uuid;
