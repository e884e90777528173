-- Situations (see io.chefsache.escalation.Situations): the incidents (threads) of one story, handled as
-- one case. A story's current situation is found through situation_story, whose primary key lets
-- exactly one situation open per story even when several nodes group its first threads at once.
create table situation (
  situation_key       varchar(200) not null primary key,
  story_key           varchar(200) not null,
  title               varchar(300) not null,
  process_instance_id varchar(64),
  opened_at           timestamp    not null,
  reported_count      bigint       not null default 0,
  line_core_statement varchar(4000),
  line_reply          varchar(4000),
  line_tone           varchar(64),
  line_avoid          varchar(4000),
  line_answers        varchar(8000),
  line_pause_posts    boolean,
  line_set_by         varchar(255),
  line_set_at         timestamp,
  posts_paused        boolean      not null default false,
  answer_all_requested_by varchar(255),
  answer_all_requested_at timestamp
);

create table situation_story (
  story_key     varchar(200) not null primary key,
  situation_key varchar(200) not null references situation (situation_key)
);

-- The threads of a situation: an incident (thread) joins at most one situation, once.
create table situation_thread (
  incident_key        varchar(200) not null primary key,
  situation_key       varchar(200) not null references situation (situation_key),
  process_instance_id varchar(64)  not null,
  joined_at           timestamp    not null
);
create index situation_thread_situation on situation_thread (situation_key, joined_at);

-- A listening tool may say which story a mention belongs to (optional field storyId of the contract).
alter table mention add column story_id varchar(128);
