-- Every OpState table, index, constraint and sequence gets the prefix opstate_, so a host can keep
-- its own tables (often called jobs, pipelines, schedules, ...) in the same database. Renaming
-- keeps every row and takes only brief locks; the names are the ones PostgreSQL gives a table
-- created as opstate_<name>, so an upgraded store equals a new one (SchemaEquivalenceTest).

ALTER TABLE jobs RENAME TO opstate_jobs;
ALTER TABLE pipelines RENAME TO opstate_pipelines;
ALTER TABLE schedules RENAME TO opstate_schedules;
ALTER TABLE executions RENAME TO opstate_executions;
ALTER TABLE history RENAME TO opstate_history;

ALTER TABLE opstate_jobs RENAME CONSTRAINT jobs_pkey TO opstate_jobs_pkey;
ALTER TABLE opstate_jobs RENAME CONSTRAINT jobs_status_check TO opstate_jobs_status_check;
ALTER TABLE opstate_jobs RENAME CONSTRAINT jobs_progress_check TO opstate_jobs_progress_check;
ALTER TABLE opstate_jobs RENAME CONSTRAINT jobs_bytes_done_check TO opstate_jobs_bytes_done_check;
ALTER TABLE opstate_jobs RENAME CONSTRAINT jobs_bytes_total_check TO opstate_jobs_bytes_total_check;
ALTER TABLE opstate_pipelines RENAME CONSTRAINT pipelines_pkey TO opstate_pipelines_pkey;
ALTER TABLE opstate_schedules RENAME CONSTRAINT schedules_pkey TO opstate_schedules_pkey;
ALTER TABLE opstate_executions RENAME CONSTRAINT executions_pkey TO opstate_executions_pkey;
ALTER TABLE opstate_executions RENAME CONSTRAINT executions_schedule_id_fkey TO opstate_executions_schedule_id_fkey;
ALTER TABLE opstate_executions RENAME CONSTRAINT executions_status_check TO opstate_executions_status_check;
ALTER TABLE opstate_history RENAME CONSTRAINT history_pkey TO opstate_history_pkey;
ALTER SEQUENCE history_id_seq RENAME TO opstate_history_id_seq;

ALTER INDEX jobs_claim RENAME TO opstate_jobs_claim;
ALTER INDEX jobs_claim_type RENAME TO opstate_jobs_claim_type;
ALTER INDEX jobs_created RENAME TO opstate_jobs_created;
ALTER INDEX jobs_status_created RENAME TO opstate_jobs_status_created;
ALTER INDEX jobs_type_created RENAME TO opstate_jobs_type_created;
ALTER INDEX jobs_finished RENAME TO opstate_jobs_finished;
ALTER INDEX pipelines_created RENAME TO opstate_pipelines_created;
ALTER INDEX schedules_due RENAME TO opstate_schedules_due;
ALTER INDEX schedules_created RENAME TO opstate_schedules_created;
ALTER INDEX executions_started RENAME TO opstate_executions_started;
ALTER INDEX executions_schedule_started RENAME TO opstate_executions_schedule_started;
ALTER INDEX executions_pipeline_started RENAME TO opstate_executions_pipeline_started;
ALTER INDEX executions_status_started RENAME TO opstate_executions_status_started;
ALTER INDEX history_occurred RENAME TO opstate_history_occurred;
ALTER INDEX history_subject_occurred RENAME TO opstate_history_subject_occurred;
ALTER INDEX history_event_occurred RENAME TO opstate_history_event_occurred;
