-- 0005: halls in a region tree (province → city → county/district, 湖南省 →
-- 长沙市 → 岳麓区), and leadership scope by region; each hall's floor plan.

CREATE TABLE regions (
  id         text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- 1 province 省, 2 city 市, 3 county or district 县/区; a child is deeper
  -- than its parent (checked by the server).
  level      integer NOT NULL CHECK (level BETWEEN 1 AND 3),
  parent_id  text REFERENCES regions(id),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX regions_parent ON regions (parent_id);

ALTER TABLE halls ADD COLUMN region_id text REFERENCES regions(id);
CREATE INDEX halls_region ON halls (region_id);

-- A person's scope by region: every hall in the region or below it.
CREATE TABLE person_regions (
  person_id  uuid NOT NULL REFERENCES people(id),
  region_id  text NOT NULL REFERENCES regions(id),
  PRIMARY KEY (person_id, region_id)
);

-- The hall's floor plan as the admin uploaded it (PNG or SVG, ≤ 1 MB);
-- places are drawn on it at their stored x, y (0–1 of width and height).
ALTER TABLE halls ADD COLUMN floor_plan bytea;
ALTER TABLE halls ADD COLUMN floor_plan_type text
  CHECK (floor_plan_type IN ('image/png', 'image/svg+xml'));
