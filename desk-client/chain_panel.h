// ChainPanel (上报链): the chain part of the desk's incident detail — every
// stage of the selected incident's policy in order
// (DeskSession::chain(), a ChainStagesModel: tiers, notify-only tiers,
// outside parties, who was alerted when and why, who acknowledged), and
// the chain actions with their required reason: 升级 (alert the next stage
// now) and 交回下一级 (hand back down). Where it stands in one line, with the
// countdown, is the window's (above the detail's tabs, always in view). Acknowledging a later alert
// is the window's Acknowledge action. The actions show when the server lets this person escalate
// (Principal.permissions "escalate"); the server's refusal arrives as DeskSession::actionFinished,
// which the window shows.
//
// Thread-safety: GUI thread only (a QWidget).
#pragma once

#include <QWidget>

#include "desk_session.h"

class QLineEdit;
class QPushButton;
class QTableView;

namespace hall::desk {

class ChainPanel : public QWidget {
  Q_OBJECT

 public:
  ChainPanel(DeskSession* session, QWidget* parent = nullptr);

  // Shows the selected incident's state (nullptr: none): which actions the
  // state allows.
  void setIncident(const hall::v1::Incident* incident);
  void escalateSelected();
  void deescalateSelected();
  void focusReason();

  QTableView* view() const { return m_view; }
  QLineEdit* reason() const { return m_reason; }
  void retranslate();

 private:
  void updateButtons();

  DeskSession* m_session;
  hall::v1::Incident m_incident;
  QTableView* m_view = nullptr;
  QLineEdit* m_reason = nullptr;
  QPushButton* m_escalate = nullptr;
  QPushButton* m_deescalate = nullptr;
};

}  // namespace hall::desk
