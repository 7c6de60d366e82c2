#include "drill_models.h"

#include <QBrush>
#include <QCoreApplication>
#include <QDateTime>

#include "drill_report.h"
#include "labels.h"

namespace hall::client {

namespace {
QString T(const char* s) { return QCoreApplication::translate("DrillResultsModel", s); }
}  // namespace

DrillResultsModel::DrillResultsModel(QObject* parent) : QAbstractTableModel(parent) {}

int DrillResultsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : m_drill.score().results_size();
}

int DrillResultsModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant DrillResultsModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const v1::ExpectationResult& r = m_drill.score().results(index.row());
  const v1::DrillExpectation& e = r.expectation();
  const qint64 deadline = expectationDeadlineMs(m_drill, r);
  const bool done = r.outcome() == v1::ExpectationResult::OUTCOME_ON_TIME ||
                    r.outcome() == v1::ExpectationResult::OUTCOME_LATE;
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case ExpectationColumn:
          return expectationText(e, m_english);
        case InjectColumn:
          return QString::fromStdString(e.incident());
        case DeadlineColumn:
          return deadline > 0
                     ? QDateTime::fromMSecsSinceEpoch(deadline).toString(QStringLiteral("HH:mm:ss"))
                     : T(QT_TRANSLATE_NOOP("DrillResultsModel", "注入后 %1"))
                           .arg(ageText(e.within_seconds()));
        case OutcomeColumn:
          return outcomeText(r);
        case TookColumn:
          return done ? ageText(r.took_seconds()) : QString();
        case CitationColumn:
          return QString::fromStdString(e.citation());
        default:
          return {};
      }
    case Qt::ToolTipRole:
      if (index.column() == InjectColumn) {
        if (const auto* inject = findInject(m_drill.scenario(), e.incident()))
          return QString::fromStdString(inject->summary());
      }
      if (index.column() == ExpectationColumn) return expectationText(e, !m_english);
      return {};
    case Qt::BackgroundRole:
      if (index.column() == OutcomeColumn) return QBrush(outcomeColor(r.outcome()));
      return {};
    case Qt::ForegroundRole:
      if (index.column() == OutcomeColumn) {
        // Dark text on the light amber and grey; white on the rest.
        const bool light = r.outcome() == v1::ExpectationResult::OUTCOME_LATE ||
                           r.outcome() == v1::ExpectationResult::OUTCOME_PENDING ||
                           r.outcome() == v1::ExpectationResult::OUTCOME_UNSPECIFIED;
        return QBrush(light ? QColor(0x21, 0x21, 0x21) : QColor(Qt::white));
      }
      return {};
    case ExpectationIdRole:
      return QString::fromStdString(e.id());
    case OutcomeRole:
      return static_cast<int>(r.outcome());
    case IncidentIdRole:
      if (!r.incident_id().empty()) return QString::fromStdString(r.incident_id());
      if (const auto* run = findInjectRun(m_drill, e.incident()))
        return QString::fromStdString(run->incident_id());
      return QString();
    case LateSecondsRole:
      return static_cast<qlonglong>(r.late_seconds());
    case DeadlineMsRole:
      return deadline;
    default:
      return {};
  }
}

QVariant DrillResultsModel::headerData(int section, Qt::Orientation o, int role) const {
  if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case ExpectationColumn:
      return T(QT_TRANSLATE_NOOP("DrillResultsModel", "应有响应"));
    case InjectColumn:
      return T(QT_TRANSLATE_NOOP("DrillResultsModel", "针对注入"));
    case DeadlineColumn:
      return T(QT_TRANSLATE_NOOP("DrillResultsModel", "时限"));
    case OutcomeColumn:
      return T(QT_TRANSLATE_NOOP("DrillResultsModel", "结果"));
    case TookColumn:
      return T(QT_TRANSLATE_NOOP("DrillResultsModel", "用时"));
    case CitationColumn:
      return T(QT_TRANSLATE_NOOP("DrillResultsModel", "依据"));
    default:
      return {};
  }
}

QHash<int, QByteArray> DrillResultsModel::roleNames() const {
  auto names = QAbstractTableModel::roleNames();
  names.insert(ExpectationIdRole, "expectationId");
  names.insert(OutcomeRole, "outcome");
  names.insert(IncidentIdRole, "incidentId");
  names.insert(LateSecondsRole, "lateSeconds");
  names.insert(DeadlineMsRole, "deadlineMs");
  return names;
}

void DrillResultsModel::setDrill(const v1::Drill& drill) {
  // The same responses in the same order (the usual poll): change in place.
  bool same =
      drill.id() == m_drill.id() && drill.score().results_size() == m_drill.score().results_size();
  for (int i = 0; same && i < drill.score().results_size(); ++i) {
    same = drill.score().results(i).expectation().id() ==
           m_drill.score().results(i).expectation().id();
  }
  if (same) {
    m_drill = drill;
    if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    return;
  }
  beginResetModel();
  m_drill = drill;
  endResetModel();
}

void DrillResultsModel::clear() {
  beginResetModel();
  m_drill.Clear();
  endResetModel();
}

void DrillResultsModel::setEnglish(bool english) {
  if (english == m_english) return;
  m_english = english;
  retranslate();
}

void DrillResultsModel::retranslate() {
  if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
  emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

}  // namespace hall::client
