// ColumnFitter (列宽自适应): keeps a table's fixed-width columns at their
// preferred widths while the view is wide enough, and shrinks each by the
// same share of its room above its minimum when it is not, leaving `reserve` pixels
// for a stretching column — so the columns a duty officer acts on stay in
// view on a 1366×768 screen as on a 1920×1080 one. It re-fits whenever the
// view's viewport is resized (the window, the splitter).
//
// Thread-safety: GUI thread only (a QObject filtering a view's events).
#pragma once

#include <QObject>
#include <vector>

class QTableView;

namespace hall::desk {

class ColumnFitter : public QObject {
  Q_OBJECT

 public:
  struct Column {
    int column;
    int width;    // preferred
    int minimum;  // never narrower
  };
  // Fits the columns of `view`, leaving `reserve` px for the others.
  explicit ColumnFitter(QTableView* view, int reserve = 0);
  // The columns to fit (e.g. per language); fits at once.
  void setColumns(std::vector<Column> columns);
  void fit();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QTableView* m_view;
  int m_reserve;
  std::vector<Column> m_columns;
};

}  // namespace hall::desk
