// DashboardView (统计): the figures of a period for the halls a person
// answers for, or a region of them — incidents per day by event class, per
// hall and per plan; how long acknowledging and resolving took, with each
// plan's target drawn in; the share of mandatory steps done on time — with
// the incidents that breached a deadline and the open follow-ups below.
// Weeks, months and quarters (China Standard Time, like the server); drills
// left out unless asked for. Prints the period report (周报 / 月报 / 季报)
// as an A4 PDF with the charts, the breaches as CSV, and pulls the archive
// (every incident with its timeline, JSON Lines) with progress and cancel.
// The figures are the server's (ReportService.GetStatistics), scoped there.
#pragma once

#include <QWidget>
#include <memory>

#include "hall/v1/directory.pb.h"
#include "hall/v1/report.pb.h"
#include "period_report.h"

class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QProgressDialog;

namespace hall::client {
class ArchiveExport;
}

namespace hall::desk {

class DeskSession;

class DashboardView : public QWidget {
  Q_OBJECT
 public:
  explicit DashboardView(DeskSession* session, QWidget* parent = nullptr);
  ~DashboardView() override;

  // Reads the regions and halls in scope, then the current period's figures.
  void reload();
  // Reads the figures of the period shown (GetStatistics).
  void refresh();
  // Shows `period` (the next refresh reads it).
  void setPeriod(const client::ReportPeriod& period);
  client::ReportPeriod period() const { return m_period; }
  // Draws `stats` (refresh() does this with the server's answer).
  void setStatistics(const hall::v1::Statistics& stats);
  const hall::v1::Statistics& statistics() const { return m_stats; }
  // The chart views, in the order the report prints them.
  QList<QChartView*> charts() const { return m_charts; }
  // Writes the period report as a PDF; false with *error when it cannot.
  bool writePdf(const QString& path, QString* error);
  // The status line (loading, refusals, export results).
  QString statusText() const;

 signals:
  void openIncident(const QString& id);
  // refresh() ended: ok, or the server's refusal in statusText().
  void loaded(bool ok);

 protected:
  void changeEvent(QEvent* e) override;

 private:
  void retranslate();
  void fillRegions();
  void buildCharts();
  void fillTables();
  QString scopeName() const;
  void exportPdf();
  void exportCsv();
  void exportArchive();

  DeskSession* m_session;
  client::ReportPeriod m_period;
  hall::v1::Statistics m_stats;
  std::vector<hall::v1::Region> m_regions;
  std::vector<hall::v1::Hall> m_halls;
  int m_generation = 0;  // a newer refresh supersedes an older one

  QComboBox* m_kind;
  QPushButton* m_prev;
  QPushButton* m_next;
  QLabel* m_periodLabel;
  QComboBox* m_region;
  QCheckBox* m_drills;
  QPushButton* m_refresh;
  QPushButton* m_pdf;
  QPushButton* m_csv;
  QPushButton* m_archive;
  QLabel* m_summary;
  QLabel* m_status;
  QList<QChartView*> m_charts;
  QLabel* m_breachTitle;
  QLabel* m_followUpTitle;
  QTableWidget* m_breaches;
  QTableWidget* m_followUps;
  client::ArchiveExport* m_export;
  QProgressDialog* m_progress = nullptr;
};

}  // namespace hall::desk
