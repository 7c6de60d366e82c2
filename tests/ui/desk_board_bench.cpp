// desk_board_bench: the desk board with 10,000 open incidents — the time to
// first population (one replay batch into IncidentBoardModel, and a
// ListIncidents snapshot via setIncidents, each then the
// sorted, filtered proxy and a laid-out QTableView as the desk shows it),
// and the cost of a live update (one event) and of a one-second age tick.
// Prints figures; not a test. Run: build/tests/ui/desk_board_bench
#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QTableView>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "incident_models.h"

namespace v1 = hall::v1;
using hall::client::IncidentBoardModel;
using hall::client::IncidentFilterModel;

namespace {
const char* kCategories[] = {"panic",
                             "fire",
                             "conflict",
                             "medical_emergency",
                             "equipment_fault",
                             "crowding",
                             "suspicious_object",
                             "power_outage",
                             "other"};

v1::IncidentEvent MakeEvent(int64_t seq, int n, v1::IncidentStatus status) {
  v1::IncidentEvent e;
  e.set_seq(seq);
  std::string id = "00000000-0000-4000-8000-" + std::to_string(100000000000 + n);
  e.set_incident_id(id);
  auto* inc = e.mutable_incident();
  inc->set_id(id);
  inc->set_hall_id("dongguan-1");
  inc->set_location_id("dongguan-window-" + std::to_string(n % 40));
  inc->set_category(kCategories[n % 9]);
  inc->set_severity(static_cast<v1::Severity>(1 + n % 4));
  inc->set_status(status);
  inc->set_drill(n % 10 == 0);
  inc->set_last_seq(seq);
  inc->set_summary("摘要 " + std::to_string(n));
  inc->mutable_reporter()->set_display_name("入口报警终端");
  inc->mutable_reported_at()->set_seconds(QDateTime::currentSecsSinceEpoch() - n);
  return e;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
double P99(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, v.size() * 99 / 100)];
}
}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  constexpr int kIncidents = 10000;
  std::vector<v1::IncidentEvent> replay;
  replay.reserve(kIncidents);
  for (int i = 0; i < kIncidents; ++i)
    replay.push_back(MakeEvent(i + 1, i, v1::INCIDENT_STATUS_REPORTED));

  IncidentBoardModel board;
  IncidentFilterModel filter;
  filter.setSourceModel(&board);
  QTableView view;
  view.setModel(&filter);
  view.setSortingEnabled(true);
  view.sortByColumn(IncidentBoardModel::SeverityColumn, Qt::DescendingOrder);
  view.verticalHeader()->setDefaultSectionSize(32);
  view.resize(1200, 900);
  view.show();
  QApplication::processEvents();

  QElapsedTimer t;
  t.start();
  board.applyEvents(replay);
  const double modelMs = t.nsecsElapsed() / 1e6;
  QApplication::processEvents();  // the view lays out and paints
  view.repaint();
  const double firstPaintMs = t.nsecsElapsed() / 1e6;

  // Live updates: acknowledge, then raise new ones, one event per batch as
  // the watch delivers them one by one on a quiet hall.
  std::vector<double> updateUs;
  int64_t seq = kIncidents;
  for (int i = 0; i < 2000; ++i) {
    auto e = (i % 2 == 0) ? MakeEvent(++seq, i * 3, v1::INCIDENT_STATUS_ACKNOWLEDGED)
                          : MakeEvent(++seq, kIncidents + i, v1::INCIDENT_STATUS_REPORTED);
    QElapsedTimer u;
    u.start();
    board.applyEvents({e});
    updateUs.push_back(u.nsecsElapsed() / 1e3);
  }
  std::vector<double> closeUs;
  for (int i = 0; i < 500; ++i) {
    auto e = MakeEvent(++seq, i * 7 + 1, v1::INCIDENT_STATUS_CLOSED);
    QElapsedTimer u;
    u.start();
    board.applyEvents({e});
    closeUs.push_back(u.nsecsElapsed() / 1e3);
  }
  // The one-second age tick (dataChanged over the age column) and a repaint.
  std::vector<double> tickMs;
  for (int i = 0; i < 20; ++i) {
    QElapsedTimer u;
    u.start();
    emit board.dataChanged(board.index(0, IncidentBoardModel::AgeColumn),
                           board.index(board.rowCount() - 1, IncidentBoardModel::AgeColumn),
                           {Qt::DisplayRole, IncidentBoardModel::AgeSecondsRole});
    view.viewport()->repaint();
    tickMs.push_back(u.nsecsElapsed() / 1e6);
  }
  // A filter keystroke over the whole board.
  QElapsedTimer f;
  f.start();
  filter.setText(QStringLiteral("火情"));
  const double filterMs = f.nsecsElapsed() / 1e6;

  // The desk's start since ListIncidents: the snapshot's 10,000 incidents
  // replace the board (one reset), behind the same proxy and view.
  filter.setText(QString());
  std::vector<v1::Incident> snapshot;
  snapshot.reserve(replay.size());
  for (const auto& e : replay) snapshot.push_back(e.incident());
  QApplication::processEvents();
  QElapsedTimer sn;
  sn.start();
  board.setIncidents(snapshot);
  const double snapshotMs = sn.nsecsElapsed() / 1e6;
  QApplication::processEvents();
  view.repaint();
  const double snapshotPaintMs = sn.nsecsElapsed() / 1e6;

  std::printf("desk board benchmark (%d incidents, %s)\n", kIncidents,
              qPrintable(QGuiApplication::platformName()));
  std::printf(
      "  first population: replay batch applied (model reset + sorted proxy) %.1f ms; with first "
      "paint %.1f ms\n",
      modelMs, firstPaintMs);
  std::printf(
      "  snapshot population: ListIncidents page set (model reset + sorted proxy) %.1f ms; with "
      "paint %.1f ms\n",
      snapshotMs, snapshotPaintMs);
  std::printf("  live update (ack or new incident, 1 event): median %.1f us, p99 %.1f us (n=%zu)\n",
              Median(updateUs), P99(updateUs), updateUs.size());
  std::printf("  live close (row removed): median %.1f us, p99 %.1f us (n=%zu)\n", Median(closeUs),
              P99(closeUs), closeUs.size());
  std::printf("  age tick (whole column) + repaint: median %.2f ms\n", Median(tickMs));
  std::printf("  filter keystroke over the board: %.1f ms (%d rows match)\n", filterMs,
              filter.rowCount());
  std::printf("  rows on the board now: %d\n", board.rowCount());
  return 0;
}
