-- The head of every audit export (see io.chefsache.audit.AuditExports): a copy whose last hash
-- differs from the one kept here has been changed after it was exported.
create table audit_export (
  id          varchar(36)   not null primary key,
  scope       varchar(300)  not null,
  exported_by varchar(255)  not null,
  exported_at timestamp     not null,
  entries     integer       not null,
  head        varchar(64)   not null
);
