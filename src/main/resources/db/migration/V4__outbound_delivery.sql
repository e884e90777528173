-- Outbound actions are delivered over HTTP (see io.chefsache.notify.OutboundActions): each row now
-- also holds how it ended and what the platform answered.
alter table outbound_action add column status varchar(16) default 'SENT' not null;
alter table outbound_action add column http_status integer;
alter table outbound_action add column platform_ref varchar(200);
alter table outbound_action add column answer varchar(2000);
alter table outbound_action add column idempotency_key varchar(64);
