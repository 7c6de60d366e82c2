#include "desk_session.h"

#include <QUuid>
#include <algorithm>

#include "labels.h"

namespace hall::desk {

using client::qs;
using client::RpcResult;
using client::ss;
namespace v1 = hall::v1;
using Inc = class v1::IncidentService::Stub::async;
using Dir = class v1::DirectoryService::Stub::async;
using Pb = class v1::PlaybookService::Stub::async;
using Drl = class v1::DrillService::Stub::async;

DeskSession::DeskSession(const DeskOptions& options, QObject* parent)
    : QObject(parent),
      m_options(options),
      m_client(std::make_unique<client::HallClient>(options.server, options.caFile)),
      m_watch(std::make_unique<client::IncidentWatch>(m_client.get())),
      m_board(new client::IncidentBoardModel(this)),
      m_timeline(new client::TimelineModel(this)),
      m_kiosks(new client::KioskStatusModel(this)),
      m_checklist(new client::ChecklistModel(this)),
      m_chain(new client::ChainStagesModel(this)),
      m_escalatedToMe(new client::EscalatedToMeModel(this)),
      m_setups(new HallSetupCache(m_client.get(), this)) {
  connect(m_watch.get(), &client::IncidentWatch::eventsReceived, this,
          [this](const std::vector<v1::IncidentEvent>& events) {
            m_board->applyEvents(events);
            m_escalatedToMe->applyEvents(events);
            m_timeline->appendEvents(events);
            for (const auto& e : events) {
              if (!m_selected.isEmpty() && qs(e.incident_id()) == m_selected)
                applyToSelected(e.incident());
            }
          });
  // An event without the texts of a step the model never saw (e.g. after a
  // re-triage elsewhere): read the incident whole once more.
  connect(m_checklist, &client::ChecklistModel::textsMissing, this, [this](const QString& id) {
    if (id == m_selected) refreshSelected();
  });
  m_timeline->setStepLabeler(
      [this](const QString& stepId) { return m_checklist->stepText(stepId); });
  connect(m_client.get(), &client::HallClient::authenticationRequired, this,
          [this](const QString& message) {
            if (!m_signedIn) return;
            logout();
            emit sessionExpired(message);
          });
  connect(m_client.get(), &client::HallClient::reconnected, this, [this] {
    if (m_signedIn) refreshKiosks();
  });
  m_kioskTimer.setInterval(10 * 1000);  // until the server says its heartbeat period
  connect(&m_kioskTimer, &QTimer::timeout, this, &DeskSession::refreshKiosks);
  connect(m_client->serverProfile(), &client::ServerProfile::changed, this, [this] {
    const int seconds = m_client->serverProfile()->heartbeatIntervalSeconds();
    if (seconds > 0) m_kioskTimer.setInterval(std::clamp(seconds, 2, 300) * 1000);
  });
  connectEscalation();
}

void DeskSession::connectEscalation() {
  // Deadlines, ages and countdowns are the server's: read on its clock.
  auto serverNow = [profile = m_client->serverProfile()] { return profile->serverNowMs(); };
  m_board->setClock(serverNow);
  m_checklist->setClock(serverNow);
  m_chain->setClock(serverNow);
  auto title = [this](const QString& id) { return categoryTitle(id, m_english); };
  m_board->setCategoryNamer(title);
  m_timeline->setCategoryNamer(title);
  m_escalatedToMe->setDescriber([this](const v1::Incident& inc) { return describe(inc); });
  connect(m_setups, &HallSetupCache::changed, this, &DeskSession::applySetup);
  connect(m_setups, &HallSetupCache::writeFinished, this, &DeskSession::actionFinished);
  connect(this, &DeskSession::selectedPlaybookChanged, this, [this] {
    if (const auto* pb = selectedPlaybook()) {
      m_chain->setPolicy(pb->escalation());
    } else {
      m_chain->clearPolicy();
    }
  });
  connect(this, &DeskSession::categoriesChanged, this, [this] { setEnglish(m_english); });
  connect(this, &DeskSession::hallsChanged, this, [this] { m_escalatedToMe->retranslate(); });
}

void DeskSession::setEnglish(bool english) {
  m_english = english;
  auto title = [this](const QString& id) { return categoryTitle(id, m_english); };
  m_board->setCategoryNamer(title);
  m_timeline->setCategoryNamer(title);
  m_escalatedToMe->retranslate();
  m_chain->retranslate();
}

QString DeskSession::describe(const v1::Incident& inc) const {
  const QString category = qs(inc.category());
  QStringList parts{client::hasCategoryLabel(category) ? client::categoryName(category)
                                                       : categoryTitle(category, m_english)};
  const QString place = m_locationNames.value(qs(inc.location_id()));
  if (!place.isEmpty()) parts << place;
  if (m_hallIds.size() != 1) parts << hallName(qs(inc.hall_id()));
  return parts.join(QStringLiteral(" · "));
}

bool DeskSession::awaitsAcknowledgement(const v1::Incident& inc) {
  if (inc.status() == v1::INCIDENT_STATUS_REPORTED) return true;
  return inc.status() == v1::INCIDENT_STATUS_ACKNOWLEDGED && inc.escalation().started() &&
         !inc.escalation().acknowledged() && !inc.escalation().alerts().empty();
}

void DeskSession::applySetup(const QString& hallId) {
  if (hallId != m_selectedHall) return;
  m_checklist->setContacts(m_setups->contacts(hallId));
  const v1::HallSetup* setup = m_setups->setup(hallId);
  m_chain->setOnNow(
      setup ? std::vector<v1::ResolvedTier>(setup->on_now().begin(), setup->on_now().end())
            : std::vector<v1::ResolvedTier>());
}

void DeskSession::loadSetupsToManage() {
  if (!may(QStringLiteral("manage_hall"))) return;
  for (const QString& hall : std::as_const(m_hallIds)) m_setups->load(hall);
}

void DeskSession::onKiosks(const std::vector<v1::Kiosk>& kiosks) {
  m_kiosks->setKiosks(kiosks);
  QHash<QString, QString> names;
  for (const auto& k : kiosks) names.insert(qs(k.id()), qs(k.name()));
  m_board->setKioskNames(names);
}

QString DeskSession::refusal(const v1::Principal& principal) {
  const auto& perms = principal.permissions();
  if (std::find(perms.begin(), perms.end(), "read") == perms.end()) {
    return tr("此账号（%1）无权查看事件，不能使用值班台").arg(client::roleName(principal.role()));
  }
  return {};
}

void DeskSession::setPrincipal(const v1::Principal& p) {
  m_userName = qs(p.display_name());
  m_personId = qs(p.id());
  m_escalatedToMe->setPersonId(m_personId);
  m_role = p.role();
  m_hallIds.clear();
  for (const auto& h : p.hall_ids()) m_hallIds << qs(h);
  m_permissions.clear();
  for (const auto& perm : p.permissions()) m_permissions.insert(qs(perm));
  emit permissionsChanged();
}

bool DeskSession::readOnly() const {
  for (const char* p :
       {"acknowledge", "assign", "note", "resolve", "close", "reopen", "checklist", "triage"}) {
    if (may(QLatin1String(p))) return false;
  }
  return true;
}

DeskSession::~DeskSession() {
  m_watch.reset();
  m_client->cancelAll();
}

QString DeskSession::hallNames() const {
  QStringList names;
  for (const QString& id : m_hallIds) names << m_hallNames.value(id, id);
  return names.join(QStringLiteral("、"));
}

void DeskSession::setServerAddress(const QString& address) {
  if (address == m_client->serverAddress()) return;
  logout();
  m_client->setServerAddress(address);
}

void DeskSession::login(const QString& user, const QString& password) {
  if (user.trimmed().isEmpty() || password.isEmpty()) {
    emit loginFinished(false, tr("请输入用户名和密码"));
    return;
  }
  v1::LoginRequest req;
  req.mutable_password()->set_username(ss(user.trimmed()));
  req.mutable_password()->set_password(ss(password));
  m_client->call(m_client->auth()->async(), &v1::AuthService::Stub::async::Login, req, this,
                 std::function<void(const RpcResult&, const v1::LoginResponse&)>(
                     [this](const RpcResult& r, const v1::LoginResponse& resp) {
                       if (!r.ok()) {
                         emit loginFinished(false, r.text());
                         return;
                       }
                       const auto& p = resp.principal();
                       if (resp.has_server()) m_client->serverProfile()->update(resp.server());
                       if (QString why = refusal(p); !why.isEmpty()) {
                         emit loginFinished(false, why);
                         return;
                       }
                       m_client->setToken(qs(resp.token()));
                       m_signedIn = true;
                       setPrincipal(p);
                       m_board->clear();
                       loadCategories();
                       if (!m_hallIds.isEmpty()) loadPlans();
                       loadSetupsToManage();
                       // Every hall in scope (empty = all for leadership):
                       // the open incidents now, then the watch from there.
                       loadBoard(p.all_halls() ? QStringList() : m_hallIds);
                       loadDirectory();
                       refreshKiosks();
                       m_kioskTimer.start();
                       emit signedInChanged();
                       emit loginFinished(true, {});
                     }));
}

void DeskSession::logout() {
  if (!m_signedIn) return;
  m_watch->stop();
  m_kioskTimer.stop();
  if (m_client->hasToken()) {
    // Best effort; the token is forgotten here either way.
    m_client->call(m_client->auth()->async(), &v1::AuthService::Stub::async::Logout,
                   v1::LogoutRequest(), this,
                   std::function<void(const RpcResult&, const v1::LogoutResponse&)>());
  }
  m_client->clearToken();
  m_signedIn = false;
  m_permissions.clear();
  emit permissionsChanged();
  ++m_boardGeneration;  // a load in flight is dropped
  m_boardPages.clear();
  m_boardStartSeq = -1;
  m_board->clear();
  m_timeline->clear();
  m_checklist->clear();
  m_chain->clear();
  m_escalatedToMe->clear();
  m_setups->clear();
  m_selected.clear();
  m_selectedHall.clear();
  m_plans.clear();
  m_locations.clear();
  emit locationsChanged();
  m_setVersion.clear();
  m_selectedPlaybookKey.clear();
  m_haveSelectedPlaybook = false;
  emit plansChanged();
  emit selectedPlaybookChanged();
  emit signedInChanged();
}

void DeskSession::loadBoard(const QStringList& halls) {
  m_watch->stop();
  ++m_boardGeneration;
  m_boardAsOf = -1;
  m_boardPages.clear();
  m_boardStartSeq = -1;
  loadBoardPage(halls, {});
}

void DeskSession::loadBoardPage(const QStringList& halls, const std::string& pageToken) {
  v1::ListIncidentsRequest req;
  for (const QString& h : halls) req.add_hall_ids(ss(h));
  // What the board shows (client::isOpen).
  req.add_statuses(v1::INCIDENT_STATUS_REPORTED);
  req.add_statuses(v1::INCIDENT_STATUS_ACKNOWLEDGED);
  req.add_statuses(v1::INCIDENT_STATUS_RESOLVED);
  req.mutable_page()->set_page_size(kBoardPageSize);
  req.mutable_page()->set_page_token(pageToken);
  const int generation = m_boardGeneration;
  m_client->call(
      m_client->incidents()->async(), &Inc::ListIncidents, req, this,
      std::function<void(const RpcResult&, const v1::ListIncidentsResponse&)>(
          [this, generation, halls](const RpcResult& r, const v1::ListIncidentsResponse& resp) {
            if (generation != m_boardGeneration || !m_signedIn) return;  // superseded
            if (!r.ok()) {
              // The board still fills, the slow way: replay the log.
              qWarning("hall-desk: ListIncidents failed (%s); replaying the log",
                       qPrintable(r.text()));
              m_boardPages.clear();
              m_board->clear();
              startWatch(halls, 0);
              return;
            }
            // Later pages are read at later positions; the
            // watch skips what they already show (last_seq).
            if (m_boardAsOf < 0) m_boardAsOf = resp.as_of_seq();
            m_boardPages.insert(m_boardPages.end(), resp.incidents().begin(),
                                resp.incidents().end());
            if (!resp.next_page_token().empty()) {
              loadBoardPage(halls, resp.next_page_token());
              return;
            }
            m_board->setIncidents(m_boardPages);
            m_escalatedToMe->setIncidents(m_boardPages);
            m_boardPages.clear();
            m_boardPages.shrink_to_fit();
            startWatch(halls, m_boardAsOf);
          }),
      30000);
}

void DeskSession::startWatch(const QStringList& halls, qint64 afterSeq) {
  m_boardStartSeq = afterSeq;
  m_watch->start(halls, afterSeq);
}

void DeskSession::loadDirectory() {
  m_client->call(
      m_client->directory()->async(), &Dir::ListHalls, v1::ListHallsRequest(), this,
      std::function<void(const RpcResult&, const v1::ListHallsResponse&)>(
          [this](const RpcResult& r, const v1::ListHallsResponse& resp) {
            if (!r.ok()) return;
            QStringList ids;
            for (const auto& h : resp.halls()) {
              m_hallNames.insert(qs(h.id()), qs(h.name()));
              ids << qs(h.id());
            }
            if (m_hallIds.isEmpty()) {  // all halls
              m_hallIds = ids;
              loadPlans();
              loadSetupsToManage();
            }
            emit hallsChanged();
            for (const QString& hall : std::as_const(m_hallIds)) {
              v1::ListLocationsRequest lr;
              lr.set_hall_id(ss(hall));
              m_client->call(
                  m_client->directory()->async(), &Dir::ListLocations, lr, this,
                  std::function<void(const RpcResult&, const v1::ListLocationsResponse&)>(
                      [this, hall](const RpcResult& r2, const v1::ListLocationsResponse& l) {
                        if (!r2.ok()) return;
                        for (const auto& loc : l.locations()) {
                          m_locationNames.insert(qs(loc.id()), qs(loc.name()));
                        }
                        m_locations.insert(hall, {l.locations().begin(), l.locations().end()});
                        m_board->setLocationNames(m_locationNames);
                        m_kiosks->setLocationNames(m_locationNames);
                        m_escalatedToMe->retranslate();
                        emit locationsChanged();
                      }));
            }
          }));
  m_client->call(
      m_client->directory()->async(), &Dir::ListPeople, v1::ListPeopleRequest(), this,
      std::function<void(const RpcResult&, const v1::ListPeopleResponse&)>(
          [this](const RpcResult& r, const v1::ListPeopleResponse& resp) {
            if (!r.ok()) return;
            m_people.clear();
            for (const auto& p : resp.people()) {
              // People who can work an incident (not the administrator).
              if (!p.active() || p.role() == v1::ROLE_ADMIN) continue;
              PersonChoice c;
              c.id = qs(p.id());
              c.name =
                  QStringLiteral("%1（%2）").arg(qs(p.display_name()), client::roleName(p.role()));
              c.role = p.role();
              for (const auto& h : p.hall_ids()) c.hallIds << qs(h);
              c.allHalls = p.all_halls();
              m_people.append(c);
            }
            emit peopleChanged();
          }));
}

std::vector<v1::Location> DeskSession::locations() const {
  std::vector<v1::Location> all;
  for (const auto& places : m_locations) all.insert(all.end(), places.begin(), places.end());
  return all;
}

void DeskSession::refreshKiosks() {
  if (!m_signedIn) return;
  m_client->call(m_client->directory()->async(), &Dir::ListKiosks, v1::ListKiosksRequest(), this,
                 std::function<void(const RpcResult&, const v1::ListKiosksResponse&)>(
                     [this](const RpcResult& r, const v1::ListKiosksResponse& resp) {
                       if (!r.ok()) return;
                       onKiosks({resp.kiosks().begin(), resp.kiosks().end()});
                     }),
                 5000);
}

void DeskSession::select(const QString& incidentId) {
  if (incidentId != m_selected) {
    m_checklist->clear();
    m_chain->clear();
    m_selectedHall.clear();
    m_selectedPlaybookKey.clear();
    m_haveSelectedPlaybook = false;
    emit selectedPlaybookChanged();
  }
  m_selected = incidentId;
  if (incidentId.isEmpty()) {
    m_timeline->clear();
    return;
  }
  refreshSelected();
}

void DeskSession::refreshSelected() {
  if (m_selected.isEmpty()) return;
  if (m_refreshing) {  // one read at a time; the latest wish follows it
    m_refreshAgain = true;
    return;
  }
  m_refreshing = true;
  const QString incidentId = m_selected;
  v1::GetIncidentRequest req;
  req.set_incident_id(ss(incidentId));
  m_client->call(
      m_client->incidents()->async(), &Inc::GetIncident, req, this,
      std::function<void(const RpcResult&,
                         const v1::GetIncidentResponse&)>([this, incidentId](
                                                              const RpcResult& r,
                                                              const v1::GetIncidentResponse& resp) {
        m_refreshing = false;
        if (incidentId == m_selected) {  // else another was chosen meanwhile
          if (!r.ok()) {
            emit actionFinished(tr("查看详情"), false, r.text());
          } else {
            m_timeline->setTimeline(incidentId, {resp.timeline().begin(), resp.timeline().end()});
            applyToSelected(resp.incident());
          }
        }
        if (m_refreshAgain) {
          m_refreshAgain = false;
          refreshSelected();
        }
      }));
}

void DeskSession::applyToSelected(const v1::Incident& incident) {
  m_checklist->setIncident(incident);
  m_chain->setIncident(incident);
  const QString hall = qs(incident.hall_id());
  if (hall != m_selectedHall) {
    // The hall's numbers (contact steps) and who its tiers reach now.
    m_selectedHall = hall;
    if (m_setups->setup(hall)) {
      applySetup(hall);
    } else {
      m_checklist->setContacts({});
      m_chain->setOnNow({});
      m_setups->load(hall);
    }
  }
  loadSelectedPlaybook(incident);
}

void DeskSession::loadSelectedPlaybook(const v1::Incident& incident) {
  const QString key = qs(incident.plan_id()) + QLatin1Char('|') + qs(incident.category());
  if (key == m_selectedPlaybookKey) return;
  m_selectedPlaybookKey = key;
  m_haveSelectedPlaybook = false;
  emit selectedPlaybookChanged();
  if (incident.plan_id().empty()) return;
  v1::GetPlaybookRequest req;
  req.set_plan_id(incident.plan_id());
  req.set_category(incident.category());
  m_client->call(m_client->playbooks()->async(), &Pb::GetPlaybook, req, this,
                 std::function<void(const RpcResult&, const v1::GetPlaybookResponse&)>(
                     [this, key](const RpcResult& r, const v1::GetPlaybookResponse& resp) {
                       if (key != m_selectedPlaybookKey || !r.ok())
                         return;  // NOT_FOUND: no playbook
                       m_selectedPlaybook = resp;
                       m_haveSelectedPlaybook = true;
                       emit selectedPlaybookChanged();
                     }));
}

const v1::GetPlaybookResponse* DeskSession::selectedPlaybook() const {
  return m_haveSelectedPlaybook ? &m_selectedPlaybook : nullptr;
}

QStringList DeskSession::gradingMetrics() const {
  QStringList metrics;
  if (!m_haveSelectedPlaybook) return metrics;
  for (const auto& rule : m_selectedPlaybook.playbook().grading()) {
    const QString m = qs(rule.metric());
    if (!m.isEmpty() && !metrics.contains(m)) metrics << m;
  }
  return metrics;
}

QStringList DeskSession::grades() const {
  QStringList grades;
  if (!m_haveSelectedPlaybook) return grades;
  for (const auto& rule : m_selectedPlaybook.playbook().grading()) {
    const QString g = qs(rule.grade());
    if (!g.isEmpty() && !grades.contains(g)) grades << g;
  }
  return grades;
}

// ------------------------------------------------------------ plans

void DeskSession::loadPlans() {
  for (const QString& hall : std::as_const(m_hallIds)) {
    v1::GetPlanRequest req;
    req.set_hall_id(ss(hall));
    m_client->call(m_client->playbooks()->async(), &Pb::GetPlan, req, this,
                   std::function<void(const RpcResult&, const v1::GetPlanResponse&)>(
                       [this, hall](const RpcResult& r, const v1::GetPlanResponse& resp) {
                         if (!r.ok() || !m_signedIn) return;
                         m_plans.insert(hall, resp.plan());
                         m_setVersion = qs(resp.version());
                         emit plansChanged();
                       }));
  }
}

void DeskSession::loadCategories() {
  m_client->call(m_client->playbooks()->async(), &Pb::ListCategories, v1::ListCategoriesRequest(),
                 this,
                 std::function<void(const RpcResult&, const v1::Taxonomy&)>(
                     [this](const RpcResult& r, const v1::Taxonomy& resp) {
                       if (!r.ok()) return;
                       m_categories.assign(resp.categories().begin(), resp.categories().end());
                       emit categoriesChanged();
                     }));
}

const v1::Plan* DeskSession::plan(const QString& hallId) const {
  auto it = m_plans.constFind(hallId);
  return it == m_plans.constEnd() ? nullptr : &it.value();
}

QString DeskSession::planSummary(bool english) const {
  QStringList seen, parts;
  for (const QString& hall : m_hallIds) {
    const v1::Plan* p = plan(hall);
    if (!p || seen.contains(qs(p->id()))) continue;
    seen << qs(p->id());
    const std::string& name = english && !p->name_en().empty() ? p->name_en() : p->name();
    parts << tr("%1（%2）").arg(qs(name), qs(p->short_name()));
  }
  if (parts.isEmpty()) return {};
  return tr("适用预案：%1").arg(parts.join(QStringLiteral("；")));
}

const v1::Category* DeskSession::category(const QString& id) const {
  for (const auto& c : m_categories) {
    if (qs(c.id()) == id) return &c;
  }
  return nullptr;
}

QString DeskSession::categoryTitle(const QString& id, bool english) const {
  const v1::Category* c = category(id);
  if (!c) return client::categoryName(id);
  return qs(english ? c->name_en() : c->name_zh());
}

void DeskSession::loadPlaybook(const QString& hallId, const QString& category) {
  const QString key = hallId + QLatin1Char('|') + category;
  m_playbookRequest = key;
  v1::GetPlaybookRequest req;
  req.set_hall_id(ss(hallId));
  req.set_category(ss(category));
  m_client->call(
      m_client->playbooks()->async(), &Pb::GetPlaybook, req, this,
      std::function<void(const RpcResult&, const v1::GetPlaybookResponse&)>(
          [this, key, hallId, category](const RpcResult& r, const v1::GetPlaybookResponse& resp) {
            if (key != m_playbookRequest) return;  // superseded
            if (r.ok()) {
              emit playbookLoaded(hallId, category, resp);
            } else {
              emit playbookFailed(hallId, category, r.text());
            }
          }));
}

int DeskSession::maxNoteChars() const { return m_client->serverProfile()->maxNoteChars(); }

QString DeskSession::checkNote(const QString& note, bool required) const {
  const QString t = note.trimmed();
  if (required && t.isEmpty()) return tr("备注不能为空");
  const int max = maxNoteChars();
  if (max > 0 && t.size() > max)
    return tr("备注过长：最多 %1 个字（现有 %2 个）").arg(max).arg(t.size());
  return {};
}

QString DeskSession::checkSummary(const QString& summary) const {
  const QString t = summary.trimmed();
  const int max = m_client->serverProfile()->maxSummaryChars();
  if (max > 0 && t.size() > max)
    return tr("说明过长：最多 %1 个字（现有 %2 个）").arg(max).arg(t.size());
  return {};
}

qint64 DeskSession::expectedSeq(const QString& incidentId) const {
  const auto* inc = m_board->incident(incidentId);
  return inc ? inc->last_seq() : 0;
}

DeskSession::Handler DeskSession::actionHandler(const QString& action) {
  return [this, action](const RpcResult& r, const v1::IncidentResponse& resp) {
    if (r.ok()) {
      m_board->applyIncident(resp.incident());
      m_escalatedToMe->applyIncident(resp.incident());
      // The reply carries the checklist whole (texts included).
      if (qs(resp.incident().id()) == m_selected) applyToSelected(resp.incident());
    }
    emit actionFinished(action, r.ok(), r.ok() ? tr("%1：完成").arg(action) : r.text());
  };
}

void DeskSession::acknowledge(const QString& incidentId) {
  if (incidentId.isEmpty()) return emit actionFinished(tr("确认"), false, tr("请先选择一个事件"));
  v1::AcknowledgeIncidentRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_expected_seq(expectedSeq(incidentId));
  m_client->call(m_client->incidents()->async(), &Inc::AcknowledgeIncident, req, this,
                 actionHandler(tr("确认")));
}

void DeskSession::assign(const QString& incidentId, const QString& personId) {
  if (incidentId.isEmpty()) return emit actionFinished(tr("指派"), false, tr("请先选择一个事件"));
  if (personId.isEmpty()) return emit actionFinished(tr("指派"), false, tr("请选择处置人"));
  v1::AssignIncidentRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_assignee_id(ss(personId));
  req.set_expected_seq(expectedSeq(incidentId));
  m_client->call(m_client->incidents()->async(), &Inc::AssignIncident, req, this,
                 actionHandler(tr("指派")));
}

void DeskSession::addNote(const QString& incidentId, const QString& note) {
  if (incidentId.isEmpty())
    return emit actionFinished(tr("添加备注"), false, tr("请先选择一个事件"));
  if (QString p = checkNote(note, true); !p.isEmpty())
    return emit actionFinished(tr("添加备注"), false, p);
  v1::AddNoteRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_note(ss(note.trimmed()));
  m_client->call(m_client->incidents()->async(), &Inc::AddNote, req, this,
                 actionHandler(tr("添加备注")));
}

void DeskSession::resolve(const QString& incidentId, v1::Outcome outcome, const QString& note) {
  if (incidentId.isEmpty())
    return emit actionFinished(tr("处置完毕"), false, tr("请先选择一个事件"));
  if (outcome == v1::OUTCOME_UNSPECIFIED)
    return emit actionFinished(tr("处置完毕"), false, tr("请选择处置结果"));
  if (QString p = checkNote(note, false); !p.isEmpty())
    return emit actionFinished(tr("处置完毕"), false, p);
  v1::ResolveIncidentRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_outcome(outcome);
  req.set_note(ss(note.trimmed()));
  req.set_expected_seq(expectedSeq(incidentId));
  m_client->call(m_client->incidents()->async(), &Inc::ResolveIncident, req, this,
                 actionHandler(tr("处置完毕")));
}

void DeskSession::close(const QString& incidentId, const QString& note) {
  if (incidentId.isEmpty()) return emit actionFinished(tr("关闭"), false, tr("请先选择一个事件"));
  if (QString p = checkNote(note, false); !p.isEmpty())
    return emit actionFinished(tr("关闭"), false, p);
  v1::CloseIncidentRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_note(ss(note.trimmed()));
  req.set_expected_seq(expectedSeq(incidentId));
  m_client->call(m_client->incidents()->async(), &Inc::CloseIncident, req, this,
                 actionHandler(tr("关闭")));
}

void DeskSession::reopen(const QString& incidentId, const QString& reason) {
  if (incidentId.isEmpty())
    return emit actionFinished(tr("重新打开"), false, tr("请先选择一个事件"));
  if (reason.trimmed().isEmpty())
    return emit actionFinished(tr("重新打开"), false, tr("请填写重新打开的原因"));
  if (QString p = checkNote(reason, true); !p.isEmpty())
    return emit actionFinished(tr("重新打开"), false, p);
  v1::ReopenIncidentRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_reason(ss(reason.trimmed()));
  // A closed incident is no longer on the board; no condition then.
  req.set_expected_seq(expectedSeq(incidentId));
  m_client->call(m_client->incidents()->async(), &Inc::ReopenIncident, req, this,
                 actionHandler(tr("重新打开")));
}

void DeskSession::completeStep(const QString& incidentId, const QString& stepId,
                               const QString& note) {
  const QString action = tr("完成步骤");
  if (incidentId.isEmpty()) return emit actionFinished(action, false, tr("请先选择一个事件"));
  if (stepId.isEmpty())
    return emit actionFinished(action, false, tr("请先在处置清单中选择一个步骤"));
  if (QString p = checkNote(note, false); !p.isEmpty())
    return emit actionFinished(action, false, p);
  v1::CompleteStepRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_step_id(ss(stepId));
  req.set_note(ss(note.trimmed()));
  m_client->call(m_client->incidents()->async(), &Inc::CompleteStep, req, this,
                 actionHandler(action));
}

void DeskSession::skipStep(const QString& incidentId, const QString& stepId,
                           const QString& reason) {
  const QString action = tr("跳过步骤");
  if (incidentId.isEmpty()) return emit actionFinished(action, false, tr("请先选择一个事件"));
  if (stepId.isEmpty())
    return emit actionFinished(action, false, tr("请先在处置清单中选择一个步骤"));
  if (reason.trimmed().isEmpty())
    return emit actionFinished(action, false, tr("跳过步骤须填写原因"));
  if (QString p = checkNote(reason, true); !p.isEmpty())
    return emit actionFinished(action, false, p);
  v1::SkipStepRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_step_id(ss(stepId));
  req.set_reason(ss(reason.trimmed()));
  m_client->call(m_client->incidents()->async(), &Inc::SkipStep, req, this, actionHandler(action));
}

void DeskSession::recategorize(const QString& incidentId, const QString& category,
                               v1::Severity severity, const QString& reason) {
  const QString action = tr("改类别");
  if (incidentId.isEmpty()) return emit actionFinished(action, false, tr("请先选择一个事件"));
  if (category.isEmpty()) return emit actionFinished(action, false, tr("请选择新的事件类别"));
  if (const auto* inc = m_board->incident(incidentId); inc && qs(inc->category()) == category) {
    return emit actionFinished(action, false, tr("事件已是该类别"));
  }
  if (reason.trimmed().isEmpty()) return emit actionFinished(action, false, tr("改类别须填写原因"));
  if (QString p = checkNote(reason, true); !p.isEmpty())
    return emit actionFinished(action, false, p);
  v1::RecategorizeIncidentRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_category(ss(category));
  req.set_severity(severity);
  req.set_reason(ss(reason.trimmed()));
  m_client->call(m_client->incidents()->async(), &Inc::RecategorizeIncident, req, this,
                 actionHandler(action));
}

void DeskSession::updateMetric(const QString& incidentId, const QString& metric, qint64 value) {
  const QString action = tr("更新分级指标");
  if (incidentId.isEmpty()) return emit actionFinished(action, false, tr("请先选择一个事件"));
  if (metric.isEmpty()) return emit actionFinished(action, false, tr("请选择分级指标"));
  if (value < 0 || value > 1000000000)
    return emit actionFinished(action, false, tr("指标值须在 0 到 10亿 之间"));
  v1::UpdateMetricRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_metric(ss(metric));
  req.set_value(value);
  m_client->call(m_client->incidents()->async(), &Inc::UpdateMetric, req, this,
                 actionHandler(action));
}

void DeskSession::escalate(const QString& incidentId, const QString& reason) {
  const QString action = tr("升级");
  if (incidentId.isEmpty()) return emit actionFinished(action, false, tr("请先选择一个事件"));
  if (reason.trimmed().isEmpty()) return emit actionFinished(action, false, tr("升级须填写原因"));
  if (QString p = checkNote(reason, true); !p.isEmpty())
    return emit actionFinished(action, false, p);
  v1::EscalateIncidentRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_reason(ss(reason.trimmed()));
  req.set_expected_seq(expectedSeq(incidentId));
  m_client->call(m_client->incidents()->async(), &Inc::EscalateIncident, req, this,
                 actionHandler(action));
}

void DeskSession::deescalate(const QString& incidentId, const QString& reason) {
  const QString action = tr("交回下一级");
  if (incidentId.isEmpty()) return emit actionFinished(action, false, tr("请先选择一个事件"));
  if (reason.trimmed().isEmpty())
    return emit actionFinished(action, false, tr("交回下一级须填写原因"));
  if (QString p = checkNote(reason, true); !p.isEmpty())
    return emit actionFinished(action, false, p);
  v1::DeescalateIncidentRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_reason(ss(reason.trimmed()));
  req.set_expected_seq(expectedSeq(incidentId));
  m_client->call(m_client->incidents()->async(), &Inc::DeescalateIncident, req, this,
                 actionHandler(action));
}

void DeskSession::setGrade(const QString& incidentId, const QString& grade, const QString& reason) {
  const QString action = tr("定级");
  if (incidentId.isEmpty()) return emit actionFinished(action, false, tr("请先选择一个事件"));
  if (grade.isEmpty()) return emit actionFinished(action, false, tr("请选择级别"));
  if (reason.trimmed().isEmpty()) return emit actionFinished(action, false, tr("定级须填写原因"));
  if (QString p = checkNote(reason, true); !p.isEmpty())
    return emit actionFinished(action, false, p);
  v1::SetGradeRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_grade(ss(grade));
  req.set_reason(ss(reason.trimmed()));
  m_client->call(m_client->incidents()->async(), &Inc::SetGrade, req, this, actionHandler(action));
}

void DeskSession::recordContact(const QString& incidentId, const QString& stepId,
                                const QString& number, v1::ContactMethod method,
                                const QString& reference, const QString& note) {
  const QString action = tr("记录联系");
  if (incidentId.isEmpty()) return emit actionFinished(action, false, tr("请先选择一个事件"));
  if (stepId.isEmpty())
    return emit actionFinished(action, false, tr("请先在处置清单中选择一个联系步骤"));
  if (number.trimmed().isEmpty()) return emit actionFinished(action, false, tr("请填写拨打的号码"));
  if (method == v1::CONTACT_METHOD_UNSPECIFIED)
    return emit actionFinished(action, false, tr("请选择联系方式"));
  if (QString p = checkNote(note, false); !p.isEmpty())
    return emit actionFinished(action, false, p);
  v1::RecordContactRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_step_id(ss(stepId));
  req.set_number(ss(number.trimmed()));
  req.set_method(method);
  req.set_reference(ss(reference.trimmed()));
  req.set_note(ss(note.trimmed()));
  m_client->call(m_client->incidents()->async(), &Inc::RecordContact, req, this,
                 actionHandler(action));
}

void DeskSession::draftStatement(const QString& incidentId, const QString& text,
                                 const QString& audience) {
  const QString action = tr("起草通报");
  if (incidentId.isEmpty()) return emit actionFinished(action, false, tr("请先选择一个事件"));
  if (QString p = checkNote(text, true); !p.isEmpty()) return emit actionFinished(action, false, p);
  v1::DraftStatementRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_text(ss(text.trimmed()));
  req.set_audience(ss(audience.trimmed()));
  m_client->call(m_client->incidents()->async(), &Inc::DraftStatement, req, this,
                 actionHandler(action));
}

void DeskSession::decideStatement(const QString& incidentId, const QString& statementId,
                                  bool approve, const QString& reason) {
  const QString action = approve ? tr("批准通报") : tr("退回通报");
  if (incidentId.isEmpty() || statementId.isEmpty())
    return emit actionFinished(action, false, tr("请先选择一条待审批的通报"));
  if (QString p = checkNote(reason, !approve); !p.isEmpty())
    return emit actionFinished(action, false, p);
  v1::DecideStatementRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_statement_id(ss(statementId));
  req.set_approve(approve);
  req.set_reason(ss(reason.trimmed()));
  m_client->call(m_client->incidents()->async(), &Inc::DecideStatement, req, this,
                 actionHandler(action));
}

void DeskSession::recordSummary(const QString& incidentId, const v1::AfterActionSummary& summary) {
  const QString action = tr("填写总结");
  if (incidentId.isEmpty()) return emit actionFinished(action, false, tr("请先选择一个事件"));
  for (const auto& [text, required] :
       {std::pair{summary.cause(), true}, std::pair{summary.course(), true},
        std::pair{summary.went_well(), true}, std::pair{summary.improvements(), true},
        std::pair{summary.losses(), false}, std::pair{summary.went_badly(), false}}) {
    if (QString p = checkNote(qs(text), required); !p.isEmpty())
      return emit actionFinished(action, false, tr("总结不完整：%1").arg(p));
  }
  v1::RecordSummaryRequest req;
  req.set_incident_id(ss(incidentId));
  *req.mutable_summary() = summary;
  req.set_expected_seq(expectedSeq(incidentId));
  m_client->call(m_client->incidents()->async(), &Inc::RecordSummary, req, this,
                 actionHandler(action));
}

void DeskSession::recordFiling(const QString& incidentId, const QString& body,
                               v1::ContactMethod method, const QString& reference) {
  const QString action = tr("记录报送");
  if (incidentId.isEmpty()) return emit actionFinished(action, false, tr("请先选择一个事件"));
  if (body.trimmed().isEmpty()) return emit actionFinished(action, false, tr("请填写报送单位"));
  if (method == v1::CONTACT_METHOD_UNSPECIFIED)
    return emit actionFinished(action, false, tr("请选择报送方式"));
  v1::RecordFilingRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_body(ss(body.trimmed()));
  req.set_method(method);
  req.set_reference(ss(reference.trimmed()));
  m_client->call(m_client->incidents()->async(), &Inc::RecordFiling, req, this,
                 actionHandler(action));
}

void DeskSession::handOver(const QString& incidentId, const QString& department,
                           const QString& note, const QString& feedback) {
  const QString action = tr("转办");
  if (incidentId.isEmpty()) return emit actionFinished(action, false, tr("请先选择一个事件"));
  if (department.trimmed().isEmpty())
    return emit actionFinished(action, false, tr("请填写承办部门"));
  if (feedback.trimmed().isEmpty())
    return emit actionFinished(action, false, tr("请填写向当事人的反馈"));
  v1::HandOverIncidentRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_department(ss(department.trimmed()));
  req.set_note(ss(note.trimmed()));
  req.set_feedback(ss(feedback.trimmed()));
  m_client->call(m_client->incidents()->async(), &Inc::HandOverIncident, req, this,
                 actionHandler(action));
}

void DeskSession::upsertFollowUp(const QString& incidentId, const QString& followUpId,
                                 const QString& text, const QString& owner, qint64 dueMs,
                                 bool done) {
  const QString action = followUpId.isEmpty() ? tr("添加改进事项") : tr("更新改进事项");
  if (incidentId.isEmpty()) return emit actionFinished(action, false, tr("请先选择一个事件"));
  if (followUpId.isEmpty() && (text.trimmed().isEmpty() || owner.trimmed().isEmpty() || !dueMs))
    return emit actionFinished(action, false, tr("改进事项需填写内容、责任人和期限"));
  v1::UpsertFollowUpRequest req;
  req.set_incident_id(ss(incidentId));
  req.set_follow_up_id(ss(followUpId));
  req.set_text(ss(text.trimmed()));
  req.set_owner(ss(owner.trimmed()));
  if (dueMs) {
    req.mutable_due_at()->set_seconds(dueMs / 1000);
  }
  req.set_done(done);
  m_client->call(m_client->incidents()->async(), &Inc::UpsertFollowUp, req, this,
                 actionHandler(action));
}

void DeskSession::raise(const QString& hallId, const QString& category, bool drill,
                        const QString& summary) {
  const QString action = drill ? tr("发起演练") : tr("上报事件");
  if (QString p = checkSummary(summary); !p.isEmpty()) return emit actionFinished(action, false, p);
  v1::RaiseIncidentRequest req;
  req.set_request_id(ss(QUuid::createUuid().toString(QUuid::WithoutBraces)));
  req.set_hall_id(ss(hallId));
  req.set_category(ss(category));
  req.set_drill(drill);
  req.set_summary(ss(summary.trimmed()));
  m_client->call(m_client->incidents()->async(), &Inc::RaiseIncident, req, this,
                 std::function<void(const RpcResult&, const v1::RaiseIncidentResponse&)>(
                     [this, action](const RpcResult& r, const v1::RaiseIncidentResponse& resp) {
                       if (r.ok()) m_board->applyIncident(resp.incident());
                       emit actionFinished(action, r.ok(),
                                           r.ok() ? tr("%1：完成").arg(action) : r.text());
                     }));
}

void DeskSession::readRegions(QObject* receiver,
                              std::function<void(const std::vector<v1::Region>&)> done) {
  m_client->call(m_client->directory()->async(), &v1::DirectoryService::Stub::async::ListRegions,
                 v1::ListRegionsRequest(), receiver,
                 std::function<void(const client::RpcResult&, const v1::ListRegionsResponse&)>(
                     [done](const client::RpcResult& r, const v1::ListRegionsResponse& resp) {
                       if (r.ok()) done({resp.regions().begin(), resp.regions().end()});
                     }));
}

void DeskSession::readHalls(QObject* receiver,
                            std::function<void(const std::vector<v1::Hall>&)> done) {
  m_client->call(m_client->directory()->async(), &v1::DirectoryService::Stub::async::ListHalls,
                 v1::ListHallsRequest(), receiver,
                 std::function<void(const client::RpcResult&, const v1::ListHallsResponse&)>(
                     [done](const client::RpcResult& r, const v1::ListHallsResponse& resp) {
                       if (r.ok()) done({resp.halls().begin(), resp.halls().end()});
                     }));
}

// ------------------------------------------------------------ drills

namespace {
client::RpcResult Refused(const QString& message) {
  client::RpcResult r;
  r.code = grpc::StatusCode::INVALID_ARGUMENT;
  r.message = message;
  return r;
}

// The handler of an RPC answering DrillResponse.
std::function<void(const client::RpcResult&, const v1::DrillResponse&)> DrillHandler(
    DeskSession::DrillDone done) {
  return [done = std::move(done)](const client::RpcResult& r, const v1::DrillResponse& resp) {
    if (done) done(r, resp.drill());
  };
}
}  // namespace

QString DeskSession::newRequestId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

void DeskSession::listDrillScenarios(
    const QString& hallId, QObject* receiver,
    std::function<void(const RpcResult&, const std::vector<v1::ScenarioForHall>&)> done) {
  v1::ListDrillScenariosRequest req;
  req.set_hall_id(ss(hallId));
  m_client->call(m_client->drills()->async(), &Drl::ListDrillScenarios, req, receiver,
                 std::function<void(const RpcResult&, const v1::ListDrillScenariosResponse&)>(
                     [done](const RpcResult& r, const v1::ListDrillScenariosResponse& resp) {
                       done(r, {resp.scenarios().begin(), resp.scenarios().end()});
                     }));
}

void DeskSession::startDrill(const QString& requestId, const QString& hallId,
                             const v1::DrillScenario& scenario, bool handBuilt,
                             const QDateTime& startsAt, const QStringList& kioskIds,
                             QObject* receiver, DrillDone done) {
  if (requestId.isEmpty() || hallId.isEmpty() || scenario.id().empty())
    return done(Refused(tr("请选择大厅和演练脚本")), {});
  v1::StartDrillRequest req;
  req.set_request_id(ss(requestId));
  req.set_hall_id(ss(hallId));
  if (handBuilt)
    *req.mutable_scenario() = scenario;
  else
    req.set_scenario_id(scenario.id());
  if (startsAt.isValid()) req.mutable_starts_at()->set_seconds(startsAt.toSecsSinceEpoch());
  for (const QString& k : kioskIds) req.add_kiosk_ids(ss(k));
  m_client->call(m_client->drills()->async(), &Drl::StartDrill, req, receiver,
                 DrillHandler(std::move(done)));
}

void DeskSession::checkDrillScenario(
    const QString& hallId, const v1::DrillScenario& scenario, QObject* receiver,
    std::function<void(const RpcResult&, const v1::ScenarioForHall&)> done) {
  if (hallId.isEmpty()) return done(Refused(tr("请选择大厅和演练脚本")), {});
  v1::CheckDrillScenarioRequest req;
  req.set_hall_id(ss(hallId));
  *req.mutable_scenario() = scenario;
  m_client->call(m_client->drills()->async(), &Drl::CheckDrillScenario, req, receiver,
                 std::move(done));
}

void DeskSession::pauseDrill(const QString& drillId, QObject* receiver, DrillDone done) {
  if (drillId.isEmpty()) return done(Refused(tr("没有进行中的演练")), {});
  v1::DrillRequest req;
  req.set_drill_id(ss(drillId));
  m_client->call(m_client->drills()->async(), &Drl::PauseDrill, req, receiver,
                 DrillHandler(std::move(done)));
}

void DeskSession::resumeDrill(const QString& drillId, QObject* receiver, DrillDone done) {
  if (drillId.isEmpty()) return done(Refused(tr("没有进行中的演练")), {});
  v1::DrillRequest req;
  req.set_drill_id(ss(drillId));
  m_client->call(m_client->drills()->async(), &Drl::ResumeDrill, req, receiver,
                 DrillHandler(std::move(done)));
}

void DeskSession::stopDrill(const QString& drillId, const QString& reason, QObject* receiver,
                            DrillDone done) {
  if (drillId.isEmpty()) return done(Refused(tr("没有进行中的演练")), {});
  if (reason.trimmed().isEmpty()) return done(Refused(tr("停止演练须填写原因")), {});
  v1::StopDrillRequest req;
  req.set_drill_id(ss(drillId));
  req.set_reason(ss(reason.trimmed()));
  m_client->call(m_client->drills()->async(), &Drl::StopDrill, req, receiver,
                 DrillHandler(std::move(done)));
}

void DeskSession::getDrill(const QString& drillId, QObject* receiver, DrillDone done) {
  if (drillId.isEmpty()) return done(Refused(tr("没有选择演练")), {});
  v1::DrillRequest req;
  req.set_drill_id(ss(drillId));
  m_client->call(m_client->drills()->async(), &Drl::GetDrill, req, receiver,
                 DrillHandler(std::move(done)), 5000);
}

void DeskSession::listDrills(
    const QStringList& hallIds, const QString& scenarioId, int limit, QObject* receiver,
    std::function<void(const RpcResult&, const std::vector<v1::Drill>&)> done) {
  v1::ListDrillsRequest req;
  for (const QString& h : hallIds) req.add_hall_ids(ss(h));
  req.set_scenario_id(ss(scenarioId));
  req.set_limit(limit);
  m_client->call(m_client->drills()->async(), &Drl::ListDrills, req, receiver,
                 std::function<void(const RpcResult&, const v1::ListDrillsResponse&)>(
                     [done](const RpcResult& r, const v1::ListDrillsResponse& resp) {
                       done(r, {resp.drills().begin(), resp.drills().end()});
                     }));
}

void DeskSession::recordDrillReview(const QString& drillId, const v1::DrillReview& review,
                                    QObject* receiver, DrillDone done) {
  if (drillId.isEmpty()) return done(Refused(tr("没有选择演练")), {});
  if (review.went_well().empty() && review.went_badly().empty() && review.improvements().empty())
    return done(Refused(tr("总结为空：请至少填写一项")), {});
  v1::RecordDrillReviewRequest req;
  req.set_drill_id(ss(drillId));
  *req.mutable_review() = review;
  m_client->call(m_client->drills()->async(), &Drl::RecordDrillReview, req, receiver,
                 DrillHandler(std::move(done)));
}

void DeskSession::getDrillCadence(
    const QStringList& hallIds, QObject* receiver,
    std::function<void(const RpcResult&, const std::vector<v1::DrillCadence>&)> done) {
  v1::DrillCadenceRequest req;
  for (const QString& h : hallIds) req.add_hall_ids(ss(h));
  m_client->call(m_client->drills()->async(), &Drl::GetDrillCadence, req, receiver,
                 std::function<void(const RpcResult&, const v1::DrillCadenceResponse&)>(
                     [done](const RpcResult& r, const v1::DrillCadenceResponse& resp) {
                       done(r, {resp.rows().begin(), resp.rows().end()});
                     }));
}

}  // namespace hall::desk
