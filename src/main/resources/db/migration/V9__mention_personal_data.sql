-- A mention's personal data (its text, the author's handle, the link to the post) is removed when
-- its retention period has passed (chefsache.retention.mentions); the row stays with its figures
-- (reach, sentiment, topics) and the hash of its payload, so counts and old exports still hold.
alter table mention add column personal_data_removed_at timestamp;
alter table mention add column personal_data_removed_why varchar(40);
