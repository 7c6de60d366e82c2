-- 0001: directory, identity and the append-only incident log.
-- Applied once at server start, checksummed. Never edit an applied
-- migration: add a new one.

CREATE TABLE halls (
  id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  plan_id     text NOT NULL,
  address     text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE locations (
  id       text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  hall_id  text NOT NULL REFERENCES halls(id),
  name     text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  zone     text NOT NULL DEFAULT '',
  floor    integer NOT NULL DEFAULT 1,
  x        double precision NOT NULL DEFAULT 0.5,
  y        double precision NOT NULL DEFAULT 0.5
);
CREATE INDEX locations_hall ON locations (hall_id);

-- Role numbers are hall.v1.Role values.
CREATE TABLE people (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  display_name   text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role           integer NOT NULL CHECK (role BETWEEN 1 AND 9),
  all_halls      boolean NOT NULL DEFAULT false,
  active         boolean NOT NULL DEFAULT true,
  phone          text NOT NULL DEFAULT '',
  password_hash  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE person_halls (
  person_id  uuid NOT NULL REFERENCES people(id),
  hall_id    text NOT NULL REFERENCES halls(id),
  PRIMARY KEY (person_id, hall_id)
);

CREATE TABLE kiosks (
  id            text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  hall_id       text NOT NULL REFERENCES halls(id),
  location_id   text REFERENCES locations(id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  active        boolean NOT NULL DEFAULT true,
  secret_hash   text NOT NULL,
  last_seen_at  timestamptz
);
CREATE INDEX kiosks_hall ON kiosks (hall_id);

-- Bearer tokens: only a hash of the token is kept.
CREATE TABLE sessions (
  token_hash    bytea PRIMARY KEY,
  person_id     uuid REFERENCES people(id),
  kiosk_id      text REFERENCES kiosks(id),
  expires_at    timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((person_id IS NULL) <> (kiosk_id IS NULL))
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Current state of each incident: a projection of incident_events, written
-- in the same transaction as the event that produced it. `snapshot` is the
-- serialized hall.v1.Incident; the other columns exist to filter on.
CREATE TABLE incidents (
  id            uuid PRIMARY KEY,
  hall_id       text NOT NULL REFERENCES halls(id),
  location_id   text,
  category      text NOT NULL,
  severity      integer NOT NULL,
  status        integer NOT NULL,
  drill         boolean NOT NULL,
  reporter_key  text NOT NULL,          -- 'person:<id>' or 'kiosk:<id>'
  request_id    text NOT NULL,
  reported_at   timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  last_seq      bigint NOT NULL,
  snapshot      bytea NOT NULL,
  UNIQUE (reporter_key, request_id)     -- idempotent raise
);
CREATE INDEX incidents_hall_open ON incidents (hall_id, status, reported_at DESC);
CREATE INDEX incidents_reported ON incidents (reported_at DESC, id);

-- The append-only incident log. `seq` is global and gap-free, assigned under
-- one lock by the appending transaction, so commit order equals seq order.
-- `payload` is the serialized hall.v1.IncidentEvent (with its seq).
CREATE TABLE incident_events (
  seq          bigint PRIMARY KEY,
  incident_id  uuid NOT NULL REFERENCES incidents(id),
  hall_id      text NOT NULL,
  kind         integer NOT NULL,
  actor_id     text NOT NULL,
  at           timestamptz NOT NULL,
  drill        boolean NOT NULL,
  payload      bytea NOT NULL
);
CREATE INDEX incident_events_hall ON incident_events (hall_id, seq);
CREATE INDEX incident_events_incident ON incident_events (incident_id, seq);

-- The log is never changed: refuse UPDATE, DELETE and TRUNCATE in the
-- database itself, whoever asks.
CREATE FUNCTION incident_events_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'incident_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER incident_events_no_update
  BEFORE UPDATE OR DELETE ON incident_events
  FOR EACH ROW EXECUTE FUNCTION incident_events_immutable();
CREATE TRIGGER incident_events_no_truncate
  BEFORE TRUNCATE ON incident_events
  FOR EACH STATEMENT EXECUTE FUNCTION incident_events_immutable();
