// CloseOutPanel (善后): the selected incident's close-out duties as its plan
// requires them — what still stands before it may close (the summary, its
// filing with each body the playbook names, statements awaiting approval),
// public statements (舆情) drafted here and approved or refused by
// leadership or the bureau, the after-action summary (总结), filings (备案),
// a hand-over (转办) and improvement follow-ups. Every button goes through
// DeskSession and ends in its actionFinished; the server decides.
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace hall::desk {

class DeskSession;

class CloseOutPanel : public QWidget {
  Q_OBJECT
 public:
  explicit CloseOutPanel(DeskSession* session, QWidget* parent = nullptr);

  // Re-reads the selected incident (its board state) and its playbook.
  void refresh();

 protected:
  void changeEvent(QEvent* e) override;

 private:
  void retranslate();
  void draft();
  void decide(bool approve);
  void writeSummary();
  void file();
  void handOver();
  void addFollowUp();
  void markFollowUpDone();

  DeskSession* m_session;
  QLabel* m_requirements;
  QLabel* m_statementsTitle;
  QListWidget* m_statements;
  QPushButton* m_draft;
  QPushButton* m_approve;
  QPushButton* m_refuse;
  QLabel* m_summary;
  QPushButton* m_writeSummary;
  QPushButton* m_file;
  QPushButton* m_handOver;
  QLabel* m_followUpsTitle;
  QListWidget* m_followUps;
  QPushButton* m_addFollowUp;
  QPushButton* m_followUpDone;
};

}  // namespace hall::desk
