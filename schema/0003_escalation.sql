-- 0003: durable timers and the escalation engine's data; stored payloads
-- without seq; what kiosks report in their heartbeats.

-- One way to carry seq: the column. Payloads and snapshots are stored
-- without it (both write paths compute seq inside the inserting statement)
-- and readers set it from the column.
COMMENT ON COLUMN incident_events.payload IS
  'serialized hall.v1.IncidentEvent, stored without its seq; the seq column is the truth';
COMMENT ON COLUMN incidents.snapshot IS
  'serialized hall.v1.Incident, stored without last_seq; the last_seq column is the truth';

ALTER TABLE kiosks
  ADD COLUMN queued_presses integer NOT NULL DEFAULT 0,
  ADD COLUMN app_version text NOT NULL DEFAULT '';

-- The server-raised "kiosk went silent" incident names its kiosk.
ALTER TABLE incidents ADD COLUMN subject_kiosk_id text;
CREATE INDEX incidents_subject_kiosk ON incidents (subject_kiosk_id) WHERE subject_kiosk_id IS NOT NULL;

-- Durable timers: every deadline the server watches is a row. The rows of
-- an incident are rewritten, in the transaction that changes the incident,
-- from its new state (domain::TimersOf), so a timer never outlives the
-- state it was set for. A server claims due rows (FOR UPDATE SKIP LOCKED)
-- and fires them by appending events in the same transaction.
CREATE TABLE timers (
  id           bigserial PRIMARY KEY,
  incident_id  uuid NOT NULL REFERENCES incidents(id),
  kind         text NOT NULL,            -- start, escalate, step_due, regrade, remind, unresolved
  key          text NOT NULL DEFAULT '', -- step id for step_due
  due_at       timestamptz NOT NULL
);
CREATE INDEX timers_due ON timers (due_at, id);
CREATE INDEX timers_incident ON timers (incident_id);
-- Rows come and go all day: vacuum early (the engine also vacuums it while
-- many fire, so claims do not wade through dead index entries).
ALTER TABLE timers SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
                        autovacuum_vacuum_cost_delay = 0);

-- Who is who, per hall. Every change bumps the hall's setup_version (an
-- alert records the version it was resolved under) and writes setup_audit.
ALTER TABLE halls ADD COLUMN setup_version bigint NOT NULL DEFAULT 0;

CREATE TABLE tier_members (
  hall_id      text NOT NULL REFERENCES halls(id),
  person_id    uuid NOT NULL REFERENCES people(id),
  tier         text NOT NULL,
  position_id  text NOT NULL DEFAULT '',
  zones        text[] NOT NULL DEFAULT '{}',
  notify_only  boolean NOT NULL DEFAULT false,
  PRIMARY KEY (hall_id, person_id, tier)
);

CREATE TABLE hall_contacts (
  hall_id  text NOT NULL REFERENCES halls(id),
  party    text NOT NULL,
  name     text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
  phone    text NOT NULL CHECK (phone ~ '^[0-9+][0-9 +-]{2,31}$'),
  note     text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  PRIMARY KEY (hall_id, party)
);

-- The duty roster (值班表): who is the duty officer on shift, and when.
CREATE TABLE duty_shifts (
  id         uuid PRIMARY KEY,
  hall_id    text NOT NULL REFERENCES halls(id),
  person_id  uuid NOT NULL REFERENCES people(id),
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz NOT NULL,
  CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '24 hours')
);
CREATE INDEX duty_shifts_hall_time ON duty_shifts (hall_id, ends_at, starts_at);

CREATE TABLE notifiers (
  id       uuid PRIMARY KEY,
  hall_id  text NOT NULL REFERENCES halls(id),
  name     text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
  url      text NOT NULL CHECK (url ~ '^https?://[^[:space:]]+$' AND length(url) <= 500),
  tiers    text[] NOT NULL DEFAULT '{}',
  active   boolean NOT NULL DEFAULT true
);
CREATE INDEX notifiers_hall ON notifiers (hall_id);

CREATE TABLE planned_outages (
  id               uuid PRIMARY KEY,
  hall_id          text NOT NULL REFERENCES halls(id),
  category         text NOT NULL,
  zone             text NOT NULL DEFAULT '',
  starts_at        timestamptz NOT NULL,
  ends_at          timestamptz NOT NULL CHECK (ends_at > starts_at),
  note             text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  created_by       text NOT NULL,
  created_by_name  text NOT NULL,
  cancelled        boolean NOT NULL DEFAULT false
);
CREATE INDEX planned_outages_hall ON planned_outages (hall_id, ends_at);

-- Audit of every set-up change; append-only like the incident log.
CREATE TABLE setup_audit (
  id          bigserial PRIMARY KEY,
  hall_id     text NOT NULL,
  at          timestamptz NOT NULL,
  actor_id    text NOT NULL,
  actor_name  text NOT NULL,
  action      text NOT NULL,
  before      text NOT NULL DEFAULT '',
  after       text NOT NULL DEFAULT '',
  version     bigint NOT NULL
);
CREATE INDEX setup_audit_hall ON setup_audit (hall_id, id DESC);
CREATE TRIGGER setup_audit_no_update
  BEFORE UPDATE OR DELETE ON setup_audit
  FOR EACH ROW EXECUTE FUNCTION incident_events_immutable();
CREATE TRIGGER setup_audit_no_truncate
  BEFORE TRUNCATE ON setup_audit
  FOR EACH STATEMENT EXECUTE FUNCTION incident_events_immutable();

-- Who is signed in on a desk now (an open watch stream), per server,
-- written in batches like heartbeats. An alert nobody of its tier can
-- receive escalates at once.
CREATE TABLE presence (
  person_id  uuid NOT NULL,
  server_id  text NOT NULL,
  seen_at    timestamptz NOT NULL,
  PRIMARY KEY (person_id, server_id)
);

-- Notifier deliveries (webhook POSTs), queued in the transaction of the
-- alert they carry and claimed by any server (FOR UPDATE SKIP LOCKED).
CREATE TABLE notification_outbox (
  id             bigserial PRIMARY KEY,
  incident_id    uuid NOT NULL REFERENCES incidents(id),
  hall_id        text NOT NULL,
  notifier_id    uuid NOT NULL,
  url            text NOT NULL,
  alert_stage    integer NOT NULL,
  payload        text NOT NULL,
  state          text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts       integer NOT NULL DEFAULT 0,
  next_at        timestamptz NOT NULL,
  last_error     text NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL
);
CREATE INDEX notification_outbox_due ON notification_outbox (next_at) WHERE state = 'pending';

-- The accelerated clock (--clock-speed) of the servers on this database:
-- one anchor, so a restarted server, or a second one, goes on with the same
-- accelerated time instead of jumping back to the real one.
CREATE TABLE clock_anchor (
  id            integer PRIMARY KEY CHECK (id = 1),
  speed         double precision NOT NULL CHECK (speed > 0),
  anchor_real   bigint NOT NULL,   -- µs since the epoch, real time
  anchor_clock  bigint NOT NULL    -- the accelerated clock's time then
);
