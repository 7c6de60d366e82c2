// ChecklistPanel (处置清单面板): the checklist part of the desk's incident
// detail — the grade (分级) with the metrics it is graded by and a control
// to set one, 定级 (set the grade by hand: one of the playbook's grades,
// reason required), re-triage (改类别) with a required reason, the live checklist
// (DeskSession::checklist(), a ChecklistModel) with its progress, and the
// check-off (K, or Space in the list) and skip (S, reason required) of the
// selected step, and 记录联系 (L) on an outside-contact step (ContactDialog:
// the number to call, the method, the reference). Every action goes
// through DeskSession; its result or the
// server's refusal arrives as DeskSession::actionFinished, which the
// window shows. Controls for what the server would refuse this person
// (Principal.permissions "checklist", "triage") are hidden.
//
// Thread-safety: GUI thread only (a QWidget).
#pragma once

#include <QWidget>

#include "desk_session.h"

class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace hall::desk {

class ChecklistPanel : public QWidget {
  Q_OBJECT

 public:
  ChecklistPanel(DeskSession* session, QWidget* parent = nullptr);

  // Shows the state of the selected incident (nullptr: none) — the grade
  // line and which actions are possible.
  void setIncident(const hall::v1::Incident* incident);
  // The UI language for step texts and category names.
  void setEnglish(bool english);

  // The actions, as the buttons and shortcuts run them.
  void checkOffSelected();
  void skipSelected();
  void recategorizeSelected();
  void focusRetriage();
  void setGradeSelected();
  // Opens the record-contact dialog for the selected contact step.
  void recordContactSelected();

  QTableView* view() const { return m_view; }
  QLineEdit* stepNote() const { return m_stepNote; }
  QString selectedStep() const;
  void selectStep(const QString& stepId);
  void retranslate();

 private:
  // The constructor's parts: the rows top to bottom, then the wiring.
  QLayout* buildGradeRow();
  QLayout* buildSetGradeRow();
  QLayout* buildTriageRow();
  QTableView* buildView();
  QLayout* buildStepRow();
  void connectActions();
  void connectSession();
  void fillCategories();
  void updateGrade();
  void updateProgress();
  void updateButtons();

  DeskSession* m_session;
  bool m_english = false;
  hall::v1::Incident m_incident;  // last state shown (empty id: none)

  QLabel* m_gradeLabel = nullptr;
  QLabel* m_metricLabel = nullptr;
  QComboBox* m_metric = nullptr;
  QSpinBox* m_metricValue = nullptr;
  QPushButton* m_metricButton = nullptr;
  QLabel* m_setGradeLabel = nullptr;
  QComboBox* m_grade = nullptr;
  QLineEdit* m_gradeReason = nullptr;
  QPushButton* m_gradeButton = nullptr;
  QPushButton* m_contactButton = nullptr;
  QLabel* m_retriageLabel = nullptr;
  QComboBox* m_category = nullptr;
  QComboBox* m_severity = nullptr;
  QLineEdit* m_retriageReason = nullptr;
  QPushButton* m_retriageButton = nullptr;
  QLabel* m_progress = nullptr;
  QTableView* m_view = nullptr;
  QLineEdit* m_stepNote = nullptr;
  QPushButton* m_doneButton = nullptr;
  QPushButton* m_skipButton = nullptr;
};

}  // namespace hall::desk
