// ArchiveExport (归档导出): pulls every incident of a report scope with its
// whole timeline from the server (ReportService.ExportIncidents, a page at
// a time) into a JSON Lines file — one incident per line, in the
// contract's JSON mapping — for a bureau's archive (松江 三.3 归档立存).
// Progress after each page; cancel() stops before the next page. The file
// is written as <path>.part and renamed only when complete, so a cancelled
// or failed export leaves nothing half-written behind.
//
// Thread-safety: a QObject of the GUI thread (results arrive through
// HallClient's queued hand-off).
#pragma once

#include <QFile>
#include <QObject>
#include <QString>
#include <memory>

#include "hall/v1/report.pb.h"

namespace hall::client {

class HallClient;

class ArchiveExport : public QObject {
  Q_OBJECT
 public:
  ArchiveExport(HallClient* client, QObject* parent = nullptr);
  ~ArchiveExport() override;

  // Starts an export of `scope` to `path` (replacing it when done); false
  // (with finished() not emitted) when one is already running.
  bool start(const hall::v1::ReportScope& scope, const QString& path, int pageSize = 100);
  // Stops after the page in flight; finished(false, "已取消") follows.
  void cancel();
  bool running() const { return m_running; }

 signals:
  void progress(int done, int total);
  // ok: the file is complete at its path; else why not (nothing left behind).
  void finished(bool ok, const QString& message);

 private:
  void requestPage();
  void finish(bool ok, const QString& message);

  HallClient* m_client;
  hall::v1::ReportScope m_scope;
  QString m_path;
  std::unique_ptr<QFile> m_file;
  std::string m_token;
  int m_pageSize = 100;
  int m_done = 0;
  bool m_running = false;
  bool m_cancelled = false;
};

}  // namespace hall::client
