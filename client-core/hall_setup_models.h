// The hall's set-up as tables (值班与联络): who each tier reaches now, the
// plan's positions and who fills them, the duty roster, the outside
// parties' numbers, the notifiers (webhooks), the announced planned
// outages, and the set-up's problems in words — each a Qt item model over
// one part of an EscalationService.GetHallSetup answer (hall::v1::HallSetup).
// Warnings (a tier that reaches nobody, an unfilled position, a party
// without a number, a roster gap) are the server's SetupProblems, never
// worked out here.
//
// Roles start at Qt::UserRole + 1 (KeyRole: the row's id for edits;
// WarningRole: the row is a problem). Not QML_ELEMENTs, for the reason
// escalation_models.h gives.
//
// Thread-safety: like every Qt item model, GUI thread only.
#pragma once

#include <QAbstractListModel>
#include <QAbstractTableModel>
#include <functional>
#include <vector>

#include "hall/v1/escalation.pb.h"

namespace hall::client {

// A set-up problem in words: "值班表空缺：11-24 20:00 至 11-25 08:00 无人值班",
// "应急办：无人可通知", "职位空缺：组长", "公安/110：未登记联系电话"; position
// titles in English when `english`.
QString setupProblemText(const hall::v1::SetupProblem& problem, const hall::v1::HallSetup& setup,
                         bool english);
// A position's title in the UI language (the id when the set-up lacks it).
QString positionTitle(const hall::v1::HallSetup& setup, const std::string& positionId,
                      bool english);

// The base of the set-up tables: holds the set-up, maps rows to cells.
class HallSetupTable : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Role {
    KeyRole = Qt::UserRole + 1,  // the row's id (shift id, party, notifier id …)
    WarningRole,                 // the row is a problem of the set-up
    TierRole,                    // the row's tier, where it has one
  };
  Q_ENUM(Role)

  explicit HallSetupTable(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Shows `setup`: rows updated in place when their keys are the same, else
  // a reset.
  void setSetup(const hall::v1::HallSetup& setup);
  const hall::v1::HallSetup& setup() const { return m_setup; }
  void clear();
  void setEnglish(bool english);
  // Re-reads translated texts (call on QEvent::LanguageChange).
  void retranslate();
  // The key of `row` ("" when out of range).
  QString keyAt(int row) const;
  int rowOfKey(const QString& key) const;

 protected:
  // Rebuilds the row list from m_setup (derived classes keep their own).
  virtual void rebuild() = 0;
  virtual int rows() const = 0;
  virtual int columns() const = 0;
  virtual QString header(int column) const = 0;
  virtual QVariant cell(int row, int column) const = 0;
  virtual QString key(int row) const = 0;
  virtual bool warning(int row) const {
    Q_UNUSED(row);
    return false;
  }
  virtual QString tier(int row) const {
    Q_UNUSED(row);
    return {};
  }
  bool english() const { return m_english; }
  hall::v1::HallSetup m_setup;

 private:
  QStringList keys() const;
  bool m_english = false;
};

// 当前可达 (GetHallSetup.on_now): each tier and the people it reaches now,
// online (● on a desk) or not; a tier that reaches nobody is a warning.
class OnNowModel : public HallSetupTable {
  Q_OBJECT
 public:
  enum Column { TierColumn, PeopleColumn, ColumnCount };
  using HallSetupTable::HallSetupTable;

 protected:
  void rebuild() override {}
  int rows() const override { return m_setup.on_now_size(); }
  int columns() const override { return ColumnCount; }
  QString header(int column) const override;
  QVariant cell(int row, int column) const override;
  QString key(int row) const override;
  bool warning(int row) const override;
  QString tier(int row) const override { return key(row); }
};

// 职位 (the plan's organisation): each position, its tier, who fills it,
// notify-only or not; then members filling a tier without a position (the
// hall head). An unfilled position the server reports is a warning.
class PositionsModel : public HallSetupTable {
  Q_OBJECT
 public:
  enum Column { PositionColumn, TierColumn, PeopleColumn, NotifyOnlyColumn, ColumnCount };
  using HallSetupTable::HallSetupTable;
  // The person ids filling `row` (its members).
  QStringList personIds(int row) const;

