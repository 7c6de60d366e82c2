#include "kiosk_button_model.h"

#include "hall_client.h"
#include "labels.h"

namespace hall::kiosk {

using client::qs;
namespace v1 = hall::v1;

namespace {
const QString kPanicButton = QStringLiteral("panic");
}  // namespace

KioskButtonModel::KioskButtonModel(QObject* parent) : QAbstractListModel(parent) {}

int KioskButtonModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : count();
}

QVariant KioskButtonModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
  const Row& r = m_rows[index.row()];
  const v1::Category& c = m_taxonomy.categories(r.category);
  switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
      return labelOf(r);
    case ButtonIdRole:
      return r.button;
    case CategoryRole:
      return qs(c.id());
    case CategoryNameRole:
      return nameOf(c);
    case SeverityRole:
      return int(c.default_severity());
  }
  return {};
}

QHash<int, QByteArray> KioskButtonModel::roleNames() const {
  return {{ButtonIdRole, "buttonId"},
          {CategoryRole, "category"},
          {LabelRole, "label"},
          {CategoryNameRole, "categoryName"},
          {SeverityRole, "severity"}};
}

void KioskButtonModel::setTaxonomy(const v1::Taxonomy& taxonomy) {
  std::vector<Row> rows;
  QString panic = QStringLiteral("panic");
  for (int i = 0; i < taxonomy.categories_size(); ++i) {
    for (const auto& b : taxonomy.categories(i).kiosk_buttons()) {
      const QString button = qs(b);
      if (button == kPanicButton) {
        panic = qs(taxonomy.categories(i).id());
      } else {
        rows.push_back({button, i});
      }
    }
  }
  // Same buttons raising the same categories: refresh the names in place.
  bool same = rows.size() == m_rows.size();
  for (size_t i = 0; same && i < rows.size(); ++i) {
    same = rows[i].button == m_rows[i].button && taxonomy.categories(rows[i].category).id() ==
                                                     m_taxonomy.categories(m_rows[i].category).id();
  }
  if (same) {
    m_taxonomy = taxonomy;
    m_rows = std::move(rows);
    retranslate();
  } else {
    const int before = count();
    beginResetModel();
    m_taxonomy = taxonomy;
    m_rows = std::move(rows);
    endResetModel();
    if (before != count()) emit countChanged();
  }
  if (panic != m_panicCategory) {
    m_panicCategory = panic;
    emit panicCategoryChanged();
  }
}

QString KioskButtonModel::categoryOf(const QString& buttonId) const {
  if (buttonId == kPanicButton) return m_panicCategory;
  for (const Row& r : m_rows) {
    if (r.button == buttonId) return qs(m_taxonomy.categories(r.category).id());
  }
  return {};
}

QString KioskButtonModel::categoryName(const QString& categoryId) const {
  if (client::hasCategoryLabel(categoryId)) return client::categoryName(categoryId);
  for (const auto& c : m_taxonomy.categories()) {
    if (qs(c.id()) == categoryId) return nameOf(c);
  }
  return categoryId;
}

void KioskButtonModel::setEnglish(bool english) {
  if (english == m_english) return;
  m_english = english;
  retranslate();
  emit englishChanged();
}

void KioskButtonModel::retranslate() {
  if (!m_rows.empty())
    emit dataChanged(index(0), index(count() - 1), {Qt::DisplayRole, LabelRole, CategoryNameRole});
}

QString KioskButtonModel::labelOf(const Row& r) const {
  const QString label = client::kioskButtonLabel(r.button);
  return label.isEmpty() ? nameOf(m_taxonomy.categories(r.category)) : label;
}

QString KioskButtonModel::nameOf(const v1::Category& c) const {
  const std::string& name = m_english && !c.name_en().empty() ? c.name_en() : c.name_zh();
  return name.empty() ? qs(c.id()) : qs(name);
}

}  // namespace hall::kiosk
