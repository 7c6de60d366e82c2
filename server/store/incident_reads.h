// Reads of incidents and of the incident log. Every read takes the caller's
// hall scope and applies it in SQL, so data outside it is never loaded.
//
// Free functions over a connection; a connection is one thread's at a time.
// Throw PgError on database failure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/raise.h"
#include "hall/v1/incident.pb.h"
#include "store/pg.h"

namespace hall::store {

// The caller's halls; all = no restriction.
struct HallScope {
  bool all = false;
  std::vector<std::string> halls;
};

// Decoders for stored rows. Rows are stored without seq (it is computed
// inside the inserting statement); the seq of a log row and the last_seq of
// an incident row come from their columns. An incident row's checklist
// carries no fixed texts (they are stored once, in checklist_texts): pass
// the row's texts (null when it names none) to have them filled in.
v1::Incident DecodeIncident(std::string_view bytes, int64_t last_seq);
v1::Incident DecodeIncident(std::string_view bytes, int64_t last_seq,
                            const std::optional<std::string>& texts);
v1::IncidentEvent DecodeEvent(std::string_view bytes, int64_t seq);
// A row's texts column (a LEFT JOIN of checklist_texts): null → nullopt.
std::optional<std::string> TextsColumn(const PgResult& r, int row, int col);

// The checklist's fixed texts (text_zh, text_en, citation) as stored once
// per distinct set (schema 0007): a hall.v1.Incident whose checklist holds
// only step ids, source categories and texts, named by its SHA-256.
struct ChecklistTexts {
  std::string digest;  // "" when the checklist has no texts
  std::string blob;
};
ChecklistTexts TextsOf(const v1::Incident& incident);
// Fills in each checklist item of `incident` that has no text from the
// stored `blob` (matched by step id and source category). Throws PgError
// when the blob does not decode.
void FillTexts(v1::Incident* incident, std::string_view blob);
// True when some checklist item carries no text at all (a compact copy, as
// events and RaiseIncidentResponse carry).
bool LacksTexts(const v1::Incident& incident);

// The incident's current state, or nullopt when no such id.
std::optional<v1::Incident> LoadIncident(PgConnection& conn, const std::string& id);
// Several incidents' current states in one round trip, in the order of
// `ids` (nullopt for an id that names none). Where `known[i]` (optional, a
// whole state with its checklist's texts) is still current — the stored
// last_seq is its last_seq — it is returned without reading and decoding
// the stored state: a raise's follow-up mostly finds its incident as the
// raise left it.
std::vector<std::optional<v1::Incident>> LoadIncidents(
    PgConnection& conn, const std::vector<std::string>& ids,
    const std::vector<const v1::Incident*>& known = {});

// Why a raise wrote nothing: a retry (the incident an earlier try with the
// same (reporter, request id) made or folded into), a repeated press (the
// reporter's open incident of the same kind, to fold into), or NOT_FOUND
// (no such hall) / INVALID_ARGUMENT (the place is not in the hall).
struct UninsertedRaise {
  enum Kind { kRetry, kFold } kind = kRetry;
  bool folded = false;  // kRetry of a press that had folded
  v1::Incident incident;
};
Result<UninsertedRaise> ExplainUninsertedRaise(PgConnection& conn, const domain::RaisePlan& raise);

// Every event of an incident, oldest first.
std::vector<v1::IncidentEvent> LoadTimeline(PgConnection& conn, const std::string& id);

struct ListFilter {
  HallScope scope;
  std::vector<int> statuses;  // empty = any
  std::string category;       // empty = any
  int min_severity = 0;
  int drill = 0;             // 0 any, 1 real only, 2 drill only
  std::string reporter_key;  // non-empty: only this reporter's (kiosks)
  int page_size = 50;
  // Keyset cursor: incidents reported before (reported_us, id).
  int64_t before_reported_us = 0;
  std::string before_id;
};

// One page, newest first; `next` is set when more rows follow.
struct ListPage {
  std::vector<v1::Incident> incidents;
  bool more = false;
  int64_t as_of_seq = 0;  // the log head in the same snapshot as the rows
};
// Reads the page and the log head in one repeatable-read snapshot.
ListPage ListIncidents(PgConnection& conn, const ListFilter& f);

// Events with after < seq <= upto in scope, oldest first, at most `limit`.
// *covered_to is the seq up to which the log was read (upto when fewer
// than limit rows came back).
std::vector<v1::IncidentEvent> ReadLog(PgConnection& conn, const HallScope& scope, int64_t after,
                                       int64_t upto, int limit, int64_t* covered_to);

}  // namespace hall::store
