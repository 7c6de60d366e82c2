// ContactDialog (记录联系): records how a person reached the outside party
// of a checklist contact step (110, 119, 数据管理局 …) — the system never
// dials. It names the party, its number from the hall's contacts (the
// number field starts with it), the clause that requires the call, and
// asks for the method (电话 / 当面 / 短信 / 对讲), the party's reference
// number and a note. On a drill it says nobody outside is to be called.
// Accepting sends DeskSession::recordContact; its outcome arrives as
// DeskSession::actionFinished.
//
// Thread-safety: GUI thread only (a QDialog).
#pragma once

#include <QDialog>

#include "desk_session.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace hall::desk {

class ContactDialog : public QDialog {
  Q_OBJECT

 public:
  // For the contact step `item` of `incident`; `contact` is the hall's
  // entry for its party (nullptr: none registered).
  ContactDialog(DeskSession* session, const hall::v1::Incident& incident,
                const hall::v1::ChecklistItem& item, const hall::v1::Contact* contact,
                QWidget* parent = nullptr);

  QLineEdit* number() const { return m_number; }
  QComboBox* method() const { return m_method; }
  QLineEdit* reference() const { return m_reference; }
  QLineEdit* note() const { return m_note; }
  // Sends what the dialog holds (the OK button does this).
  void send();

 private:
  DeskSession* m_session;
  QString m_incidentId;
  QString m_stepId;
  QLineEdit* m_number = nullptr;
  QComboBox* m_method = nullptr;
  QLineEdit* m_reference = nullptr;
  QLineEdit* m_note = nullptr;
};

}  // namespace hall::desk
