// LeadershipModel (领导视图): every open incident of the halls a leader
// answers for, as the leader reads them — grouped by hall, halls with the
// most pressing incident first, and within a hall what needs a leader
// first: escalated to this leader and not yet acknowledged, escalated to
// the leadership group, graded (分级), mandatory steps overdue, then the
// oldest. Filters narrow it (halls of a region, category, severity, drill
// or real, reported within a time range, free text); counts per hall and
// per severity describe what passes the filters.
//
// Fed from the duty desk's IncidentBoardModel (the same watch), so it is
// live; rebuilt when the board's rows change, the age ticking each second.
// GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QMap>
#include <QSet>
#include <QTimer>
#include <functional>
#include <vector>

#include "hall/v1/incident.pb.h"

namespace hall::client {

class IncidentBoardModel;

class LeadershipModel : public QAbstractTableModel {
  Q_OBJECT
  Q_PROPERTY(int count READ count NOTIFY countsChanged)
 public:
  // What an incident needs from a leader, most pressing first.
  enum Need {
    EscalatedToMe,       // the latest alert reached this person, unacknowledged
    EscalatedToLeaders,  // the chain reached the leadership group, unacknowledged
    Graded,              // graded by the plan (分级): a graver event
    StepsOverdue,        // mandatory steps past their deadline
    Open,                // everything else still open
  };
  Q_ENUM(Need)
  enum Column {
    NeedColumn,
    HallColumn,
    SeverityColumn,
    CategoryColumn,
    StatusColumn,
    AgeColumn,
    ColumnCount
  };
  enum Role { IdRole = Qt::UserRole + 1, NeedRole, HallRole, DrillRole, SeverityRole };

  explicit LeadershipModel(IncidentBoardModel* board, QObject* parent = nullptr);

  // Pure: the need of `inc` for the person `personId` at `nowMs`.
  static Need needOf(const hall::v1::Incident& inc, const QString& personId, qint64 nowMs);
  static QString needName(Need n);

  void setPersonId(const QString& id);
  void setHallNames(const QHash<QString, QString>& names);  // id → 东莞市民服务中心
  // Filters (empty / 0 = any).
  void setHalls(const QSet<QString>& halls);  // a region's halls, or one hall
  void setCategory(const QString& category);
  void setMinSeverity(int severity);
  void setDrill(int drill);  // 0 any, 1 real only, 2 drills only
  void setText(const QString& text);
  void setReportedRange(qint64 fromMs, qint64 toMs);  // 0 = unbounded
  // Tests and simulated clocks: the time "now" is read from (ms since epoch).
  void setNow(std::function<qint64()> now);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

  int count() const { return static_cast<int>(m_rows.size()); }
  QString idAt(int row) const;
  // Of the rows shown: how many per hall id and per severity (enum value).
  QMap<QString, int> countsByHall() const;
  QMap<int, int> countsBySeverity() const;
  int countOf(Need n) const;

 public slots:
  void rebuild();

 signals:
  void countsChanged();

 private:
  struct Row {
    QString id;
    QString hall;
    Need need;
    hall::v1::Incident inc;
  };
  bool accepts(const hall::v1::Incident& inc) const;

  IncidentBoardModel* m_board;
  std::vector<Row> m_rows;
  QString m_personId;
  QHash<QString, QString> m_hallNames;
  QSet<QString> m_halls;
  QString m_category, m_text;
  int m_minSeverity = 0, m_drill = 0;
  qint64 m_fromMs = 0, m_toMs = 0;
  std::function<qint64()> m_now;
  QTimer m_tick;
};

}  // namespace hall::client
