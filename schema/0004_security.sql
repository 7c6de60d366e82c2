-- 0004: folding repeated presses, sign-in throttling, kiosk enrollment and
-- revocation, the security audit log.

-- A reporter's repeated press of the same kind while its incident is open
-- folds into that incident. Each folded press's request id is kept, so a
-- retry of it answers the same and is counted once.
CREATE TABLE folded_presses (
  reporter_key  text NOT NULL,
  request_id    text NOT NULL,
  incident_id   uuid NOT NULL REFERENCES incidents(id),
  at            timestamptz NOT NULL,
  PRIMARY KEY (reporter_key, request_id)
);
CREATE INDEX folded_presses_incident ON folded_presses (incident_id, at);
-- The raise looks for the reporter's open incident of the same kind at the
-- same place.
CREATE INDEX incidents_open_by_reporter ON incidents (reporter_key, category, drill, location_id)
  WHERE status IN (1, 2);

-- Failed sign-ins per key ('user:<name>', 'kiosk:<id>', 'addr:<address>'),
-- shared by every server.
CREATE TABLE sign_in_throttle (
  key              text PRIMARY KEY,
  failures         integer NOT NULL DEFAULT 0,
  last_failure_at  timestamptz NOT NULL,
  locked_until     timestamptz
);

-- One-time kiosk enrollment codes (only their hash is kept).
CREATE TABLE enrollment_codes (
  code_hash    bytea PRIMARY KEY,
  kiosk_id     text NOT NULL CHECK (kiosk_id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  hall_id      text NOT NULL REFERENCES halls(id),
  location_id  text NOT NULL REFERENCES locations(id),
  name         text NOT NULL,
  issued_by    text NOT NULL,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz
);
ALTER TABLE kiosks ADD COLUMN revoked_at timestamptz;

-- The security audit log: append-only, whoever asks.
CREATE TABLE audit_log (
  id              bigserial PRIMARY KEY,
  at              timestamptz NOT NULL,
  action          text NOT NULL,
  actor_id        text NOT NULL DEFAULT '',
  actor_name      text NOT NULL DEFAULT '',
  source_address  text NOT NULL DEFAULT '',
  target          text NOT NULL DEFAULT '',
  hall_id         text NOT NULL DEFAULT '',
  detail          text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_hall ON audit_log (hall_id, id DESC);
CREATE INDEX audit_log_target ON audit_log (target, id DESC);
CREATE TRIGGER audit_log_no_update
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION incident_events_immutable();
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION incident_events_immutable();
