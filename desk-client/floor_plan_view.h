// FloorPlanView (平面图): one hall's floor plan — the image an admin set
// (SVG or PNG, GetFloorPlan) scaled to fit, keeping its proportions, with
// the hall's places, kiosks (green online, grey with a red edge when the
// server reports them silent) and open incidents (coloured by severity,
// a red pulsing ring until acknowledged, a purple arrow once escalated past
// the first stage, a dashed ring and an 演练 tag for a drill) at their
// places (client::FloorPlanModel). Hovering explains a marker; clicking an
// incident (or a silent kiosk's incident) emits openIncident(), a kiosk
// openKiosk(). Incidents and kiosks with no position on the plan are listed
// beside it (未定位); a hall without a plan shows its places on a plain grid
// by their coordinates, and says so. A hall picker appears when the person
// has several halls; a legend explains the marks. Live: it reads the
// desk's board (the watch) and kiosk list (polled every heartbeat period).
//
// Thread-safety: GUI thread only (widgets).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QTimer>
#include <QWidget>
#include <memory>

#include "floor_plan_model.h"

class QComboBox;
class QLabel;
class QListWidget;
class QSvgRenderer;

namespace hall::desk {

class DeskSession;

// FloorPlanCanvas: the drawing itself — the plan (or the grid) and the
// markers of a FloorPlanModel, with hover and click.
class FloorPlanCanvas : public QWidget {
  Q_OBJECT
 public:
  explicit FloorPlanCanvas(client::FloorPlanModel* model, QWidget* parent = nullptr);
  ~FloorPlanCanvas() override;

  // Shows `image` (contentType image/svg+xml or image/png). Returns false,
  // and shows the grid, when it cannot be read.
  bool setPlan(const QByteArray& image, const QString& contentType);
  // Shows the grid: the hall has no plan (yet).
  void clearPlan();
  bool hasPlan() const;
  // The plan's width / height (the grid's when there is no plan).
  double aspect() const;

  // Where the plan is drawn in this widget: as large as fits, proportions
  // kept, centred.
  QRectF planRect() const;
  // The widget point of a plan position (x, y in 0..1 from the top-left).
  QPointF toWidget(double x, double y) const;
  // Where `m` is drawn: its place, fanned out by its slot.
  QPointF markerCenter(const client::FloorPlanMarker& m) const;
  // The kiosk or incident drawn at `p` (the topmost), else the place, else
  // nullptr.
  const client::FloorPlanMarker* markerAt(const QPointF& p) const;
  // What hovering `m` shows.
  QString toolTipFor(const client::FloorPlanMarker& m) const;
  // The time "now" for ages in tooltips (the server's clock on the desk).
  void setClock(std::function<qint64()> now) { m_now = std::move(now); }

  QSize sizeHint() const override { return {800, 560}; }

 signals:
  void openIncident(const QString& id);
  void openKiosk(const QString& id);

 protected:
  void paintEvent(QPaintEvent* e) override;
  bool event(QEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;

 private:
  void paintPlan(QPainter& p, const QRectF& r);
  void paintGrid(QPainter& p, const QRectF& r);
  void paintPlace(QPainter& p, const client::FloorPlanMarker& m);
  void paintKiosk(QPainter& p, const client::FloorPlanMarker& m);
  void paintIncident(QPainter& p, const client::FloorPlanMarker& m);
  void updatePulse();

  client::FloorPlanModel* m_model;
  std::unique_ptr<QSvgRenderer> m_svg;
  QImage m_image;
  QPixmap m_cache;  // the plan rendered at planRect()'s size
  QTimer m_pulse;   // while an incident awaits acknowledgement
  bool m_pulseOn = false;
  std::function<qint64()> m_now;
};

class FloorPlanView : public QWidget {
  Q_OBJECT
 public:
  explicit FloorPlanView(DeskSession* session, QWidget* parent = nullptr);

  client::FloorPlanModel* model() const { return m_model; }
  FloorPlanCanvas* canvas() const { return m_canvas; }
  QString hallId() const { return m_model->hallId(); }
  // Shows `hallId` (it must be one of the session's halls to be in the picker).
  void showHall(const QString& hallId);
  // A hall's plan arrived (GetFloorPlan), or the hall has none (`image`
  // empty; `why` says what the server said, if anything unusual).
  void setFloorPlan(const QString& hallId, const QByteArray& image, const QString& contentType,
                    const QString& why = {});
  // Reads the halls, places and plans again (after sign-in).
  void reload();

 signals:
  void openIncident(const QString& id);
  void openKiosk(const QString& id);

 protected:
  void changeEvent(QEvent* e) override;

 private:
  struct Plan {
    QByteArray image;
    QString contentType;
    QString why;
  };
  void retranslate();
  void fillHalls();
  void loadPlan(const QString& hallId);
  void applyPlan();
  void updateUnplaced();

  DeskSession* m_session;
  client::FloorPlanModel* m_model;
  FloorPlanCanvas* m_canvas;
  QComboBox* m_hall;
  QLabel* m_hallLabel;
  QLabel* m_message;
  QLabel* m_unplacedTitle;
  QListWidget* m_unplaced;
  QLabel* m_legend;
  QHash<QString, Plan> m_plans;  // hall id → its plan, as last read
  QSet<QString> m_loading;       // halls whose plan is being read
};

}  // namespace hall::desk
