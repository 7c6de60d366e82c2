-- 0008: the database tells every server when what a sign-in or a hall's plan
-- is derived from changes (NOTIFY hall_directory), whoever changed it: a
-- server, hallctl, or an operator in psql. Servers keep sign-ins and hall
-- plans cached until told (docs/architecture.md, "What a server caches"),
-- so a press after a quiet hour does not wait on the database to learn who
-- pressed and under which plan.
--
-- Payloads: 'person:<uuid>' and 'kiosk:<id>' (that principal's sign-ins),
-- 'hall:<id>' (that hall's plan), '*' (everything: a region or a hall's
-- region changed, which moves whole scopes). Identical payloads of one
-- transaction arrive once.
CREATE FUNCTION notify_directory() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed jsonb;
  payload text;
BEGIN
  -- TG_ARGV[0]: the payload's kind ('person', 'kiosk', 'hall', 'session'
  -- or '*'); TG_ARGV[1]: the column that names it.
  IF TG_LEVEL = 'ROW' THEN
    IF TG_OP = 'DELETE' THEN changed := to_jsonb(OLD); ELSE changed := to_jsonb(NEW); END IF;
  END IF;
  IF TG_ARGV[0] = '*' THEN
    payload := '*';
  ELSIF TG_ARGV[0] = 'session' THEN
    payload := CASE WHEN changed ->> 'person_id' IS NOT NULL
                    THEN 'person:' || (changed ->> 'person_id')
                    ELSE 'kiosk:' || (changed ->> 'kiosk_id') END;
  ELSE
    payload := TG_ARGV[0] || ':' || (changed ->> TG_ARGV[1]);
  END IF;
  PERFORM pg_notify('hall_directory', payload);
  RETURN NULL;
END $$;

-- A session ended (sign-out, revocation, sweep of expired ones).
CREATE TRIGGER sessions_notify AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION notify_directory('session');

-- What a person's sign-in carries: name, role, scope, whether active.
CREATE TRIGGER people_notify AFTER UPDATE ON people FOR EACH ROW
  WHEN ((OLD.display_name, OLD.role, OLD.all_halls, OLD.active)
        IS DISTINCT FROM (NEW.display_name, NEW.role, NEW.all_halls, NEW.active))
  EXECUTE FUNCTION notify_directory('person', 'id');
CREATE TRIGGER person_halls_notify AFTER INSERT OR UPDATE OR DELETE ON person_halls
  FOR EACH ROW EXECUTE FUNCTION notify_directory('person', 'person_id');
CREATE TRIGGER person_regions_notify AFTER INSERT OR UPDATE OR DELETE ON person_regions
  FOR EACH ROW EXECUTE FUNCTION notify_directory('person', 'person_id');

-- What a kiosk's sign-in carries: where it stands, its name, whether active
-- (its heartbeats, which update last_seen_at, tell nobody).
CREATE TRIGGER kiosks_notify AFTER UPDATE ON kiosks FOR EACH ROW
  WHEN ((OLD.hall_id, OLD.location_id, OLD.name, OLD.active)
        IS DISTINCT FROM (NEW.hall_id, NEW.location_id, NEW.name, NEW.active))
  EXECUTE FUNCTION notify_directory('kiosk', 'id');

-- A hall's plan; a hall joining, leaving or moving between regions changes
-- the scope of everyone who watches by region.
CREATE TRIGGER halls_plan_notify AFTER UPDATE ON halls FOR EACH ROW
  WHEN (OLD.plan_id IS DISTINCT FROM NEW.plan_id)
  EXECUTE FUNCTION notify_directory('hall', 'id');
CREATE TRIGGER halls_region_notify AFTER UPDATE ON halls FOR EACH ROW
  WHEN (OLD.region_id IS DISTINCT FROM NEW.region_id)
  EXECUTE FUNCTION notify_directory('*');
CREATE TRIGGER halls_new_notify AFTER INSERT ON halls FOR EACH ROW
  WHEN (NEW.region_id IS NOT NULL)
  EXECUTE FUNCTION notify_directory('*');
CREATE TRIGGER halls_gone_notify AFTER DELETE ON halls
  FOR EACH STATEMENT EXECUTE FUNCTION notify_directory('*');
CREATE TRIGGER regions_notify AFTER UPDATE OR DELETE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_directory('*');
