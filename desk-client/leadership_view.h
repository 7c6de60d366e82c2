// LeadershipView (领导视图): what a leader (应急工作领导小组, 数据管理局, or a
// hall head switching to it) sees across the halls they answer for — the
// counts at the top (what needs a leader, per severity, per hall), filters
// (region, hall, category, severity, drill or real, time range, search) and
// every open incident grouped by hall, most pressing first
// (client::LeadershipModel). Live: it reads the desk's board, which the
// watch keeps current. Opening a row shows the incident's full detail.
#pragma once

#include <QWidget>

#include "hall/v1/directory.pb.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace hall::client {
class LeadershipModel;
}

namespace hall::desk {

class DeskSession;

class LeadershipView : public QWidget {
  Q_OBJECT
 public:
  explicit LeadershipView(DeskSession* session, QWidget* parent = nullptr);

  client::LeadershipModel* model() const { return m_model; }
  QTableView* table() const { return m_table; }
  // Reads the region tree and the halls in scope (after sign-in).
  void reload();

 signals:
  void openIncident(const QString& id);

 protected:
  void changeEvent(QEvent* e) override;

 private:
  void retranslate();
  void updateCounts();
  void applyRegion();
  void fillHallFilters();

  DeskSession* m_session;
  client::LeadershipModel* m_model;
  QLabel* m_counts;
  QLabel* m_perHall;
  QComboBox* m_region;
  QComboBox* m_hall;
  QComboBox* m_category;
  QComboBox* m_severity;
  QComboBox* m_drill;
  QComboBox* m_range;
  QLineEdit* m_search;
  QTableView* m_table;
  std::vector<hall::v1::Region> m_regions;
  std::vector<hall::v1::Hall> m_halls;
};

}  // namespace hall::desk
