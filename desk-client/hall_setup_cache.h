// HallSetupCache (值班与联络): the desk's copy of each hall's escalation
// set-up (EscalationService.GetHallSetup) — who each tier reaches now, the
// positions and who fills them, the roster, the outside parties' numbers,
// the notifiers, the planned outages and the problems — and the writes a
// person with "manage_hall" makes to it. Each write answers with the hall's
// set-up after it, which replaces the copy; each ends in writeFinished()
// with the server's message when refused (a number missing, a webhook that
// is not http(s), overlapping shifts …). Input is checked here only for
// what would be refused without a doubt (an empty required field); the
// server checks everything.
//
// A hall's copy is read on demand (load()), again on reconnect, and every
// minute for halls already read (who is on duty and who is online change
// by themselves).
//
// Thread-safety: a QObject of the GUI thread; results arrive there through
// HallClient's queued hand-off.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include "hall/v1/escalation.pb.h"
#include "hall_client.h"

namespace hall::desk {

using EscalationAsync = class hall::v1::EscalationService::Stub::async;

class HallSetupCache : public QObject {
  Q_OBJECT

 public:
  HallSetupCache(client::HallClient* client, QObject* parent = nullptr);

  // Reads `hallId`'s set-up (roster window: the next 7 days); changed()
  // follows, or failed().
  void load(const QString& hallId);
  // Re-reads every hall read so far.
  void reloadAll();
  // Forgets everything (signed out).
  void clear();
  // The hall's set-up as last read, or nullptr.
  const hall::v1::HallSetup* setup(const QString& hallId) const;
  // The hall's outside contacts keyed by party.
  QHash<QString, hall::v1::Contact> contacts(const QString& hallId) const;
  // Every problem of every hall read, for a status-bar warning.
  int problemCount() const;
  QStringList halls() const { return m_setups.keys(); }

  // The writes (need "manage_hall" for the hall; the server decides).
  void setTierMember(const hall::v1::TierMember& member);
  void removeTierMember(const QString& hallId, const QString& personId, const QString& tier);
  void upsertContact(const hall::v1::Contact& contact);
  void deleteContact(const QString& hallId, const QString& party);
  void addShift(const QString& hallId, const QString& personId, const QDateTime& start,
                const QDateTime& end);
  void deleteShift(const QString& hallId, const QString& shiftId);
  void upsertNotifier(const hall::v1::Notifier& notifier);
  void deleteNotifier(const QString& hallId, const QString& notifierId);
  void announceOutage(const hall::v1::PlannedOutage& outage);
  void cancelOutage(const QString& hallId, const QString& outageId, const QString& reason);

 signals:
  void changed(const QString& hallId);
  void failed(const QString& hallId, const QString& message);
  // A write's outcome: "action: 完成" or the server's refusal.
  void writeFinished(const QString& action, bool ok, const QString& message);

 private:
  template <class Req>
  using Write = void (EscalationAsync::*)(grpc::ClientContext*, const Req*,
                                          hall::v1::HallSetupResponse*,
                                          std::function<void(grpc::Status)>);
  template <class Req>
  void write(const QString& action, const QString& hallId, Write<Req> method, const Req& req);
  void store(const hall::v1::HallSetup& setup);
  bool refuse(const QString& action, const QString& message);

  client::HallClient* m_client;
  QHash<QString, hall::v1::HallSetup> m_setups;
  QSet<QString> m_loading;
  QSet<QString> m_anyVersion;  // reconnected: the next answer is taken whatever its version
  QTimer m_refresh;
};

}  // namespace hall::desk
