// DeskSession (值班台会话): the duty officer's signed-in session, without
// any widgets — sign-in, the live board (watch → IncidentBoardModel), the
// selected incident's timeline, the hall's kiosks (polled every heartbeat
// period), the people one may assign to, and the incident actions
// (acknowledge, assign, note, resolve, close, reopen), each reporting its
// result or the server's error through actionFinished(). The widgets and
// the end-to-end test both drive the desk through this class.
//
// Thread-safety: a QObject of the GUI thread; results arrive there through
// HallClient's queued hand-off.
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>

#include "hall_client.h"
#include "incident_models.h"
#include "incident_watch.h"

namespace hall::desk {

struct DeskOptions {
  QString server = QStringLiteral("127.0.0.1:7443");
  QString caFile = QStringLiteral("var/tls/ca.crt");
  QString language = QStringLiteral("zh");
  QString user;          // sign in at start (screenshots, wall displays)
  QString passwordFile;  // with --user
  QString screenshot;
  int screenshotDelayMs = 5000;
};

struct PersonChoice {
  QString id;
  QString name;
};

class DeskSession : public QObject {
  Q_OBJECT
  Q_PROPERTY(bool signedIn READ signedIn NOTIFY signedInChanged)
  Q_PROPERTY(QString userName READ userName NOTIFY signedInChanged)

 public:
  // Limits the desk checks before sending (the server checks them too).
  static constexpr int kMaxNoteChars = 2000;

  explicit DeskSession(const DeskOptions& options, QObject* parent = nullptr);
  ~DeskSession() override;

  client::HallClient* client() const { return m_client.get(); }
  client::IncidentBoardModel* board() const { return m_board; }
  client::TimelineModel* timeline() const { return m_timeline; }
  client::KioskStatusModel* kiosks() const { return m_kiosks; }
  client::IncidentWatch* watch() const { return m_watch.get(); }

  bool signedIn() const { return m_signedIn; }
  QString userName() const { return m_userName; }
  hall::v1::Role role() const { return m_role; }
  QStringList hallIds() const { return m_hallIds; }
  QString hallNames() const;
  QList<PersonChoice> people() const { return m_people; }

  // Signs in; loginFinished(ok, message) follows.
  void login(const QString& user, const QString& password);
  void logout();
  // Points at another server (signs out first).
  void setServerAddress(const QString& address);

  // Shows `incidentId`'s full timeline (GetIncident) in timeline().
  void select(const QString& incidentId);
  QString selected() const { return m_selected; }

  // The actions. Each checks its input first (message, nothing sent) and
  // ends in actionFinished(action, ok, message). They are conditional on
  // the incident's last seq known to the board (ABORTED when stale).
  void acknowledge(const QString& incidentId);
  void assign(const QString& incidentId, const QString& personId);
  void addNote(const QString& incidentId, const QString& note);
  void resolve(const QString& incidentId, hall::v1::Outcome outcome, const QString& note);
  void close(const QString& incidentId, const QString& note);
  void reopen(const QString& incidentId, const QString& reason);
  // Raises an incident as this person (e.g. a drill 演练 from the desk).
  void raise(const QString& hallId, const QString& category, bool drill, const QString& summary);

  // Checks a note: "" when fine, else the message.
  static QString checkNote(const QString& note, bool required);

  // Polls the kiosk list now (also done every 10 s).
  void refreshKiosks();

 signals:
  void signedInChanged();
  void loginFinished(bool ok, const QString& message);
  void actionFinished(const QString& action, bool ok, const QString& message);
  void peopleChanged();
  void hallsChanged();
  // The server dropped the session (token expired): show the login screen.
  void sessionExpired(const QString& message);

 private:
  using Handler = std::function<void(const client::RpcResult&, const hall::v1::IncidentResponse&)>;
  Handler actionHandler(const QString& action);
  qint64 expectedSeq(const QString& incidentId) const;
  void loadDirectory();

  DeskOptions m_options;
  std::unique_ptr<client::HallClient> m_client;
  std::unique_ptr<client::IncidentWatch> m_watch;
  client::IncidentBoardModel* m_board;
  client::TimelineModel* m_timeline;
  client::KioskStatusModel* m_kiosks;
  bool m_signedIn = false;
  QString m_userName;
  hall::v1::Role m_role = hall::v1::ROLE_UNSPECIFIED;
  QStringList m_hallIds;
  QHash<QString, QString> m_hallNames;
  QHash<QString, QString> m_locationNames;
  QList<PersonChoice> m_people;
  QString m_selected;
  QTimer m_kioskTimer;
};

}  // namespace hall::desk
