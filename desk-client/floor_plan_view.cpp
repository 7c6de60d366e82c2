#include "floor_plan_view.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QSvgRenderer>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "desk_session.h"
#include "labels.h"

namespace hall::desk {

namespace v1 = hall::v1;
using client::FloorPlanMarker;
using client::FloorPlanModel;
using client::qs;
using client::RpcResult;
using client::ss;

namespace {

constexpr double kMargin = 12;            // around the plan, in pixels
constexpr double kGridAspect = 10.0 / 7;  // a hall without a plan: a landscape grid
constexpr double kIncidentRadius = 13;
constexpr double kKioskHalf = 9;
constexpr double kFan = 30;  // between things sharing a place

const QColor kInk(0x37, 0x47, 0x4f);
const QColor kOnline(0x2e, 0x7d, 0x32);
const QColor kSilentFill(0x9e, 0x9e, 0x9e);
const QColor kSilentEdge(0xc6, 0x28, 0x28);
const QColor kUnacknowledged(0xb7, 0x1c, 0x1c);
const QColor kEscalated(0x6a, 0x1b, 0x9a);
const QColor kDrill(0x3f, 0x51, 0xb5);

// Offsets of the nth thing at a place: the place itself, then right, left,
// above, the upper corners and further out sideways; below (where the
// place's name is) last; then the same ring again, wider.
QPointF fanOffset(int slot) {
  static const QPointF kRing[] = {{1, 0},  {-1, 0}, {0, -1},  {1, -1}, {-1, -1}, {2, 0},
                                  {-2, 0}, {2, -1}, {-2, -1}, {1, 1},  {-1, 1}};
  constexpr int n = int(std::size(kRing));
  if (slot <= 0) return {};
  const int k = slot - 1;
  return kRing[k % n] * kFan * (1 + k / n);
}

// Text with a white halo, readable on any part of a plan.
void haloText(QPainter& p, const QPointF& at, const QString& text, const QColor& color) {
  QPainterPath path;
  path.addText(at, p.font(), text);
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  p.strokePath(path,
               QPen(QColor(255, 255, 255, 230), 3.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
  p.fillPath(path, color);
  p.restore();
}

// The unplaced list's mark for a marker: a disc of its severity's colour, or
// the kiosk's square.
QIcon markIcon(const FloorPlanMarker& m) {
  QPixmap pm(16, 16);
  pm.fill(Qt::transparent);
  QPainter p(&pm);
  p.setRenderHint(QPainter::Antialiasing);
  if (m.kind == FloorPlanMarker::IncidentMarker) {
    p.setPen(m.unacknowledged ? QPen(kUnacknowledged, 2) : QPen(Qt::white, 1));
    p.setBrush(client::severityColor(static_cast<v1::Severity>(m.severity)));
    p.drawEllipse(QRectF(2, 2, 12, 12));
  } else {
    p.setPen(m.online ? QPen(Qt::white, 1) : QPen(kSilentEdge, 2));
    p.setBrush(m.online ? kOnline : kSilentFill);
    p.drawRoundedRect(QRectF(2, 2, 12, 12), 2, 2);
  }
  return QIcon(pm);
}

QString colored(const QColor& c, const QString& glyph) {
  return QStringLiteral("<span style='color:%1;font-size:15px'>%2</span>").arg(c.name(), glyph);
}

}  // namespace

// ------------------------------------------------------------ canvas

FloorPlanCanvas::FloorPlanCanvas(FloorPlanModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_now([] { return QDateTime::currentMSecsSinceEpoch(); }) {
  setObjectName(QStringLiteral("floorPlanCanvas"));
  setMouseTracking(true);
  setMinimumSize(320, 240);
  setAttribute(Qt::WA_OpaquePaintEvent);
  m_pulse.setInterval(500);
  connect(&m_pulse, &QTimer::timeout, this, [this] {
    m_pulseOn = !m_pulseOn;
    update();
  });
  connect(model, &FloorPlanModel::markersChanged, this, [this] {
    updatePulse();
    update();
  });
}

FloorPlanCanvas::~FloorPlanCanvas() = default;

bool FloorPlanCanvas::setPlan(const QByteArray& image, const QString& contentType) {
  clearPlan();
  if (contentType == QLatin1String("image/svg+xml")) {
    auto svg = std::make_unique<QSvgRenderer>(image);
    if (svg->isValid() && !svg->viewBoxF().isEmpty()) m_svg = std::move(svg);
  } else {
    m_image = QImage::fromData(image);
  }
  update();
  return hasPlan();
}

void FloorPlanCanvas::clearPlan() {
  m_svg.reset();
  m_image = QImage();
  m_cache = QPixmap();
  update();
}

bool FloorPlanCanvas::hasPlan() const { return m_svg || !m_image.isNull(); }

double FloorPlanCanvas::aspect() const {
  if (m_svg) {
    const QRectF box = m_svg->viewBoxF();
    return box.width() / box.height();
  }
  if (!m_image.isNull()) return double(m_image.width()) / m_image.height();
  return kGridAspect;
}

QRectF FloorPlanCanvas::planRect() const {
  const QRectF room = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);
  if (room.width() <= 0 || room.height() <= 0) return {};
  const double a = aspect();
  QSizeF size(room.width(), room.width() / a);
  if (size.height() > room.height()) size = QSizeF(room.height() * a, room.height());
  QRectF r(QPointF(), size);
  r.moveCenter(room.center());
  return r;
}

QPointF FloorPlanCanvas::toWidget(double x, double y) const {
  const QRectF r = planRect();
  return {r.left() + x * r.width(), r.top() + y * r.height()};
}

QPointF FloorPlanCanvas::markerCenter(const FloorPlanMarker& m) const {
  return toWidget(m.x, m.y) + fanOffset(m.slot);
}

const FloorPlanMarker* FloorPlanCanvas::markerAt(const QPointF& p) const {
  const auto& ms = m_model->markers();
  const FloorPlanMarker* place = nullptr;
  // Drawn last is on top: look from the end.
  for (auto it = ms.rbegin(); it != ms.rend(); ++it) {
    if (!it->placed) continue;
    const QPointF d = p - markerCenter(*it);
    const double reach = it->kind == FloorPlanMarker::PlaceMarker ? 7 : kIncidentRadius + 3;
    if (std::hypot(d.x(), d.y()) > reach) continue;
    if (it->kind != FloorPlanMarker::PlaceMarker) return &*it;
    if (!place) place = &*it;
  }
  return place;
}

QString FloorPlanCanvas::toolTipFor(const FloorPlanMarker& m) const {
  QStringList lines;
  const QString place = m.placeName.isEmpty() ? tr("未注明地点") : m.placeName;
  switch (m.kind) {
    case FloorPlanMarker::PlaceMarker:
      lines << m.label;
      if (!m.placed) lines << tr("（无坐标，未画在平面图上）");
      break;
    case FloorPlanMarker::KioskMarker:
      lines << m.label << tr("地点：%1").arg(place);
      if (m.online) {
        lines << tr("在线");
      } else {
        lines << tr("失联（服务器超过3个心跳周期未收到）");
        if (!m.silentIncidentId.isEmpty()) lines << tr("已报失联事件 — 点击打开");
      }
      break;
    case FloorPlanMarker::IncidentMarker: {
      QString title = m.label + QStringLiteral(" · ") +
                      client::severityName(static_cast<v1::Severity>(m.severity));
      if (m.drill) title = tr("【演练】") + title;
      lines << title;
      QString state = client::statusName(static_cast<v1::IncidentStatus>(m.status));
      if (m.unacknowledged) state += tr(" · 待确认");
      if (m.escalated) state += tr(" · 已升级");
      lines << tr("状态：%1").arg(state) << tr("地点：%1").arg(place);
      if (m.reportedMs > 0) {
        const qint64 minutes = std::max<qint64>(0, (m_now() - m.reportedMs) / 60000);
        lines << tr("报告于 %1（%2 分钟前）")
                     .arg(QDateTime::fromMSecsSinceEpoch(m.reportedMs)
                              .toString(QStringLiteral("HH:mm:ss")))
                     .arg(minutes);
      }
      lines << tr("点击打开");
      break;
    }
  }
  return lines.join(QLatin1Char('\n'));
}

void FloorPlanCanvas::updatePulse() {
  bool any = false;
  for (const auto& m : m_model->markers())
    any |= m.kind == FloorPlanMarker::IncidentMarker && m.unacknowledged && m.placed;
  if (any && !m_pulse.isActive()) m_pulse.start();
  if (!any) {
    m_pulse.stop();
    m_pulseOn = false;
  }
}

void FloorPlanCanvas::resizeEvent(QResizeEvent* e) {
  m_cache = QPixmap();
  QWidget::resizeEvent(e);
}

void FloorPlanCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(0xf5, 0xf5, 0xf5));
  const QRectF r = planRect();
  if (r.isEmpty()) return;
  if (hasPlan()) {
    paintPlan(p, r);
  } else {
    paintGrid(p, r);
  }
  p.setRenderHint(QPainter::Antialiasing);
  const auto& ms = m_model->markers();
  for (const auto& m : ms) {
    if (m.placed && m.kind == FloorPlanMarker::PlaceMarker) paintPlace(p, m);
  }
  for (const auto& m : ms) {
    if (!m.placed) continue;
    if (m.kind == FloorPlanMarker::KioskMarker) paintKiosk(p, m);
    if (m.kind == FloorPlanMarker::IncidentMarker) paintIncident(p, m);
  }
}

void FloorPlanCanvas::paintPlan(QPainter& p, const QRectF& r) {
  // The plan is rendered once per size (a pulse repaints twice a second).
  const qreal dpr = devicePixelRatioF();
  const QSize px = (r.size() * dpr).toSize();
  if (m_cache.size() != px) {
    QImage img(px, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::white);
    QPainter ip(&img);
    ip.setRenderHint(QPainter::Antialiasing);
    ip.setRenderHint(QPainter::SmoothPixmapTransform);
    if (m_svg) {
      m_svg->setAspectRatioMode(Qt::IgnoreAspectRatio);  // the rect already has its proportions
      m_svg->render(&ip, QRectF(QPointF(), px));
    } else {
      ip.drawImage(QRectF(QPointF(), px), m_image);
    }
    ip.end();
    m_cache = QPixmap::fromImage(img);
    m_cache.setDevicePixelRatio(dpr);
  }
  p.drawPixmap(r.topLeft(), m_cache);
  p.setPen(QPen(QColor(0xb0, 0xbe, 0xc5), 1));
  p.drawRect(r);
}

void FloorPlanCanvas::paintGrid(QPainter& p, const QRectF& r) {
  p.fillRect(r, Qt::white);
  p.setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 1));
  for (int i = 1; i < 10; ++i) {
    const double x = r.left() + r.width() * i / 10, y = r.top() + r.height() * i / 10;
    p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
    p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
  }
  p.setPen(QPen(QColor(0x90, 0xa4, 0xae), 1.5, Qt::DashLine));
  p.drawRect(r);
  QFont f = font();
  f.setPointSizeF(f.pointSizeF() * 1.1);
  p.setFont(f);
  p.setPen(QColor(0x90, 0xa4, 0xae));
  p.drawText(r.adjusted(10, 8, -10, -8), Qt::AlignRight | Qt::AlignTop,
             tr("未设置平面图 · 按坐标示意"));
}

