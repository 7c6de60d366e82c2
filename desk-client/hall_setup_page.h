// HallSetupPage (值班与联络): the desk's tab for a hall's escalation set-up —
// who each tier reaches now, the plan's positions and who fills them, the
// duty roster for the next 7 days, the outside parties' numbers, the
// notifiers (webhooks) and the announced planned outages, with the set-up's
// problems (roster gaps, tiers that reach nobody, unfilled positions,
// parties without a number) as warnings in words above them. People who may
// manage the hall (Principal.permissions "manage_hall": the hall head, the
// administrator) edit it here — add or remove shifts, fill positions, add,
// edit or remove contacts and notifiers, announce or cancel a planned
// outage — and see the server's refusal in place; everyone else
// (leadership, duty officers) reads it.
//
// Thread-safety: GUI thread only (a QWidget).
#pragma once

#include <QWidget>

#include "desk_session.h"
#include "hall_setup_models.h"

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;

namespace hall::desk {

class HallSetupPage : public QWidget {
  Q_OBJECT

 public:
  HallSetupPage(DeskSession* session, QWidget* parent = nullptr);

  QString currentHall() const;
  void showHall(const QString& hallId);
  void setEnglish(bool english);
  void retranslate();
  QTabWidget* pages() const { return m_pages; }
  QLabel* problems() const { return m_problems; }
  QLabel* result() const { return m_result; }
  client::ContactsModel* contactsModel() const { return m_contacts; }
  client::ShiftsModel* shiftsModel() const { return m_shifts; }
  client::OnNowModel* onNowModel() const { return m_onNow; }

 protected:
  void showEvent(QShowEvent* e) override;

 private:
  // The constructor's parts: the pages, then the wiring.
  QWidget* buildReachPage();
  QWidget* buildRosterPage();
  QWidget* buildContactsPage();
  QWidget* buildNotifiersPage();
  QWidget* buildOutagesPage();
  void connectEdits();
  void fillHalls();
  void fillPeople();
  void fillChoices();
  void render();
  void updateEditing();
  void contactChosen();
  QTableView* table(QAbstractItemModel* model, const QString& name, int stretchColumn);
  // A label or button whose text (a QT_TR_NOOP source) retranslate() sets.
  QLabel* label(const char* text);
  QPushButton* button(const char* text, const QString& name);

  DeskSession* m_session;
  bool m_english = false;
  QLabel* m_hallLabel = nullptr;
  QComboBox* m_hall = nullptr;
  QLabel* m_readOnly = nullptr;
  QLabel* m_problems = nullptr;
  QTabWidget* m_pages = nullptr;
  QLabel* m_result = nullptr;
  client::OnNowModel* m_onNow;
  client::PositionsModel* m_positions;
  client::ShiftsModel* m_shifts;
  client::ContactsModel* m_contacts;
  client::NotifiersModel* m_notifiers;
  client::PlannedOutagesModel* m_outages;
  QList<QWidget*> m_editors;  // shown to those who may manage the hall
  QList<QPair<QLabel*, const char*>> m_labels;
  QList<QPair<QPushButton*, const char*>> m_buttons;
  // reach & positions
  QTableView* m_positionsView = nullptr;
  QComboBox* m_memberPerson = nullptr;
  QPushButton* m_memberSet = nullptr;
  QPushButton* m_memberRemove = nullptr;
  // roster
  QTableView* m_shiftsView = nullptr;
  QComboBox* m_shiftPerson = nullptr;
  QDateTimeEdit* m_shiftStart = nullptr;
  QDateTimeEdit* m_shiftEnd = nullptr;
  QPushButton* m_shiftAdd = nullptr;
  QPushButton* m_shiftDelete = nullptr;
  // contacts
  QTableView* m_contactsView = nullptr;
  QComboBox* m_contactParty = nullptr;
  QLineEdit* m_contactName = nullptr;
  QLineEdit* m_contactPhone = nullptr;
  QLineEdit* m_contactNote = nullptr;
  QPushButton* m_contactSave = nullptr;
  QPushButton* m_contactDelete = nullptr;
  // notifiers
  QTableView* m_notifiersView = nullptr;
  QLineEdit* m_notifierName = nullptr;
  QLineEdit* m_notifierUrl = nullptr;
  QComboBox* m_notifierTier = nullptr;
  QCheckBox* m_notifierActive = nullptr;
  QPushButton* m_notifierSave = nullptr;
  QPushButton* m_notifierDelete = nullptr;
  // planned outages
  QTableView* m_outagesView = nullptr;
  QComboBox* m_outageCategory = nullptr;
  QLineEdit* m_outageZone = nullptr;
  QDateTimeEdit* m_outageStart = nullptr;
  QDateTimeEdit* m_outageEnd = nullptr;
  QLineEdit* m_outageNote = nullptr;
  QPushButton* m_outageAnnounce = nullptr;
  QPushButton* m_outageCancel = nullptr;
};

}  // namespace hall::desk
