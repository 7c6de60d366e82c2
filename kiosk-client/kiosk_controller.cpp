#include "kiosk_controller.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUrlQuery>
#include <QUuid>
#include <algorithm>

#include "escalation_models.h"
#include "labels.h"

namespace hall::kiosk {

using client::HallClient;
using client::qs;
using client::RpcResult;
using client::ss;
namespace v1 = hall::v1;

namespace {
// What the heartbeat reports as this kiosk's version (CMake's project version).
#ifndef HALL_APP_VERSION
#define HALL_APP_VERSION "0"
#endif
constexpr const char* kAppVersion = "kiosk-" HALL_APP_VERSION;

// Keys of what the queue file keeps of the server between runs.
const QString kTaxonomyKey = QStringLiteral("taxonomy");
const QString kTaxonomyVersionKey = QStringLiteral("taxonomy_version");
const QString kServerInfoKey = QStringLiteral("server_info");

}  // namespace

KioskController::KioskController(const KioskOptions& options, QObject* parent)
    : QObject(parent),
      m_options(options),
      m_client(std::make_unique<HallClient>(options.server, options.caFile)),
      m_watch(std::make_unique<client::IncidentWatch>(m_client.get())),
      m_buttons(new KioskButtonModel(this)) {
  if (m_options.queueFile.isEmpty()) {
    m_options.queueFile = m_options.kioskId.isEmpty()
                              ? QStringLiteral("var/kiosk.sqlite")
                              : QStringLiteral("var/kiosk-%1.sqlite").arg(m_options.kioskId);
  }
  connect(m_client.get(), &HallClient::stateChanged, this, &KioskController::connectionChanged);
  connect(m_client.get(), &HallClient::currentAddressChanged, this,
          &KioskController::connectionChanged);
  connect(m_client.get(), &HallClient::reconnected, this, [this] {
    if (!m_signedIn) {
      m_loginTimer.stop();
      login();
    } else {
      m_sendTimer.stop();
      flush();
      fetchCategories();  // the playbook set may have changed meanwhile
    }
  });
  connect(server(), &client::ServerProfile::changed, this, [this] {
    saveServerInfo();
    tickWithdraw();
    emit serverChanged();
  });
  connect(m_client.get(), &HallClient::authenticationRequired, this, [this](const QString&) {
    // The token expired or was revoked: sign in again with the device secret.
    m_signedIn = false;
    m_client->clearToken();
    emit signedInChanged();
    login();
  });
  connect(m_watch.get(), &client::IncidentWatch::eventsReceived, this, &KioskController::onEvents);

  m_loginTimer.setSingleShot(true);
  connect(&m_loginTimer, &QTimer::timeout, this, &KioskController::login);
  m_sendTimer.setSingleShot(true);
  connect(&m_sendTimer, &QTimer::timeout, this, &KioskController::flush);
  m_heartbeatTimer.setInterval(10 * 1000);
  connect(&m_heartbeatTimer, &QTimer::timeout, this, &KioskController::heartbeat);
  m_secondTimer.setInterval(1000);
  connect(&m_secondTimer, &QTimer::timeout, this, &KioskController::tickWithdraw);
  m_drillArmTimer.setSingleShot(true);
  m_drillArmTimer.setInterval(kDrillArmSeconds * 1000);
  connect(&m_drillArmTimer, &QTimer::timeout, this, [this] { setDrillArmed(false); });
}

KioskController::~KioskController() {
  // Streams and calls end before the objects their handlers use.
  m_watch.reset();
  m_client->cancelAll();
}

bool KioskController::start() {
  if (!m_client->caError().isEmpty()) setProblem(m_client->caError());
  if (!m_queue.open(m_options.queueFile)) {
    setProblem(tr("无法打开本地报警队列 %1：%2").arg(m_options.queueFile, m_queue.error()));
    return false;
  }
  m_hallName = m_queue.value(QStringLiteral("hall_name"));
  m_placeName = m_queue.value(QStringLiteral("place_name"));
  emit placeChanged();
  // An enrolled kiosk started without --kiosk-id is the one it enrolled as.
  if (m_options.kioskId.isEmpty()) m_options.kioskId = m_queue.value(QStringLiteral("kiosk_id"));
  m_needsEnrollment = m_options.kioskId.isEmpty() || !QFileInfo::exists(m_options.secretFile);
  emit enrollmentChanged();
  restoreServerState();
  refreshQueued();
  // Show the latest press again after a restart: a queued one first.
  const auto pending = m_queue.pending();
  for (auto it = pending.crbegin(); it != pending.crend(); ++it) {
    if (!it->silent) {
      m_current = Report{};
      m_current.requestId = it->requestId;
      m_current.category = it->category;
      m_current.drill = it->drill;
      m_currentStage = Saved;
      break;
    }
  }
  if (m_currentStage == NoPress) {
    for (const Report& r : m_queue.recentReports(10)) {
      if (r.silent) continue;
      // Older than an hour is history, not something to show on the card.
      if (QDateTime::currentMSecsSinceEpoch() - r.reportedMs < 3600 * 1000) setCurrentFromReport(r);
      break;
    }
  }
  emit currentChanged();
  m_heartbeatTimer.start();
  m_secondTimer.start();
  m_client->fetchServerInfo();
  login();
  return true;
}

void KioskController::restoreServerState() {
  v1::Taxonomy taxonomy;
  if (decodeStored(m_queue.value(kTaxonomyKey), &taxonomy)) {
    m_playbookSetVersion = m_queue.value(kTaxonomyVersionKey);
    m_buttons->setTaxonomy(taxonomy);
  }
  // Limits as the server last gave them, until it answers again (its clock
  // is not kept: that is only true while it says so).
  v1::ServerInfo info;
  if (!server()->known() && decodeStored(m_queue.value(kServerInfoKey), &info)) {
    info.clear_server_time_unix_ms();
    server()->update(info);
  }
}

void KioskController::saveServerInfo() {
  if (!m_queue.isOpen() || !server()->known()) return;
  m_queue.setValue(kServerInfoKey, encodeStored(server()->info()));
}

void KioskController::setTaxonomy(const v1::Taxonomy& taxonomy) {
  m_buttons->setTaxonomy(taxonomy);
  if (m_queue.isOpen()) m_queue.setValue(kTaxonomyKey, encodeStored(taxonomy));
  emit currentChanged();  // the card's category name may come from it
}

void KioskController::fetchCategories() {
  if (!m_signedIn) return;
  // The version first: a reload between the two reads leaves the older
  // version recorded, so the next check reads the taxonomy again.
  m_client->call(m_client->playbooks()->async(), &v1::PlaybookService::Stub::async::GetPlaybookSet,
                 v1::GetPlaybookSetRequest(), this,
                 std::function<void(const RpcResult&, const v1::PlaybookSetInfo&)>(
                     [this](const RpcResult& r, const v1::PlaybookSetInfo& set) {
                       if (!r.ok()) return;
                       const QString version = qs(set.version());
                       m_client->call(
                           m_client->playbooks()->async(),
                           &v1::PlaybookService::Stub::async::ListCategories,
                           v1::ListCategoriesRequest(), this,
                           std::function<void(const RpcResult&, const v1::Taxonomy&)>(
                               [this, version](const RpcResult& r2, const v1::Taxonomy& taxonomy) {
                                 if (!r2.ok()) return;
                                 m_playbookSetVersion = version;
                                 if (m_queue.isOpen())
                                   m_queue.setValue(kTaxonomyVersionKey, version);
                                 setTaxonomy(taxonomy);
                               }));
                     }));
}

void KioskController::checkPlaybookSet() {
  if (!m_signedIn) return;
  m_client->call(m_client->playbooks()->async(), &v1::PlaybookService::Stub::async::GetPlaybookSet,
                 v1::GetPlaybookSetRequest(), this,
                 std::function<void(const RpcResult&, const v1::PlaybookSetInfo&)>(
                     [this](const RpcResult& r, const v1::PlaybookSetInfo& set) {
                       if (r.ok() && qs(set.version()) != m_playbookSetVersion) fetchCategories();
                     }),
                 5000);
}

void KioskController::setLanguage(const QString& language) {
  m_english = language == QLatin1String("en");
  m_buttons->setEnglish(m_english);
  emit currentChanged();
  emit serverChanged();
  emit drillChanged();
}

QString KioskController::clockText() const {
  return client::clockSpeedText(server()->clockSpeed());
}

void KioskController::setProblem(const QString& p) {
  if (p == m_problem) return;
  m_problem = p;
  emit problemChanged();
}

void KioskController::refreshQueued() {
  int n = m_queue.pendingCount();
  if (n != m_queuedCount) {
    m_queuedCount = n;
    emit queuedCountChanged();
  }
}

// ------------------------------------------------------------ sign-in

void KioskController::login() {
  if (m_loggingIn || m_signedIn || m_needsEnrollment) return;
  QFile f(m_options.secretFile);
  if (!f.open(QIODevice::ReadOnly)) {
    setProblem(tr("无法读取终端密钥文件 %1").arg(m_options.secretFile));
    m_loginTimer.start(30 * 1000);
    return;
  }
  v1::LoginRequest req;
  req.mutable_device()->set_kiosk_id(ss(m_options.kioskId));
  req.mutable_device()->set_secret(f.readAll().trimmed().toStdString());
  m_loggingIn = true;
  m_client->call(m_client->auth()->async(), &v1::AuthService::Stub::async::Login, req, this,
                 std::function<void(const RpcResult&, const v1::LoginResponse&)>(
                     [this](const RpcResult& r, const v1::LoginResponse& resp) {
                       m_loggingIn = false;
                       if (r.ok()) {
                         m_loginBackoff.reset();
                         m_client->setToken(qs(resp.token()));
                         if (resp.has_server()) server()->update(resp.server());
                         afterLogin(resp.principal());
                       } else if (r.transient()) {
                         m_loginTimer.start(m_loginBackoff.nextDelayMs());
                       } else {
                         setProblem(tr("终端登录失败：%1").arg(r.text()));
                         m_loginTimer.start(30 * 1000);
                       }
                     }));
}

QString KioskController::normalizeEnrollmentCode(const QString& input) {
  QString text = input.trimmed();
  // A scanner types the QR code's text: take its code parameter.
  const int query = text.indexOf(QLatin1Char('?'));
  if (text.startsWith(QLatin1String("hallkiosk:"), Qt::CaseInsensitive) && query >= 0) {
    text = QUrlQuery(text.mid(query + 1)).queryItemValue(QStringLiteral("code"));
  }
  text.remove(QRegularExpression(QStringLiteral("[\\s-]")));
  text = text.toUpper();
  static const QRegularExpression shape(QStringLiteral("^[A-Z0-9]{12}$"));
  return shape.match(text).hasMatch() ? text : QString();
}

QString KioskController::enroll(const QString& input) {
  if (!m_needsEnrollment) return tr("本终端已登记");
  if (m_enrolling) return tr("正在登记，请稍候");
  const QString code = normalizeEnrollmentCode(input);
  if (code.isEmpty()) return tr("登记码应为 12 位字母和数字（见值班台显示的登记码）");
  v1::EnrollKioskRequest req;
  req.set_code(ss(code));
  req.set_app_version(kAppVersion);
  m_enrolling = true;
  m_enrollError.clear();
  emit enrollmentChanged();
  m_client->call(m_client->auth()->async(), &v1::AuthService::Stub::async::EnrollKiosk, req, this,
                 std::function<void(const RpcResult&, const v1::EnrollKioskResponse&)>(
                     [this](const RpcResult& r, const v1::EnrollKioskResponse& resp) {
                       m_enrolling = false;
                       if (r.ok()) {
                         if (storeCredential(resp)) {
                           m_needsEnrollment = false;
                           emit enrollmentChanged();
                           emit notice(tr("登记完成：%1").arg(qs(resp.name())));
                           login();
                           return;
                         }
                       } else if (r.code == grpc::StatusCode::UNAUTHENTICATED) {
                         m_enrollError = tr("登记码无效、已使用或已过期，请管理员重新生成");
                       } else if (r.code == grpc::StatusCode::RESOURCE_EXHAUSTED) {
                         m_enrollError = tr("尝试次数过多，请稍后再试（%1）").arg(r.text());
                       } else if (r.transient()) {
                         m_enrollError = tr("无法连接服务器，请检查网络后重试");
                       } else {
                         m_enrollError = tr("登记失败：%1").arg(r.text());
                       }
                       emit enrollmentChanged();
                     }));
  return {};
}

bool KioskController::storeCredential(const v1::EnrollKioskResponse& resp) {
  // Written whole or not at all, readable by this account only — as a
  // provisioned kiosk's secret file is expected to be.
  QDir().mkpath(QFileInfo(m_options.secretFile).absolutePath());
  QSaveFile f(m_options.secretFile);
  if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray::fromStdString(resp.secret())) < 0 ||
      !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || !f.commit()) {
    m_enrollError = tr("无法保存终端密钥到 %1：%2").arg(m_options.secretFile, f.errorString());
    return false;
  }
  m_options.kioskId = qs(resp.kiosk_id());
  m_queue.setValue(QStringLiteral("kiosk_id"), m_options.kioskId);
  m_hallId = qs(resp.hall_id());
  m_locationId = qs(resp.location_id());
  return true;
}