void FloorPlanCanvas::paintPlace(QPainter& p, const FloorPlanMarker& m) {
  const QPointF c = markerCenter(m);
  p.setPen(QPen(Qt::white, 1.5));
  p.setBrush(kInk);
  p.drawEllipse(c, 4, 4);
  QFont f = font();
  p.setFont(f);
  const QFontMetricsF fm(f);
  const double w = fm.horizontalAdvance(m.label);
  // Below the dot, clear of what is fanned out beside it; above it when
  // the place is at the bottom edge (an entrance), inside the widget.
  double baseline = c.y() + kIncidentRadius + fm.ascent() + 4;
  if (baseline + fm.descent() > height()) baseline = c.y() - kIncidentRadius - fm.descent() - 6;
  const double x = std::clamp(c.x() - w / 2, 2.0, std::max(2.0, width() - w - 2));
  haloText(p, QPointF(x, baseline), m.label, kInk);
}

void FloorPlanCanvas::paintKiosk(QPainter& p, const FloorPlanMarker& m) {
  const QPointF c = markerCenter(m);
  const QRectF box(c.x() - kKioskHalf, c.y() - kKioskHalf, 2 * kKioskHalf, 2 * kKioskHalf);
  p.setPen(m.online ? QPen(Qt::white, 1.5) : QPen(kSilentEdge, 2.5));
  p.setBrush(m.online ? kOnline : kSilentFill);
  p.drawRoundedRect(box, 3, 3);
  // Its screen.
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(255, 255, 255, 220));
  p.drawRect(box.adjusted(4, 3.5, -4, -7));
  p.drawRect(QRectF(c.x() - 1.5, box.bottom() - 5, 3, 2));
  if (!m.online) {
    // A red "!" badge: silent.
    const QPointF b = box.topRight() + QPointF(1, -1);
    p.setBrush(kSilentEdge);
    p.setPen(QPen(Qt::white, 1));
    p.drawEllipse(b, 6, 6);
    QFont f = font();
    f.setBold(true);
    f.setPixelSize(10);
    p.setFont(f);
    p.setPen(Qt::white);
    p.drawText(QRectF(b.x() - 6, b.y() - 6, 12, 12), Qt::AlignCenter, QStringLiteral("!"));
  }
}

