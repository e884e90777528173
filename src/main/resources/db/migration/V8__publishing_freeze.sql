-- The company's scheduled posts are one switch at its gateway, however many situations asked for a
-- pause: every pause or resume locks this one row first, so on any number of nodes the posts resume
-- only when the last situation that paused them is over (see FreezeScheduledPostsDelegate).
create table publishing_freeze (
  id integer not null primary key
);
insert into publishing_freeze (id) values (1);
