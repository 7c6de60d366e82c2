// EscalatedPanel (升级给我): the list at the top of the desk's board of the
// alerts the server addressed to the signed-in person — whoever they are
// (duty officer, hall head, leadership) — from DeskSession::escalatedToMe():
// the incident, the stage, why, when, and whether anyone has acknowledged
// it. Pending rows flash while the window's alarm sounds (notify-only rows
// are listed without sound). Choosing a row selects its incident on the
// board, where Acknowledge (A) takes it; a reminder or an overdue step can
// be marked seen here (知道了). For a leadership desk (whose people are
// mostly reached this way) the list is always shown, large; elsewhere it
// shows while it has rows.
//
// Thread-safety: GUI thread only (a QWidget).
#pragma once

#include <QWidget>

#include "desk_session.h"

class QLabel;
class QPushButton;
class QTableView;

namespace hall::desk {

class EscalatedPanel : public QWidget {
  Q_OBJECT

 public:
  EscalatedPanel(DeskSession* session, QWidget* parent = nullptr);

  QTableView* view() const { return m_view; }
  QLabel* title() const { return m_title; }
  // True for a desk that shows the list prominently (leadership).
  bool prominent() const;
  void retranslate();

 signals:
  // A row was chosen: select this incident on the board.
  void incidentChosen(const QString& incidentId);

 private:
  void update();

  DeskSession* m_session;
  QLabel* m_title = nullptr;
  QTableView* m_view = nullptr;
  QPushButton* m_seen = nullptr;
};

}  // namespace hall::desk
