#include "column_fit.h"

#include <QEvent>
#include <QTableView>
#include <algorithm>
#include <cmath>

namespace hall::desk {

ColumnFitter::ColumnFitter(QTableView* view, int reserve)
    : QObject(view), m_view(view), m_reserve(reserve) {
  view->viewport()->installEventFilter(this);
}

void ColumnFitter::setColumns(std::vector<Column> columns) {
  m_columns = std::move(columns);
  fit();
}

void ColumnFitter::fit() {
  if (m_columns.empty()) return;
  // Each column gives up the same share of what it has above its minimum:
  // the roomy ones (a category, the chain) shrink, the tight ones (a
  // status, an age) keep what their words need.
  int preferred = 0, minimum = 0;
  for (const Column& c : m_columns) {
    preferred += c.width;
    minimum += std::min(c.minimum, c.width);
  }
  const int available = std::max(0, m_view->viewport()->width() - m_reserve);
  const double g =
      preferred > minimum
          ? std::clamp(double(available - minimum) / double(preferred - minimum), 0.0, 1.0)
          : 1.0;
  for (const Column& c : m_columns) {
    const int low = std::min(c.minimum, c.width);
    m_view->setColumnWidth(c.column, low + int(std::lround((c.width - low) * g)));
  }
}

bool ColumnFitter::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Resize && watched == m_view->viewport()) fit();
  return QObject::eventFilter(watched, event);
}

}  // namespace hall::desk
