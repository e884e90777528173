-- Erasures of an author's personal data on request (GDPR Art. 17): who asked Chefsache to erase,
-- why and when, and how much was erased. The author's handle itself is not kept, only the pseudonym
-- that replaced it.
create table erasure (
  id            varchar(36)  not null primary key,
  pseudonym     varchar(64)  not null,
  requested_by  varchar(255) not null,
  reason        varchar(500) not null,
  erased_at     timestamp    not null,
  mentions      integer      not null,
  incidents     integer      not null
);

-- The incidents (and situations) an erasure changed: their timelines record it, and a comparison of
-- an export made before with one made after explains the changed entries by it.
create table erasure_incident (
  erasure_id    varchar(36)  not null references erasure (id),
  incident_key  varchar(200) not null,
  primary key (erasure_id, incident_key)
);
