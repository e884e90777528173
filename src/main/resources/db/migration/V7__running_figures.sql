-- Figures kept incrementally (see io.chefsache.escalation.RunningFigures): a report adds the
-- mentions not yet counted to their incident's counters and to its situation's, so its cost follows
-- the new mentions, never all stored ones. Negative mentions are counted per minute; the figure
-- "negative in the last 60 minutes" is the sum of the current minute and the 59 before it.
alter table incident add column mention_count bigint not null default 0;
alter table incident add column highest_reach bigint not null default 0;
alter table incident add column lowest_sentiment double precision;
alter table incident add column topics varchar(2000) not null default '';

-- Mentions stored before this version are counted by the first report after the upgrade.
alter table mention add column counted boolean not null default false;
create index mention_uncounted on mention (counted, incident_key);

create table incident_minute (
  incident_key varchar(200) not null references incident (incident_key),
  minute_start timestamp    not null,
  negative     bigint       not null,
  primary key (incident_key, minute_start)
);

alter table situation add column mention_count bigint not null default 0;
alter table situation add column highest_reach bigint not null default 0;
alter table situation add column lowest_sentiment double precision;
alter table situation add column topics varchar(2000) not null default '';

create table situation_minute (
  situation_key varchar(200) not null references situation (situation_key),
  minute_start  timestamp    not null,
  negative      bigint       not null,
  primary key (situation_key, minute_start)
);