void KioskController::afterLogin(const v1::Principal& principal) {
  m_signedIn = true;
  setProblem({});
  m_hallId = principal.hall_ids().empty() ? QString() : qs(principal.hall_ids(0));
  m_locationId = qs(principal.location_id());
  const auto& perms = principal.permissions();
  m_mayWithdraw = std::find(perms.begin(), perms.end(), "withdraw") != perms.end();
  if (server()->heartbeatIntervalSeconds() > 0) {
    m_heartbeatTimer.start(std::clamp(server()->heartbeatIntervalSeconds(), 2, 300) * 1000);
  }
  emit signedInChanged();
  fetchNames();
  fetchCategories();
  if (!m_watch->isRunning()) {
    // Resume where the last run stopped; a first run starts at the head.
    qint64 after = storedSeq(m_queue.value(QStringLiteral("last_seq")));
    m_watch->start({m_hallId}, after, after == 0);
  }
  flush();
  heartbeat();
}

void KioskController::fetchNames() {
  m_client->call(m_client->directory()->async(), &v1::DirectoryService::Stub::async::ListHalls,
                 v1::ListHallsRequest(), this,
                 std::function<void(const RpcResult&, const v1::ListHallsResponse&)>(
                     [this](const RpcResult& r, const v1::ListHallsResponse& resp) {
                       if (!r.ok()) return;
                       for (const auto& h : resp.halls()) {
                         if (qs(h.id()) == m_hallId) {
                           m_hallName = qs(h.name());
                           m_queue.setValue(QStringLiteral("hall_name"), m_hallName);
                           emit placeChanged();
                         }
                       }
                     }));
  v1::ListLocationsRequest req;
  req.set_hall_id(ss(m_hallId));
  m_client->call(m_client->directory()->async(), &v1::DirectoryService::Stub::async::ListLocations,
                 req, this,
                 std::function<void(const RpcResult&, const v1::ListLocationsResponse&)>(
                     [this](const RpcResult& r, const v1::ListLocationsResponse& resp) {
                       if (!r.ok()) return;
                       for (const auto& l : resp.locations()) {
                         if (qs(l.id()) == m_locationId) {
                           m_placeName = qs(l.name());
                           m_queue.setValue(QStringLiteral("place_name"), m_placeName);
                           emit placeChanged();
                         }
                       }
                     }));
}