void FloorPlanCanvas::paintIncident(QPainter& p, const FloorPlanMarker& m) {
  const QPointF c = markerCenter(m);
  const bool open = m.status != v1::INCIDENT_STATUS_RESOLVED;
  QColor fill = client::severityColor(static_cast<v1::Severity>(m.severity));
  if (!open) fill.setAlpha(110);  // resolved, waiting to be closed
  if (m.unacknowledged) {
    // A ring that pulses until someone acknowledges.
    const double halo = kIncidentRadius + (m_pulseOn ? 9 : 5);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(kUnacknowledged.red(), kUnacknowledged.green(), kUnacknowledged.blue(),
                      m_pulseOn ? 70 : 40));
    p.drawEllipse(c, halo, halo);
  }
  p.setBrush(fill);
  p.setPen(m.unacknowledged ? QPen(kUnacknowledged, 3) : QPen(Qt::white, 2));
  p.drawEllipse(c, kIncidentRadius, kIncidentRadius);
  if (m.drill) {
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(kDrill, 2, Qt::DashLine));
    p.drawEllipse(c, kIncidentRadius + 4, kIncidentRadius + 4);
  }
  // The category's first character in the disc (火, 冲, 突 …; F, C, M …);
  // a panic (一键报警) says 警 (!), its first character would read as a minus.
  QFont f = font();
  f.setBold(true);
  f.setPixelSize(14);
  p.setFont(f);
  p.setPen(Qt::white);
  p.drawText(QRectF(c.x() - kIncidentRadius, c.y() - kIncidentRadius, 2 * kIncidentRadius,
                    2 * kIncidentRadius),
             Qt::AlignCenter,
             m.category == QLatin1String("panic") ? tr("警", "a panic's marker") : m.label.left(1));
  if (m.escalated) {
    const QPointF b = c + QPointF(kIncidentRadius - 1, -kIncidentRadius + 1);
    p.setBrush(kEscalated);
    p.setPen(QPen(Qt::white, 1));
    p.drawEllipse(b, 7, 7);
    p.setPen(QPen(Qt::white, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawLine(b + QPointF(0, 4), b + QPointF(0, -3.5));
    p.drawLine(b + QPointF(-3, -0.5), b + QPointF(0, -3.5));
    p.drawLine(b + QPointF(3, -0.5), b + QPointF(0, -3.5));
  }
  if (m.drill) {
    // The 演练 tag under the marker.
    QFont tf = font();
    tf.setBold(true);
    tf.setPixelSize(11);
    p.setFont(tf);
    const QString tag = tr("演练");
    const double w = QFontMetricsF(tf).horizontalAdvance(tag) + 8;
    const QRectF box(c.x() - w / 2, c.y() - kIncidentRadius - 21, w, 15);
    p.setPen(Qt::NoPen);
    p.setBrush(kDrill);
    p.drawRoundedRect(box, 3, 3);
    p.setPen(Qt::white);
    p.drawText(box, Qt::AlignCenter, tag);
  }
}

bool FloorPlanCanvas::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(e);
    if (const FloorPlanMarker* m = markerAt(help->pos())) {
      QToolTip::showText(help->globalPos(), toolTipFor(*m), this);
    } else {
      QToolTip::hideText();
      e->ignore();
    }
    return true;
  }
  return QWidget::event(e);
}

