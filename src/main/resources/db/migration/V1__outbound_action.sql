-- What Chefsache did in public or told people, per incident (see io.chefsache.notify.Outbox).
create table outbound_action (
  id           varchar(36)    not null primary key,
  incident_key varchar(200)   not null,
  kind         varchar(16)    not null,
  target       varchar(100)   not null,
  event        varchar(64),
  in_reply_to  varchar(200),
  body         varchar(20000),
  created_at   timestamp      not null
);

create index outbound_action_incident on outbound_action (incident_key, created_at);
