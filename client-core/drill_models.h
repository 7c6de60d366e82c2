// DrillResultsModel (演练应有响应): a drill run's expected responses as the
// desk's drill tab lists them — what is expected (zh or en), the inject it
// is about, its deadline (the inject's fired time + within_seconds), the
// outcome the server scored (按时 green / 迟 N amber / 超时 red-amber /
// 未完成 red / 待定 grey), the time it took and the clause behind it. One
// row per DrillScore.results entry, in the order expected; fed whole by
// setDrill() on every GetDrill answer (rows kept in place when the same
// responses come again, so a selection survives the 2-second poll).
//
// GUI thread only.
#pragma once

#include <QAbstractTableModel>

#include "hall/v1/drill.pb.h"

namespace hall::client {

class DrillResultsModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    ExpectationColumn,
    InjectColumn,
    DeadlineColumn,
    OutcomeColumn,
    TookColumn,
    CitationColumn,
    ColumnCount
  };
  enum Role {
    ExpectationIdRole = Qt::UserRole + 1,
    OutcomeRole,     // ExpectationResult::Outcome as int
    IncidentIdRole,  // the incident of the inject it is about, or ""
    LateSecondsRole,
    DeadlineMsRole,  // 0 while its inject has not fired
  };

  explicit DrillResultsModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Takes the run's score (and its injects, for the deadlines).
  void setDrill(const hall::v1::Drill& drill);
  void clear();
  // The expectations' texts in English (text_en) or Chinese.
  void setEnglish(bool english);
  // Re-reads translated texts (after a language change).
  void retranslate();

 private:
  hall::v1::Drill m_drill;
  bool m_english = false;
};

}  // namespace hall::client