void FloorPlanCanvas::mouseMoveEvent(QMouseEvent* e) {
  const FloorPlanMarker* m = markerAt(e->position());
  const bool clickable =
      m && (m->kind == FloorPlanMarker::IncidentMarker || m->kind == FloorPlanMarker::KioskMarker);
  setCursor(clickable ? Qt::PointingHandCursor : Qt::ArrowCursor);
  QWidget::mouseMoveEvent(e);
}

void FloorPlanCanvas::mouseReleaseEvent(QMouseEvent* e) {
  if (e->button() == Qt::LeftButton) {
    if (const FloorPlanMarker* m = markerAt(e->position())) {
      if (m->kind == FloorPlanMarker::IncidentMarker) emit openIncident(m->id);
      if (m->kind == FloorPlanMarker::KioskMarker) {
        // A silent kiosk's incident is the thing to work on.
        if (!m->silentIncidentId.isEmpty()) {
          emit openIncident(m->silentIncidentId);
        } else {
          emit openKiosk(m->id);
        }
      }
    }
  }
  QWidget::mouseReleaseEvent(e);
}

// ------------------------------------------------------------ view

FloorPlanView::FloorPlanView(DeskSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
  m_model = new FloorPlanModel(session->board(), session->kiosks(), this);
  m_canvas = new FloorPlanCanvas(m_model, this);
  m_canvas->setClock(
      [profile = session->client()->serverProfile()] { return profile->serverNowMs(); });
  m_hallLabel = new QLabel(this);
  m_hall = new QComboBox(this);
  m_hall->setObjectName(QStringLiteral("floorPlanHall"));
  m_hall->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_message = new QLabel(this);
  m_message->setObjectName(QStringLiteral("floorPlanMessage"));
  m_message->setWordWrap(true);
  m_message->setStyleSheet(QStringLiteral(
      "background:#fff3e0;color:#e65100;font-weight:bold;border-radius:4px;padding:4px 8px"));
  m_message->hide();
  m_unplacedTitle = new QLabel(this);
  m_unplacedTitle->setObjectName(QStringLiteral("floorPlanUnplacedTitle"));
  m_unplacedTitle->setStyleSheet(QStringLiteral("font-weight:bold;color:#e65100"));
  m_unplaced = new QListWidget(this);
  m_unplaced->setObjectName(QStringLiteral("floorPlanUnplaced"));
  m_unplaced->setMaximumWidth(200);  // the plan keeps the room
  m_unplaced->setWordWrap(true);
  m_unplaced->setAlternatingRowColors(true);
  m_unplaced->setSpacing(2);
  m_legend = new QLabel(this);
  m_legend->setObjectName(QStringLiteral("floorPlanLegend"));
  m_legend->setTextFormat(Qt::RichText);
  // Its two lines; the plan takes the rest.
  m_legend->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
  m_canvas->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);

  // Shown when the person has several halls (fillHalls).
  m_hall->hide();
  m_hallLabel->hide();
  auto* top = new QHBoxLayout;
  top->addWidget(m_hallLabel);
  top->addWidget(m_hall);
  top->addWidget(m_message, 1);
  top->addStretch(0);
  auto* side = new QVBoxLayout;
  side->addWidget(m_unplacedTitle);
  side->addWidget(m_unplaced, 1);
  auto* middle = new QHBoxLayout;
  middle->addWidget(m_canvas, 1);
  middle->addLayout(side);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(top);
  layout->addLayout(middle, 1);
  layout->addWidget(m_legend);

  connect(m_canvas, &FloorPlanCanvas::openIncident, this, &FloorPlanView::openIncident);
  connect(m_canvas, &FloorPlanCanvas::openKiosk, this, &FloorPlanView::openKiosk);
  connect(m_unplaced, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    const QString id = item->data(Qt::UserRole).toString();
    if (item->data(Qt::UserRole + 1).toInt() == FloorPlanMarker::IncidentMarker) {
      emit openIncident(id);
    } else {
      emit openKiosk(id);
    }
  });
  connect(m_unplaced, &QListWidget::itemClicked, m_unplaced, &QListWidget::itemActivated);
  connect(m_hall, &QComboBox::currentIndexChanged, this, [this] {
    const QString hall = m_hall->currentData().toString();
    if (!hall.isEmpty()) showHall(hall);
  });
  connect(m_model, &FloorPlanModel::markersChanged, this, &FloorPlanView::updateUnplaced);
  connect(session, &DeskSession::hallsChanged, this, &FloorPlanView::fillHalls);
  connect(session, &DeskSession::locationsChanged, this,
          [this] { m_model->setLocations(m_session->locations()); });
  // A plan that could not be read (the server was away) is read again.
  connect(session->client(), &client::HallClient::reconnected, this, [this] {
    if (!hallId().isEmpty() && !m_plans.value(hallId()).why.isEmpty()) loadPlan(hallId());
  });
  connect(session, &DeskSession::signedInChanged, this, [this] {
    if (!m_session->signedIn()) {
      m_plans.clear();
      m_loading.clear();
      m_model->setHall(QString());
      m_canvas->clearPlan();
    }
  });
  retranslate();
  updateUnplaced();
}