 protected:
  void rebuild() override;
  int rows() const override { return static_cast<int>(m_rows.size()); }
  int columns() const override { return ColumnCount; }
  QString header(int column) const override;
  QVariant cell(int row, int column) const override;
  QString key(int row) const override;
  bool warning(int row) const override;
  QString tier(int row) const override;

 private:
  struct Row {
    int position = -1;  // index in setup.positions, or -1 for a member row
    std::string tier;
    std::vector<int> members;  // indexes in setup.members
  };
  std::vector<Row> m_rows;
};

// 值班表: the shifts of the window asked for, in time order.
class ShiftsModel : public HallSetupTable {
  Q_OBJECT
 public:
  enum Column { PersonColumn, StartColumn, EndColumn, ColumnCount };
  using HallSetupTable::HallSetupTable;

 protected:
  void rebuild() override;
  int rows() const override { return static_cast<int>(m_order.size()); }
  int columns() const override { return ColumnCount; }
  QString header(int column) const override;
  QVariant cell(int row, int column) const override;
  QString key(int row) const override;

 private:
  std::vector<int> m_order;  // indexes in setup.shifts, by start
};

// 外部联络: each outside party's number; then the parties the plan needs
// that have none (contact_missing problems), as warnings.
class ContactsModel : public HallSetupTable {
  Q_OBJECT
 public:
  enum Column { PartyColumn, NameColumn, PhoneColumn, NoteColumn, ColumnCount };
  using HallSetupTable::HallSetupTable;
  // The contact of `row`, or nullptr for a missing party's row.
  const hall::v1::Contact* contact(int row) const;

 protected:
  void rebuild() override;
  int rows() const override { return m_setup.contacts_size() + int(m_missing.size()); }
  int columns() const override { return ColumnCount; }
  QString header(int column) const override;
  QVariant cell(int row, int column) const override;
  QString key(int row) const override;
  bool warning(int row) const override { return row >= m_setup.contacts_size(); }

 private:
  std::vector<std::string> m_missing;  // parties without a number
};

// 通知渠道: the hall's notifiers (webhooks).
class NotifiersModel : public HallSetupTable {
  Q_OBJECT
 public:
  enum Column { NameColumn, UrlColumn, TiersColumn, ActiveColumn, ColumnCount };
  using HallSetupTable::HallSetupTable;

 protected:
  void rebuild() override {}
  int rows() const override { return m_setup.notifiers_size(); }
  int columns() const override { return ColumnCount; }
  QString header(int column) const override;
  QVariant cell(int row, int column) const override;
  QString key(int row) const override;
  bool warning(int row) const override { return !m_setup.notifiers(row).active(); }
};

// 计划停电: announced planned outages, current and future.
class PlannedOutagesModel : public HallSetupTable {
  Q_OBJECT
 public:
  enum Column {
    CategoryColumn,
    ZoneColumn,
    WindowColumn,
    NoteColumn,
    ByColumn,
    StateColumn,
    ColumnCount
  };
  using HallSetupTable::HallSetupTable;
  // Category names (the taxonomy's, in the UI language); the label else.
  void setCategoryNamer(std::function<QString(const QString&)> namer);

 protected:
  void rebuild() override {}
  int rows() const override { return m_setup.planned_outages_size(); }
  int columns() const override { return ColumnCount; }
  QString header(int column) const override;
  QVariant cell(int row, int column) const override;
  QString key(int row) const override;
  bool warning(int row) const override { return m_setup.planned_outages(row).cancelled(); }

 private:
  std::function<QString(const QString&)> m_categoryNamer;
};

// 问题: the set-up's problems in words, one a row (all warnings).
class SetupProblemsModel : public HallSetupTable {
  Q_OBJECT
 public:
  enum Column { ProblemColumn, ColumnCount };
  using HallSetupTable::HallSetupTable;

 protected:
  void rebuild() override {}
  int rows() const override { return m_setup.problems_size(); }
  int columns() const override { return ColumnCount; }
  QString header(int column) const override;
  QVariant cell(int row, int column) const override;
  QString key(int row) const override;
  bool warning(int) const override { return true; }
  QString tier(int row) const override {
    return QString::fromStdString(m_setup.problems(row).tier());
  }
};

}  // namespace hall::client
