-- Logins of the break-glass admin under the ldap profile (io.chefsache.security.BreakGlassAdmin): the
-- one login that does not ask the company's directory. The audit pages list them.
create table break_glass_login (
  user_id       varchar(255) not null,
  logged_in_at  timestamp    not null
);