void FloorPlanView::reload() {
  m_plans.clear();
  m_model->setLocations(m_session->locations());
  fillHalls();
  if (!hallId().isEmpty()) loadPlan(hallId());
}

void FloorPlanView::fillHalls() {
  const QString keep = hallId();
  m_hall->blockSignals(true);
  m_hall->clear();
  for (const QString& id : m_session->hallIds()) m_hall->addItem(m_session->hallName(id), id);
  m_hall->blockSignals(false);
  // One hall: nothing to pick.
  m_hall->setVisible(m_hall->count() > 1);
  m_hallLabel->setVisible(m_hall->count() > 1);
  const int at = m_hall->findData(keep);
  if (at >= 0) {
    m_hall->setCurrentIndex(at);
  } else if (m_hall->count() > 0) {
    showHall(m_hall->itemData(0).toString());
  }
}

void FloorPlanView::showHall(const QString& hallId) {
  const int at = m_hall->findData(hallId);
  if (at >= 0 && at != m_hall->currentIndex()) {
    m_hall->blockSignals(true);
    m_hall->setCurrentIndex(at);
    m_hall->blockSignals(false);
  }
  const bool changed = hallId != m_model->hallId();
  m_model->setHall(hallId);
  // A plan read, or a hall known to have none; a failed read is tried again.
  if (m_plans.contains(hallId) && m_plans.value(hallId).why.isEmpty()) {
    if (changed) applyPlan();
  } else {
    m_canvas->clearPlan();
    m_message->hide();
    loadPlan(hallId);
  }
}

