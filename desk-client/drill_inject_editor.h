// DrillInjectEditor (编排注入): the drill coordinator builds a drill's
// injects by hand, starting from one of the hall's scenarios. Each row is
// an inject at its time from the start: a kiosk press (category, place,
// what the reporter says), a kiosk going silent (place), a metric change
// of an earlier press's incident, or a message to every participant. Rows
// are added, removed and edited in place; the time order is the rows'
// times. The scenario keeps the base's clause and the author's expected
// responses whose press is still there; its id is "hand_<base>", so its
// runs never mix with the file scenario's trend and cadence.
//
// 检查 asks the server (CheckDrillScenario) exactly as StartDrill will and
// shows what a run would expect, or the refusal naming its field
// (scenario.injects[2].place …); 使用 is enabled once the scenario as it
// stands has been checked clean, and hands it to the drill tab.
//
// Thread-safety: GUI thread only (a QDialog).
#pragma once

#include <QDialog>
#include <vector>

#include "hall/v1/drill.pb.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTextBrowser;

namespace hall::desk {

class DeskSession;

class DrillInjectEditor : public QDialog {
  Q_OBJECT
 public:
  DrillInjectEditor(DeskSession* session, const QString& hallId,
                    const hall::v1::DrillScenario& base, bool english, QWidget* parent = nullptr);

  // The scenario as the rows stand now.
  hall::v1::DrillScenario scenario() const;
  // The scenario last checked clean, with what a run of it would expect.
  const hall::v1::ScenarioForHall& checked() const { return m_checked; }
  bool checkedClean() const { return m_clean; }

  // What the buttons and cells do (public for tests).
  int injectCount() const { return static_cast<int>(m_injects.size()); }
  const hall::v1::DrillInject& inject(int row) const { return m_injects[row]; }
  void addInject(const hall::v1::DrillInject& inject);
  void setInject(int row, const hall::v1::DrillInject& inject);
  void removeInject(int row);
  void check();
  QString resultText() const;

 signals:
  // The server answered a check (clean or not).
  void checkFinished();

 private:
  void buildUi();
  void fillRow(int row);
  void rebuildTable();
  void rebuildLater();
  // Something changed: the last check no longer stands.
  void edited();
  QString freshId() const;
  // A new inject of `kind` at `atSeconds` with the defaults its cells show
  // (a fire press, the first metric, the hall's first place).
  hall::v1::DrillInject defaultInject(hall::v1::DrillInject::Kind kind, int atSeconds) const;
  QStringList placeRoles() const;
  QStringList pressIdsBefore(int row) const;

  DeskSession* m_session;
  QString m_hallId;
  hall::v1::DrillScenario m_base;
  bool m_english;
  std::vector<hall::v1::DrillInject> m_injects;
  hall::v1::ScenarioForHall m_checked;
  bool m_clean = false;
  int m_generation = 0;  // bumped per edit; a check of older rows is dropped

  QLineEdit* m_name;
  QSpinBox* m_minutes;
  QTableWidget* m_table;
  QPushButton* m_add;
  QPushButton* m_remove;
  QPushButton* m_check;
  QPushButton* m_use;
  QTextBrowser* m_result;
};

}  // namespace hall::desk