// ------------------------------------------------------------ presses

QString KioskController::validateReport(const QString& note, int headcount) const {
  // 0 = the server has not said yet: then it checks alone.
  const int maxNote = maxNoteChars();
  if (maxNote > 0 && note.trimmed().size() > maxNote) {
    return tr("说明过长：最多 %1 个字（现有 %2 个）").arg(maxNote).arg(note.trimmed().size());
  }
  if (headcount < 0) return tr("人数不能为负数");
  if (maxHeadcount() > 0 && headcount > maxHeadcount()) {
    return tr("人数应在 0 到 %1 之间").arg(maxHeadcount());
  }
  return {};
}

QString KioskController::report(const QString& category, const QString& note, int headcount) {
  if (QString problem = validateReport(note, headcount); !problem.isEmpty()) return problem;
  if (!m_queue.isOpen()) return tr("本地报警队列不可用：%1").arg(m_queue.error());
  Press p;
  p.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
  p.category = category;
  p.summary = note.trimmed();
  p.headcount = headcount;
  p.createdMs = QDateTime::currentMSecsSinceEpoch();
  // Armed on purpose for this one press; anything else is real.
  p.drill = m_drillArmed && drillActive() && !m_drillPaused;
  if (!m_queue.enqueue(p)) return tr("报警未能保存：%1").arg(m_queue.error());
  if (m_drillArmed) setDrillArmed(false);
  refreshQueued();
  m_current = Report{};
  m_current.requestId = p.requestId;
  m_current.category = category;
  m_current.drill = p.drill;
  m_currentStage = Saved;
  m_withdrawLeft = 0;
  emit withdrawSecondsLeftChanged();
  emit currentChanged();
  flush();
  return {};
}