void FloorPlanView::loadPlan(const QString& hallId) {
  if (!m_session->signedIn() || m_loading.contains(hallId)) return;  // one read at a time
  m_loading.insert(hallId);
  auto* c = m_session->client();
  v1::GetFloorPlanRequest req;
  req.set_hall_id(ss(hallId));
  c->call(c->directory()->async(), &v1::DirectoryService::Stub::async::GetFloorPlan, req, this,
          std::function<void(const RpcResult&, const v1::FloorPlan&)>(
              [this, hallId](const RpcResult& r, const v1::FloorPlan& fp) {
                m_loading.remove(hallId);
                if (r.ok()) {
                  setFloorPlan(hallId, QByteArray::fromStdString(fp.image()),
                               qs(fp.content_type()));
                } else if (r.code == grpc::StatusCode::NOT_FOUND) {
                  setFloorPlan(hallId, {}, {});
                } else {
                  setFloorPlan(hallId, {}, {}, r.text());
                }
              }),
          15000);
}

void FloorPlanView::setFloorPlan(const QString& hallId, const QByteArray& image,
                                 const QString& contentType, const QString& why) {
  m_plans.insert(hallId, Plan{image, contentType, why});
  if (hallId == m_model->hallId()) applyPlan();
}

void FloorPlanView::applyPlan() {
  const Plan plan = m_plans.value(hallId());
  QString message;
  if (!plan.why.isEmpty()) {
    message = tr("平面图读取失败（%1），按坐标示意各地点").arg(plan.why);
  } else if (plan.image.isEmpty()) {
    message =
        tr("此大厅尚未设置平面图（管理员可用 hallctl hall floor-plan 上传），下方按坐标示意各地点");
  } else if (!m_canvas->setPlan(plan.image, plan.contentType)) {
    message = tr("平面图无法显示（不是有效的 SVG 或 PNG 图片），按坐标示意各地点");
  }
  if (plan.image.isEmpty() || !plan.why.isEmpty()) m_canvas->clearPlan();
  m_message->setText(message);
  m_message->setVisible(!message.isEmpty());
}

