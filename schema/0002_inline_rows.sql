-- 0002: keep incident rows and log rows inline and uncompressed up to a
-- page. A raise writes the incident (with its checklist) and its event, a
-- few KiB each; out-of-line TOAST storage and pglz compression of those
-- values cost more than the commit itself (see docs/performance.md).
ALTER TABLE incidents SET (toast_tuple_target = 8160);
ALTER TABLE incident_events SET (toast_tuple_target = 8160);
ALTER TABLE incidents ALTER COLUMN snapshot SET COMPRESSION lz4;
ALTER TABLE incident_events ALTER COLUMN payload SET COMPRESSION lz4;