QString KioskController::silentAlarm() {
  if (!m_queue.isOpen()) return tr("本地报警队列不可用：%1").arg(m_queue.error());
  Press p;
  p.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
  p.category = m_buttons->panicCategory();
  p.silent = true;
  p.createdMs = QDateTime::currentMSecsSinceEpoch();
  if (!m_queue.enqueue(p)) return tr("报警未能保存：%1").arg(m_queue.error());
  refreshQueued();
  ++m_silentCount;
  emit silentCountChanged();
  flush();
  return {};
}

void KioskController::flush() {
  if (!m_signedIn || m_sending) return;
  const auto pending = m_queue.pending();
  if (pending.isEmpty()) return;
  const Press p = pending.first();
  v1::RaiseIncidentRequest req = raiseRequestFor(p);
  m_sending = true;
  m_client->call(
      m_client->incidents()->async(), &v1::IncidentService::Stub::async::RaiseIncident, req, this,
      std::function<void(const RpcResult&, const v1::RaiseIncidentResponse&)>(
          [this, p](const RpcResult& r, const v1::RaiseIncidentResponse& resp) {
            m_sending = false;
            Report rep;
            rep.requestId = p.requestId;
            rep.category = p.category;
            rep.silent = p.silent;
            rep.drill = p.drill;
            switch (sendOutcome(r)) {
              case SendRetry:
                // Not decided: keep it and try again (after signing in again
                // for UNAUTHENTICATED, which HallClient reports).
                m_queue.recordAttempt(p.requestId, r.text());
                ++m_failedSends;
                if (r.code != grpc::StatusCode::UNAUTHENTICATED)
                  m_sendTimer.start(m_sendBackoff.nextDelayMs());
                return;
              case SendThrottled:
                // Pressed again and again while its report is open: the
                // server counted enough and refuses the rest. Retrying would
                // only add to the flood, so the press leaves the queue.
                rep.error = tr("按得太频繁，这次未再上报；之前的报警仍在处理");
                completeRefused(p, rep, rep.error);
                return;
              case SendRefused:
                // The server's answer is "no": record it, show it, go on.
                rep.error = r.text();
                completeRefused(p, rep, tr("报警被服务器拒绝：%1").arg(r.text()));
                return;
              case SendAccepted:
                break;
            }
            m_sendBackoff.reset();
            // Out of the queue and into the reports in one transaction.
            rep.incidentId = qs(resp.incident().id());
            rep.folded = resp.folded();
            takeState(&rep, resp.incident());
            Report known;
            if (m_queue.findReport(rep.incidentId, &known) && known.lastSeq > rep.lastSeq) {
              // The watch was first (or an earlier press of the same
              // incident): its newer state, under this press.
              const Report mine = rep;
              rep = known;
              rep.requestId = mine.requestId;
              rep.silent = mine.silent;
              rep.folded = mine.folded;
              rep.drill = mine.drill;
            }
            m_queue.complete(p.requestId, rep);
            refreshQueued();
            if (p.requestId == m_current.requestId) setCurrentFromReport(rep);
            if (rep.folded && !p.silent) emit notice(tr("已并入正在处理的报警"));
            flush();
          }));
}