void FloorPlanView::updateUnplaced() {
  m_unplaced->clear();
  const auto unplaced = m_model->unplaced();
  for (const auto& m : unplaced) {
    QString text;
    const QString place = m.placeName.isEmpty() ? tr("未注明地点") : m.placeName;
    if (m.kind == FloorPlanMarker::IncidentMarker) {
      text = m.label + QStringLiteral(" · ") +
             client::severityName(static_cast<v1::Severity>(m.severity));
      if (m.drill) text = tr("【演练】") + text;
      if (m.unacknowledged) text += tr(" · 待确认");
    } else {
      text = m.label + QStringLiteral(" · ") + (m.online ? tr("在线") : tr("失联"));
    }
    auto* item = new QListWidgetItem(text + QStringLiteral("\n") + place, m_unplaced);
    item->setData(Qt::UserRole, m.id);
    item->setData(Qt::UserRole + 1, int(m.kind));
    item->setToolTip(m_canvas->toolTipFor(m));
    item->setIcon(markIcon(m));
  }
  m_unplacedTitle->setText(tr("未定位 (%1)").arg(unplaced.size()));
  m_unplacedTitle->setToolTip(tr("无地点或地点无坐标的事件和终端：不在平面图上，列在这里"));
  m_unplacedTitle->setVisible(!unplaced.empty());
  m_unplaced->setVisible(!unplaced.empty());
}

void FloorPlanView::retranslate() {
  m_hallLabel->setText(tr("大厅："));
  auto sev = [](v1::Severity s) {
    return colored(client::severityColor(s), QStringLiteral("●")) + QStringLiteral(" ") +
           client::severityName(s).toHtmlEscaped();
  };
  const QString gap = QStringLiteral("&nbsp;&nbsp;&nbsp;");
  // Two lines, the incidents then the kiosks and places (a wrapped label
  // would ask the layout for a height per width).
  const QStringList incidents{
      tr("图例：").toHtmlEscaped(),
      sev(v1::SEVERITY_CRITICAL),
      sev(v1::SEVERITY_HIGH),
      sev(v1::SEVERITY_MEDIUM),
      sev(v1::SEVERITY_LOW),
      colored(kUnacknowledged, QStringLiteral("◎")) + QStringLiteral(" ") +
          tr("待确认（红圈闪烁）").toHtmlEscaped(),
      colored(kEscalated, QStringLiteral("⬆")) + QStringLiteral(" ") + tr("已升级").toHtmlEscaped(),
      QStringLiteral("<span style='background:%1;color:white;font-weight:bold'>"
                     "&nbsp;%2&nbsp;</span> ")
              .arg(kDrill.name(), tr("演练").toHtmlEscaped()) +
          tr("演练（虚线圈）").toHtmlEscaped()};
  const QStringList others{
      colored(kOnline, QStringLiteral("■")) + QStringLiteral(" ") + tr("终端在线").toHtmlEscaped(),
      colored(kSilentEdge, QStringLiteral("■")) + QStringLiteral(" ") +
          tr("终端失联").toHtmlEscaped(),
      colored(kInk, QStringLiteral("•")) + QStringLiteral(" ") + tr("地点").toHtmlEscaped(),
      tr("悬停查看详情，点击打开事件").toHtmlEscaped()};
  m_legend->setText(incidents.join(gap) + QStringLiteral("<br>") + others.join(gap));
  updateUnplaced();
  if (!hallId().isEmpty() && m_plans.contains(hallId())) applyPlan();
  m_canvas->update();
}

void FloorPlanView::changeEvent(QEvent* e) {
  if (e->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(e);
}

}  // namespace hall::desk
