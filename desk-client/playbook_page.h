// PlaybookPage (预案): the desk's tab for reading the hall's plan without an
// incident — choose a hall (when the desk covers several) and a category
// (the taxonomy's names, marked when the plan has no playbook of its own
// for it), and read that hall's playbook: steps, grading, escalation and
// close-out; or the plan's overview with its readiness checklists (应急准备).
// Reads go through DeskSession::loadPlaybook (asynchronous); a refusal is
// shown in place.
//
// Thread-safety: GUI thread only (a QWidget).
#pragma once

#include <QWidget>

#include "desk_session.h"

class QComboBox;
class QLabel;
class QTextBrowser;

namespace hall::desk {

class PlaybookPage : public QWidget {
  Q_OBJECT

 public:
  PlaybookPage(DeskSession* session, QWidget* parent = nullptr);

  // The UI language for the step texts and category names.
  void setEnglish(bool english);
  // Shows `category` ("" = the plan's overview) of the current hall.
  void showCategory(const QString& category);
  QString currentCategory() const;
  QTextBrowser* view() const { return m_view; }
  void retranslate();

 private:
  QString currentHall() const;
  void fillHalls();
  void fillCategories();
  void render();

  DeskSession* m_session;
  bool m_english = false;
  QLabel* m_hallLabel = nullptr;
  QComboBox* m_hall = nullptr;
  QLabel* m_categoryLabel = nullptr;
  QComboBox* m_category = nullptr;
  QTextBrowser* m_view = nullptr;
  // The last answer for the current choice.
  bool m_haveResponse = false;
  hall::v1::GetPlaybookResponse m_response;
  QString m_error;
};

}  // namespace hall::desk