KioskController::SendOutcome KioskController::sendOutcome(const client::RpcResult& r) {
  if (r.ok()) return SendAccepted;
  if (r.transient() || r.code == grpc::StatusCode::UNAUTHENTICATED ||
      r.code == grpc::StatusCode::CANCELLED) {
    return SendRetry;
  }
  if (r.code == grpc::StatusCode::RESOURCE_EXHAUSTED) return SendThrottled;
  return SendRefused;
}

void KioskController::completeRefused(const Press& p, const Report& rep, const QString& message) {
  m_queue.complete(p.requestId, rep);
  refreshQueued();
  if (p.requestId == m_current.requestId) setCurrentFromReport(rep);
  emit notice(message);
  flush();
}

void KioskController::heartbeat() {
  if (!m_signedIn) return;
  v1::HeartbeatRequest req;
  req.set_queued_presses(m_queuedCount);
  req.set_app_version(kAppVersion);
  m_client->call(m_client->directory()->async(), &v1::DirectoryService::Stub::async::Heartbeat, req,
                 this,
                 std::function<void(const RpcResult&, const v1::HeartbeatResponse&)>(
                     [this](const RpcResult& r, const v1::HeartbeatResponse& resp) {
                       if (!r.ok()) return;
                       applyHeartbeat(resp);
                       if (m_queuedCount > 0) flush();
                       checkPlaybookSet();
                     }),
                 5000);
}

