-- Every OpState table and index gets the prefix opstate_, so a host can keep its own tables
-- (often called jobs, pipelines, schedules, ...) in the same database. Renaming keeps every row;
-- SQLite rewrites the foreign key of executions and the AUTOINCREMENT counter of history with the
-- table. SQLite cannot rename an index, so each is dropped and created again under its new name.

ALTER TABLE jobs RENAME TO opstate_jobs;
ALTER TABLE pipelines RENAME TO opstate_pipelines;
ALTER TABLE schedules RENAME TO opstate_schedules;
ALTER TABLE executions RENAME TO opstate_executions;
ALTER TABLE history RENAME TO opstate_history;

DROP INDEX jobs_claim;
CREATE INDEX opstate_jobs_claim ON opstate_jobs (status, priority DESC, created_at, id);
DROP INDEX jobs_claim_type;
CREATE INDEX opstate_jobs_claim_type ON opstate_jobs (status, type, priority DESC, created_at, id);
DROP INDEX jobs_created;
CREATE INDEX opstate_jobs_created ON opstate_jobs (created_at, id);
DROP INDEX jobs_status_created;
CREATE INDEX opstate_jobs_status_created ON opstate_jobs (status, created_at, id);
DROP INDEX jobs_type_created;
CREATE INDEX opstate_jobs_type_created ON opstate_jobs (type, created_at, id);
DROP INDEX jobs_finished;
CREATE INDEX opstate_jobs_finished ON opstate_jobs (status, finished_at);
DROP INDEX pipelines_created;
CREATE INDEX opstate_pipelines_created ON opstate_pipelines (created_at, name);
DROP INDEX schedules_due;
CREATE INDEX opstate_schedules_due ON opstate_schedules (enabled, next_run_at, id);
DROP INDEX schedules_created;
CREATE INDEX opstate_schedules_created ON opstate_schedules (created_at, id);
DROP INDEX executions_started;
CREATE INDEX opstate_executions_started ON opstate_executions (started_at, id);
DROP INDEX executions_schedule_started;
CREATE INDEX opstate_executions_schedule_started ON opstate_executions (schedule_id, started_at, id);
DROP INDEX executions_pipeline_started;
CREATE INDEX opstate_executions_pipeline_started ON opstate_executions (pipeline, started_at, id);
DROP INDEX executions_status_started;
CREATE INDEX opstate_executions_status_started ON opstate_executions (status, started_at, id);
DROP INDEX history_occurred;
CREATE INDEX opstate_history_occurred ON opstate_history (occurred_at, id);
DROP INDEX history_subject_occurred;
CREATE INDEX opstate_history_subject_occurred ON opstate_history (subject_id, occurred_at, id);
DROP INDEX history_event_occurred;
CREATE INDEX opstate_history_event_occurred ON opstate_history (event, occurred_at, id);
