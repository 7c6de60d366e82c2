// KioskButtonModel (快捷上报按钮): the kiosk's quick-report buttons and the
// category each one raises, as the server's taxonomy says
// (PlaybookService.ListCategories: Category.kiosk_buttons), in the order of
// the taxonomy. The panic button is not a row: it stays the big
// hold-to-confirm button, and the model only says which category it raises
// (panicCategory). A button's label is the client's short translation when
// it has one (client::kioskButtonLabel), else the category's own name from
// the taxonomy in the UI language, so a button added to the playbook set
// shows without a new client.
//
// Thread-safety: like every Qt item model, GUI thread only.
#pragma once

#include <QAbstractListModel>
#include <QQmlEngine>
#include <vector>

#include "hall/v1/playbook.pb.h"

namespace hall::kiosk {

class KioskButtonModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("the controller's buttons (KioskController.buttons)")
  Q_PROPERTY(int count READ count NOTIFY countChanged)
  Q_PROPERTY(QString panicCategory READ panicCategory NOTIFY panicCategoryChanged)
  Q_PROPERTY(bool english READ english WRITE setEnglish NOTIFY englishChanged)

 public:
  enum Role {
    ButtonIdRole = Qt::UserRole + 1,  // fire, conflict, medical, …
    CategoryRole,                     // the Category.id it raises
    LabelRole,                        // what the button says, in the UI language
    CategoryNameRole,                 // the category's full name, in the UI language
    SeverityRole,                     // the category's default severity (hall::v1::Severity)
  };
  Q_ENUM(Role)

  explicit KioskButtonModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Takes the server's taxonomy. The rows are reset only when the buttons
  // or their categories changed; names are refreshed in place.
  void setTaxonomy(const hall::v1::Taxonomy& taxonomy);
  const hall::v1::Taxonomy& taxonomy() const { return m_taxonomy; }
  bool hasTaxonomy() const { return m_taxonomy.categories_size() > 0; }

  int count() const { return static_cast<int>(m_rows.size()); }
  // The category the panic button raises ("panic" until the taxonomy says).
  QString panicCategory() const { return m_panicCategory; }
  // The category `buttonId` raises, or "" when the taxonomy has no such button.
  Q_INVOKABLE QString categoryOf(const QString& buttonId) const;
  // A category's name for the screen: the client's short label when it has
  // one, else the taxonomy's name in the UI language, else the id.
  Q_INVOKABLE QString categoryName(const QString& categoryId) const;

  bool english() const { return m_english; }
  // The UI language for names the client has no translation of. Also
  // re-reads translated labels (call after a language switch).
  void setEnglish(bool english);
  // Re-reads translated labels (the translators changed).
  void retranslate();

 signals:
  void countChanged();
  void panicCategoryChanged();
  void englishChanged();

 private:
  struct Row {
    QString button;
    int category;  // index into m_taxonomy.categories()
  };
  QString labelOf(const Row& r) const;
  QString nameOf(const hall::v1::Category& c) const;

  hall::v1::Taxonomy m_taxonomy;
  std::vector<Row> m_rows;
  QString m_panicCategory = QStringLiteral("panic");
  bool m_english = false;
};

}  // namespace hall::kiosk