void KioskController::applyHeartbeat(const v1::HeartbeatResponse& resp) {
  server()->updateClock(resp.clock_speed(), client::toMsecs(resp.server_time()));
  if (resp.interval_seconds() > 0) {
    int seconds = std::clamp(resp.interval_seconds(), 2, 300);
    if (m_heartbeatTimer.interval() != seconds * 1000) m_heartbeatTimer.start(seconds * 1000);
  }
  const QString id = qs(resp.drill_id());
  const bool changed = id != m_drillId || qs(resp.drill_name_zh()) != m_drillNameZh ||
                       qs(resp.drill_name_en()) != m_drillNameEn ||
                       qs(resp.drill_message()) != m_drillMessage ||
                       resp.drill_paused() != m_drillPaused;
  if (id != m_drillId) m_drillArmed = false;  // another drill, or none: real again
  m_drillId = id;
  m_drillNameZh = qs(resp.drill_name_zh());
  m_drillNameEn = qs(resp.drill_name_en());
  m_drillMessage = qs(resp.drill_message());
  m_drillPaused = !id.isEmpty() && resp.drill_paused();
  if (m_drillPaused) m_drillArmed = false;
  if (!m_drillArmed) m_drillArmTimer.stop();
  if (changed) emit drillChanged();
}

QString KioskController::drillName() const {
  if (m_english && !m_drillNameEn.isEmpty()) return m_drillNameEn;
  return m_drillNameZh.isEmpty() ? m_drillNameEn : m_drillNameZh;
}

void KioskController::setDrillArmed(bool armed) {
  armed = armed && drillActive() && !m_drillPaused;
  if (armed) {
    m_drillArmTimer.start();  // again from now on every arming
  } else {
    m_drillArmTimer.stop();
  }
  if (armed == m_drillArmed) return;
  m_drillArmed = armed;
  emit drillChanged();
}

// ------------------------------------------------------------ progress

void KioskController::onEvents(const std::vector<v1::IncidentEvent>& events) {
  for (const auto& e : events) {
    const auto& inc = e.incident();
    if (qs(inc.reporter().kiosk_id()) != m_options.kioskId) continue;
    Report known;
    if (!m_queue.findReport(qs(inc.id()), &known)) continue;  // answered later by the raise reply
    mergeIncident(known, inc);
    // The card may show an earlier press that folded into the same incident.
    if (m_current.incidentId == qs(inc.id()) && m_current.requestId != known.requestId)
      mergeIncident(m_current, inc);
  }
  m_queue.setValue(QStringLiteral("last_seq"), QString::number(m_watch->lastSeq()));
}

void KioskController::takeState(Report* r, const v1::Incident& inc) {
  r->status = inc.status();
  r->lastSeq = inc.last_seq();
  r->acknowledgedBy = qs(inc.acknowledged_by_name());
  r->acknowledgedMs = client::toMsecs(inc.acknowledged_at());
  r->reportedMs = client::toMsecs(inc.reported_at());
  r->escalatedTiers = client::escalatedTiers(inc);
  r->planned = !inc.planned_outage_id().empty();
}

