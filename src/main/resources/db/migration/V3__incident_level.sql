-- The current level of each incident process, written with every level change in the same
-- transaction as the process variable (see io.chefsache.escalation.IncidentLevels): a cheap
-- lookup for the intake's answers, exact because it commits or rolls back with the process.
create table incident_level (
  process_instance_id varchar(64) not null primary key,
  level               integer     not null,
  changed_at          timestamp   not null
);
