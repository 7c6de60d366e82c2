-- 0006: drill runs (演练). A run is started from a scenario of
-- playbooks/drills/ for one hall; its injects are rows the engine fires by
-- the clock like timers (claimed FOR UPDATE SKIP LOCKED, fired in the same
-- transaction as the incident they raise, so once across servers and
-- crashes); every incident it raises carries its id.

CREATE TABLE drills (
  id               uuid PRIMARY KEY,
  hall_id          text NOT NULL REFERENCES halls(id),
  scenario_id      text NOT NULL,
  -- The scenario and the responses expected, as they were at the start:
  -- serialized hall.v1.DrillScenario and hall.v1.DrillScore (its results'
  -- expectations), so a later edit of the file rewrites no history.
  scenario         bytea NOT NULL,
  expected         bytea NOT NULL,
  state            smallint NOT NULL CHECK (state BETWEEN 1 AND 4),  -- hall.v1.DrillState
  starts_at        timestamptz NOT NULL,
  paused_at        timestamptz,
  paused_us        bigint NOT NULL DEFAULT 0 CHECK (paused_us >= 0),
  ended_at         timestamptz,
  kiosk_ids        text[] NOT NULL DEFAULT '{}',
  started_by       uuid NOT NULL REFERENCES people(id),
  started_by_name  text NOT NULL DEFAULT '',
  request_id       text NOT NULL,
  stop_reason      text NOT NULL DEFAULT '' CHECK (length(stop_reason) <= 2000),
  review           bytea,              -- hall.v1.DrillReview
  final_percent    integer,            -- set when it ends or stops (trend, cadence)
  final_score      bytea,              -- hall.v1.DrillScore as it stood at the end
  message          text NOT NULL DEFAULT '',  -- the latest message inject fired
  CHECK ((state = 2) = (paused_at IS NOT NULL)),
  CHECK ((state IN (3, 4)) = (ended_at IS NOT NULL)),
  UNIQUE (started_by, request_id)
);
-- One live drill per hall: two overlapping drills would make every press
-- ambiguous. The database refuses the second, whichever server starts it.
CREATE UNIQUE INDEX drills_one_live_per_hall ON drills (hall_id) WHERE state IN (1, 2);
CREATE INDEX drills_hall_scenario ON drills (hall_id, scenario_id, starts_at DESC);

CREATE TABLE drill_injects (
  drill_id     uuid NOT NULL REFERENCES drills(id),
  inject_id    text NOT NULL,  -- '' is the run's end
  ord          integer NOT NULL,
  due_at       timestamptz NOT NULL,
  fired_at     timestamptz,
  incident_id  uuid REFERENCES incidents(id),
  skipped      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (drill_id, inject_id)
);
CREATE INDEX drill_injects_due ON drill_injects (due_at) WHERE fired_at IS NULL AND NOT skipped;

ALTER TABLE incidents ADD COLUMN drill_id uuid REFERENCES drills(id);
CREATE INDEX incidents_drill ON incidents (drill_id) WHERE drill_id IS NOT NULL;