void KioskController::mergeIncident(Report r, const v1::Incident& inc) {
  if (static_cast<qint64>(inc.last_seq()) <= r.lastSeq) return;
  takeState(&r, inc);
  m_queue.saveReport(r);
  if (r.requestId == m_current.requestId) setCurrentFromReport(r);
}

int KioskController::stageOf(const Report& r) {
  if (!r.error.isEmpty()) return Refused;
  switch (r.status) {
    case v1::INCIDENT_STATUS_REPORTED:
      return Delivered;
    case v1::INCIDENT_STATUS_ACKNOWLEDGED:
      return Acknowledged;
    case v1::INCIDENT_STATUS_RESOLVED:
    case v1::INCIDENT_STATUS_CLOSED:
      return Resolved;
    case v1::INCIDENT_STATUS_WITHDRAWN:
      return Withdrawn;
    default:
      return Saved;
  }
}

void KioskController::setCurrentFromReport(const Report& r) {
  m_current = r;
  m_currentStage = stageOf(r);
  tickWithdraw();
  emit currentChanged();
}

void KioskController::tickWithdraw() {
  // Counted on the server's clock (reported_at is the server's; its clock
  // may run faster than ours), within the server's window.
  int left = 0;
  const int window = withdrawWindowSeconds();
  if (m_mayWithdraw && window > 0 &&
      (m_currentStage == Delivered || m_currentStage == Acknowledged) && m_current.reportedMs > 0) {
    const qint64 elapsed = (server()->serverNowMs() - m_current.reportedMs) / 1000;
    left = static_cast<int>(std::clamp<qint64>(window - elapsed, 0, window));
  }
  if (left != m_withdrawLeft) {
    m_withdrawLeft = left;
    emit withdrawSecondsLeftChanged();
  }
}

QString KioskController::withdrawCurrent(const QString& reason) {
  const QString why = reason.trimmed();
  if (why.isEmpty()) return tr("请填写撤回原因");
  if (server()->maxNoteChars() > 0 && why.size() > server()->maxNoteChars()) {
    return tr("原因过长：最多 %1 个字").arg(server()->maxNoteChars());
  }
  if (m_currentStage != Delivered && m_currentStage != Acknowledged) {
    return tr("只能撤回已送达、未处置的报警");
  }
  if (m_withdrawLeft <= 0) return tr("已超过撤回时限，请联系值班台");
  v1::WithdrawIncidentRequest req;
  req.set_incident_id(ss(m_current.incidentId));
  req.set_reason(ss(why));
  const QString requestId = m_current.requestId;
  m_client->call(m_client->incidents()->async(),
                 &v1::IncidentService::Stub::async::WithdrawIncident, req, this,
                 std::function<void(const RpcResult&, const v1::IncidentResponse&)>(
                     [this, requestId](const RpcResult& r, const v1::IncidentResponse& resp) {
                       if (!r.ok()) {
                         emit notice(tr("撤回失败：%1").arg(r.text()));
                         return;
                       }
                       Report known;
                       if (m_queue.findReport(qs(resp.incident().id()), &known)) {
                         mergeIncident(known, resp.incident());
                       }
                       emit notice(tr("已撤回，记录已保留"));
                     }));
  return {};
}

void KioskController::dismissCurrent() {
  m_current = Report{};
  m_currentStage = NoPress;
  m_withdrawLeft = 0;
  emit withdrawSecondsLeftChanged();
  emit currentChanged();
}

QString KioskController::currentCategoryName() const {
  return m_buttons->categoryName(m_current.category);
}

QString KioskController::categoryName(const QString& category) const {
  return m_buttons->categoryName(category);
}

QString KioskController::currentEscalation() const {
  // Only while the press is still being handled: once resolved, the card
  // says so instead.
  if (m_current.escalatedTiers.isEmpty() ||
      (m_currentStage != Delivered && m_currentStage != Acknowledged)) {
    return {};
  }
  return client::escalatedToText(m_current.escalatedTiers.first());
}

QString KioskController::currentAcknowledgedAt() const {
  if (m_current.acknowledgedMs <= 0) return {};
  return QDateTime::fromMSecsSinceEpoch(m_current.acknowledgedMs).toString(QStringLiteral("HH:mm"));
}

}  // namespace hall::kiosk
