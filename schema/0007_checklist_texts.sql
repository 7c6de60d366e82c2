-- 0007: the checklist's fixed texts (text_zh, text_en, citation) kept once
-- per distinct set of texts instead of inside every incident row. Incidents
-- of one plan and category under one playbook version share one row here;
-- the incident row keeps the checklist's ids, states and deadlines and
-- names its texts by digest, so a raise and every change write ~4 KiB less
-- (docs/performance.md). Readers join the texts back (store/incident_reads).
--
-- Rows written before this migration keep their texts inline and are read
-- as they are (a reader fills only the texts a row lacks); each moves its
-- texts here on its next change. Nothing else changes for them.
CREATE TABLE checklist_texts (
  digest text PRIMARY KEY,  -- SHA-256 (hex) of texts
  texts  bytea NOT NULL     -- hall.v1.Incident whose checklist holds only step ids and texts
);
ALTER TABLE incidents ADD COLUMN texts_digest text REFERENCES checklist_texts (digest);
