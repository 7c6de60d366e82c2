#include "dashboard_view.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QPieSeries>
#include <QPieSlice>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

#include "archive_export.h"
#include "desk_session.h"
#include "hall_client.h"
#include "incident_report.h"
#include "labels.h"

namespace hall::desk {

namespace v1 = hall::v1;
using client::PeriodKind;
using client::qs;
using client::RpcResult;

namespace {

// The event classes' colours: one per class, the same in every chart.
QColor ClassColor(v1::EventClass c) {
  switch (c) {
    case v1::EVENT_CLASS_SERVICE_ORDER:
      return QColor(0x4e, 0x79, 0xa7);
    case v1::EVENT_CLASS_PUBLIC_SAFETY:
      return QColor(0xe1, 0x57, 0x59);
    case v1::EVENT_CLASS_NATURAL_DISASTER:
      return QColor(0x76, 0xb7, 0xb2);
    case v1::EVENT_CLASS_PUBLIC_HEALTH:
      return QColor(0x59, 0xa1, 0x4f);
    case v1::EVENT_CLASS_NETWORK_INFORMATION:
      return QColor(0xb0, 0x7a, 0xa1);
    case v1::EVENT_CLASS_FACILITY:
      return QColor(0xf2, 0x8e, 0x2b);
    default:
      return QColor(0x9c, 0x9c, 0x9c);
  }
}

QChartView* NewChartView(QWidget* parent) {
  auto* view = new QChartView(new QChart, parent);
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumSize(240, 220);
  view->chart()->setAnimationOptions(QChart::NoAnimation);
  view->chart()->legend()->setAlignment(Qt::AlignBottom);
  view->chart()->setMargins(QMargins(4, 4, 4, 4));
  return view;
}

// Empties a chart for new series and axes.
QChart* Reset(QChartView* view, const QString& title) {
  QChart* chart = view->chart();
  chart->removeAllSeries();
  for (QAbstractAxis* a : chart->axes()) {
    chart->removeAxis(a);
    delete a;
  }
  chart->setTitle(title);
  return chart;
}

// Small labels, so each bar of a dense axis keeps its label whole.
void SmallLabels(QAbstractAxis* axis, int angle = 0) {
  QFont f = axis->labelsFont();
  f.setPointSizeF(7.5);
  axis->setLabelsFont(f);
  axis->setLabelsAngle(angle);
}

// A count axis with at most four steps of a round size (1, 2, 5, 10, 20,
// 50 …), so its labels fit even a short chart instead of being cut to "…".
QValueAxis* CountAxis(int max) {
  int step = 1;
  for (int magnitude = 1; step * 4 < max; magnitude *= 10) {
    for (int m : {1, 2, 5}) {
      step = m * magnitude;
      if (step * 4 >= max) break;
    }
  }
  auto* axis = new QValueAxis;
  axis->setRange(0, step * (max / step + 1));  // a step of headroom
  axis->setLabelFormat(QStringLiteral("%d"));
  axis->setTickType(QValueAxis::TicksDynamic);
  axis->setTickInterval(step);
  axis->setTickAnchor(0);
  return axis;
}

QDateTime When(const google::protobuf::Timestamp& ts) {
  return QDateTime::fromSecsSinceEpoch(ts.seconds(), QTimeZone(8 * 3600));
}

}  // namespace

DashboardView::DashboardView(DeskSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
  m_period = client::periodContaining(
      PeriodKind::Month, QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone(8 * 3600)).date());
  m_kind = new QComboBox(this);
  m_kind->setObjectName("dashboardKind");
  m_prev = new QPushButton(QStringLiteral("◀"), this);
  m_prev->setObjectName("dashboardPrev");
  m_next = new QPushButton(QStringLiteral("▶"), this);
  m_next->setObjectName("dashboardNext");
  m_periodLabel = new QLabel(this);
  m_periodLabel->setObjectName("dashboardPeriod");
  m_region = new QComboBox(this);
  m_region->setObjectName("dashboardRegion");
  m_drills = new QCheckBox(this);
  m_drills->setObjectName("dashboardDrills");
  m_refresh = new QPushButton(this);
  m_pdf = new QPushButton(this);
  m_pdf->setObjectName("dashboardPdf");
  m_csv = new QPushButton(this);
  m_archive = new QPushButton(this);
  m_archive->setObjectName("dashboardArchive");
  m_summary = new QLabel(this);
  m_summary->setObjectName("dashboardSummary");
  m_summary->setTextFormat(Qt::RichText);
  m_summary->setWordWrap(true);
  m_status = new QLabel(this);
  m_status->setObjectName("dashboardStatus");
  m_status->setWordWrap(true);

  auto* controls = new QHBoxLayout;
  controls->addWidget(m_kind);
  controls->addWidget(m_prev);
  controls->addWidget(m_periodLabel);
  controls->addWidget(m_next);
  controls->addSpacing(12);
  controls->addWidget(m_region);
  controls->addWidget(m_drills);
  controls->addStretch(1);
  controls->addWidget(m_refresh);
  // The figures and the exports on a second line: the tab stays narrow
  // enough to share the window with the detail pane in either language.
  auto* figures = new QHBoxLayout;
  figures->addWidget(m_summary, 1);
  for (QPushButton* b : {m_pdf, m_csv, m_archive}) figures->addWidget(b);

  auto* grid = new QGridLayout;
  for (int i = 0; i < 6; ++i) {
    QChartView* view = NewChartView(this);
    view->setObjectName(QStringLiteral("dashboardChart%1").arg(i));
    m_charts << view;
    grid->addWidget(view, i / 3, i % 3);
  }
  auto* chartsBox = new QWidget(this);
  chartsBox->setLayout(grid);

  m_breachTitle = new QLabel(this);
  m_followUpTitle = new QLabel(this);
  m_breaches = new QTableWidget(0, 6, this);
  m_breaches->setObjectName("dashboardBreaches");
  m_followUps = new QTableWidget(0, 4, this);
  m_followUps->setObjectName("dashboardFollowUps");
  for (QTableWidget* t : {m_breaches, m_followUps}) {
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
  }
  auto* tables = new QWidget(this);
  auto* tablesLayout = new QGridLayout(tables);
  tablesLayout->setContentsMargins(0, 0, 0, 0);
  tablesLayout->addWidget(m_breachTitle, 0, 0);
  tablesLayout->addWidget(m_breaches, 1, 0);
  tablesLayout->addWidget(m_followUpTitle, 0, 1);
  tablesLayout->addWidget(m_followUps, 1, 1);
  tablesLayout->setColumnStretch(0, 3);
  tablesLayout->setColumnStretch(1, 2);

  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(chartsBox);
  split->addWidget(tables);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(controls);
  layout->addLayout(figures);
  layout->addWidget(m_status);
  layout->addWidget(split, 1);

  m_export = new client::ArchiveExport(session->client(), this);
  connect(m_export, &client::ArchiveExport::progress, this, [this](int done, int total) {
    if (!m_progress) return;
    m_progress->setMaximum(std::max(1, total));
    m_progress->setValue(done);
    m_progress->setLabelText(tr("正在导出归档：%1 / %2 起事件").arg(done).arg(total));
  });
  connect(m_export, &client::ArchiveExport::finished, this, [this](bool, const QString& message) {
    if (m_progress) {
      m_progress->hide();
      m_progress->deleteLater();
      m_progress = nullptr;
    }
    m_status->setText(message);
  });

  connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
    setPeriod(client::periodContaining(static_cast<PeriodKind>(m_kind->currentData().toInt()),
                                       m_period.first));
    refresh();
  });
  connect(m_prev, &QPushButton::clicked, this, [this] {
    setPeriod(client::shiftPeriod(m_period, -1));
    refresh();
  });
  connect(m_next, &QPushButton::clicked, this, [this] {
    setPeriod(client::shiftPeriod(m_period, 1));
    refresh();
  });
  connect(m_region, &QComboBox::currentIndexChanged, this, &DashboardView::refresh);
  connect(m_drills, &QCheckBox::toggled, this, &DashboardView::refresh);
  connect(m_refresh, &QPushButton::clicked, this, &DashboardView::refresh);
  connect(m_pdf, &QPushButton::clicked, this, &DashboardView::exportPdf);
  connect(m_csv, &QPushButton::clicked, this, &DashboardView::exportCsv);
  connect(m_archive, &QPushButton::clicked, this, &DashboardView::exportArchive);
  auto open = [this](QTableWidget* t, int row) {
    if (auto* item = t->item(row, 0)) emit openIncident(item->data(Qt::UserRole).toString());
  };
  connect(m_breaches, &QTableWidget::cellDoubleClicked, this,
          [this, open](int row) { open(m_breaches, row); });
  connect(m_followUps, &QTableWidget::cellDoubleClicked, this,
          [this, open](int row) { open(m_followUps, row); });
  retranslate();
  setStatistics(v1::Statistics());
}

DashboardView::~DashboardView() = default;

void DashboardView::reload() {
  m_session->readRegions(this, [this](const std::vector<v1::Region>& regions) {
    m_regions = regions;
    fillRegions();
  });
  m_session->readHalls(this, [this](const std::vector<v1::Hall>& halls) {
    m_halls = halls;
    fillRegions();
  });
  refresh();
}

void DashboardView::fillRegions() {
  // The regions that hold at least one hall in scope (and the regions
  // above them); a region reaching beyond the scope is refused by the
  // server with a reason, shown in the status line.
  QSet<QString> used;
  for (const auto& h : m_halls) {
    QString id = qs(h.region_id());
    for (int depth = 0; !id.isEmpty() && depth < 16; ++depth) {
      used.insert(id);
      auto parent = std::find_if(m_regions.begin(), m_regions.end(),
                                 [&](const v1::Region& r) { return qs(r.id()) == id; });
      id = parent == m_regions.end() ? QString() : qs(parent->parent_id());
    }
  }
  const QVariant keep = m_region->currentData();
  QSignalBlocker block(m_region);
  m_region->clear();
  m_region->addItem(tr("我负责的全部大厅"), QString());
  for (const auto& r : m_regions) {
    if (!used.contains(qs(r.id()))) continue;
    const QString indent(2 * std::max(0, static_cast<int>(r.level()) - 1), QChar(0x3000));
    m_region->addItem(indent + qs(r.name()), qs(r.id()));
  }
  m_region->setCurrentIndex(std::max(0, m_region->findData(keep)));
}

void DashboardView::setPeriod(const client::ReportPeriod& period) {
  m_period = period;
  QSignalBlocker block(m_kind);
  m_kind->setCurrentIndex(std::max(0, m_kind->findData(static_cast<int>(period.kind))));
  m_periodLabel->setText(period.title());
}

void DashboardView::refresh() {
  if (!m_session->signedIn()) return;
  v1::StatisticsRequest req;
  m_period.fill(req.mutable_scope());
  req.mutable_scope()->set_region_id(client::ss(m_region->currentData().toString()));
  req.mutable_scope()->set_include_drills(m_drills->isChecked());
  const int generation = ++m_generation;
  m_status->setText(tr("正在统计……"));
  auto* c = m_session->client();
  c->call(c->reports()->async(), &v1::ReportService::Stub::async::GetStatistics, req, this,
          std::function<void(const RpcResult&, const v1::Statistics&)>(
              [this, generation](const RpcResult& r, const v1::Statistics& stats) {
                if (generation != m_generation) return;  // a newer request
                if (!r.ok()) {
                  m_status->setText(tr("无法统计：%1").arg(r.text()));
                  emit loaded(false);
                  return;
                }
                m_status->clear();
                setStatistics(stats);
                emit loaded(true);
              }));
}

void DashboardView::setStatistics(const v1::Statistics& stats) {
  m_stats = stats;
  const auto& ack = stats.time_to_acknowledge();
  const double share = client::onTimeShare(stats);
  auto figure = [](const QString& label, const QString& value) {
    return QStringLiteral("%1 <b>%2</b>").arg(label.toHtmlEscaped(), value.toHtmlEscaped());
  };
  QStringList parts{
      figure(tr("事件"), QString::number(stats.total())),
      figure(tr("仍未处置"), QString::number(stats.open())),
      figure(tr("按时确认"),
             ack.with_target()
                 ? QStringLiteral("%1 / %2").arg(ack.within_target()).arg(ack.with_target())
                 : QStringLiteral("—")),
      figure(tr("确认用时中位数"),
             ack.measured() ? client::durationText(ack.median_seconds()) : QStringLiteral("—")),
      figure(tr("必做步骤按时"),
             share < 0 ? QStringLiteral("—") : QStringLiteral("%1%").arg(share * 100, 0, 'f', 0)),
      figure(tr("超时"), QString::number(stats.breaches_size()))};
  if (ack.measured() > ack.with_target())
    parts << tr("（%1 起所属预案未设确认时限）").arg(ack.measured() - ack.with_target());
  if (stats.drills_excluded() > 0) parts << tr("（%1 起演练未计入）").arg(stats.drills_excluded());
  m_summary->setText(parts.join(QStringLiteral(" · ")));
  buildCharts();
  fillTables();
}

void DashboardView::buildCharts() {
  const v1::Statistics& s = m_stats;
  // 1. Incidents per day, stacked by event class.
  {
    // Days of a week or month; weeks of a quarter (92 bars would not read).
    const bool weekly = m_period.kind == PeriodKind::Quarter;
    QChart* chart =
        Reset(m_charts[0], weekly ? tr("每周事件（按事件类别）") : tr("每日事件（按事件类别）"));
    client::DayMatrix m = client::dayMatrix(s, m_period);
    if (weekly) m = client::foldWeeks(m);
    auto* series = new QStackedBarSeries;
    QVector<int> perDay(m.days.size(), 0);
    for (int c = 0; c < m.classes.size(); ++c) {
      auto* set = new QBarSet(client::eventClassName(m.classes[c]));
      set->setColor(ClassColor(m.classes[c]));
      for (int d = 0; d < m.days.size(); ++d) {
        *set << m.counts[c][d];
        perDay[d] += m.counts[c][d];
      }
      series->append(set);
    }
    chart->addSeries(series);
    // Bar i stands at x = i; a label under every k-th bar (a month's days
    // by their number, weeks by their first day), so none is cut short.
    auto* x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    x->setRange(-0.5, m.days.size() - 0.5);
    x->setStartValue(-0.5);
    const int every = std::max<int>(1, (m.days.size() + 9) / 10);
    for (int d = 0; d < m.days.size(); d += every) {
      x->append(m_period.kind == PeriodKind::Month ? QString::number(m.days[d].mid(3).toInt())
                                                   : m.days[d],
                d);
    }
    SmallLabels(x);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    auto* y = CountAxis(perDay.isEmpty() ? 0 : *std::max_element(perDay.begin(), perDay.end()));
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    chart->legend()->setVisible(!m.classes.isEmpty());
  }
  // 2 and 3. Per hall and per plan: all, and still open.
  auto rows = [&](QChartView* view, const QString& title,
                  const google::protobuf::RepeatedPtrField<v1::CountRow>& in,
                  const std::function<QString(const v1::CountRow&)>& name) {
    QChart* chart = Reset(view, title);
    auto* series = new QHorizontalBarSeries;
    auto* all = new QBarSet(tr("事件"));
    auto* open = new QBarSet(tr("仍未处置"));
    all->setColor(QColor(0x4e, 0x79, 0xa7));
    open->setColor(QColor(0xe1, 0x57, 0x59));
    QStringList names;
    int max = 0;
    // Most incidents at the top: a horizontal bar chart draws from the bottom.
    for (int i = std::min(in.size(), 12) - 1; i >= 0; --i) {
      names << name(in[i]);
      *all << in[i].count();
      *open << in[i].open();
      max = std::max(max, in[i].count());
    }
    series->append(all);
    series->append(open);
    chart->addSeries(series);
    auto* y = new QBarCategoryAxis;
    y->append(names);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    auto* x = CountAxis(max);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
  };
  rows(m_charts[1], tr("各大厅事件"), s.per_hall(), [this](const v1::CountRow& r) {
    return r.label().empty() ? m_session->hallName(qs(r.key())) : qs(r.label());
  });
  rows(m_charts[2], tr("各预案事件"), s.per_plan(),
       [](const v1::CountRow& r) { return r.label().empty() ? qs(r.key()) : qs(r.label()); });
  // 4 and 5. Durations with each plan's target drawn in.
  auto planName = [&](const std::string& id) {
    for (const auto& r : s.per_plan())
      if (r.key() == id && !r.label().empty()) return qs(r.label());
    return qs(id);
  };
  auto distribution = [&](QChartView* view, const QString& title, const v1::Distribution& d) {
    QChart* chart = Reset(view, title);
    auto* series = new QBarSeries;
    auto* set = new QBarSet(tr("事件数"));
    set->setColor(QColor(0x4e, 0x79, 0xa7));
    QStringList labels;
    int max = 0;
    for (int i = 0; i < d.counts_size(); ++i) {
      *set << d.counts(i);
      labels << client::bucketLabel(d, i, true);
      max = std::max(max, d.counts(i));
    }
    series->append(set);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(labels);
    SmallLabels(x);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    auto* y = CountAxis(max);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    const QList<QColor> colors{QColor(0xd6, 0x27, 0x28), QColor(0xff, 0x7f, 0x0e),
                               QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd)};
    for (int t = 0; t < d.targets_size() && t < 4; ++t) {
      const auto& target = d.targets(t);
      const double at = client::bucketPosition(d, target.seconds());
      auto* line = new QLineSeries;
      line->setName(
          tr("%1目标 %2").arg(planName(target.plan_id()), client::durationText(target.seconds())));
      line->append(at, 0);
      line->append(at, y->max());
      QPen pen(colors[t]);
      pen.setWidth(2);
      pen.setStyle(Qt::DashLine);
      line->setPen(pen);
      chart->addSeries(line);
      line->attachAxis(x);
      line->attachAxis(y);
    }
    QString sub;
    if (d.with_target() > 0) sub = tr("目标内 %1 / %2").arg(d.within_target()).arg(d.with_target());
    if (d.measured() > 0)
      sub +=
          (sub.isEmpty() ? QString() : QStringLiteral(" · ")) +
          tr("中位数 %1 · 九成在 %2 内")
              .arg(client::durationText(d.median_seconds()), client::durationText(d.p90_seconds()));
    if (!sub.isEmpty()) chart->setTitle(title + QStringLiteral("<br>") + sub);
  };
  distribution(m_charts[3], tr("确认用时（报告→确认）"), s.time_to_acknowledge());
  distribution(m_charts[4], tr("处置用时（确认→处置完毕）"), s.time_to_resolve());
  // 6. Mandatory steps: on time, late, missed.
  {
    QChart* chart = Reset(m_charts[5], tr("必做步骤按时完成情况"));
    auto* pie = new QPieSeries;
    const std::pair<QString, std::pair<int, QColor>> parts[] = {
        {tr("按时"), {s.steps_on_time(), QColor(0x59, 0xa1, 0x4f)}},
        {tr("逾期完成"), {s.steps_late(), QColor(0xf2, 0x8e, 0x2b)}},
        {tr("逾期未完成"), {s.steps_missed(), QColor(0xe1, 0x57, 0x59)}},
        {tr("未到期"), {s.steps_pending(), QColor(0xba, 0xb0, 0xac)}}};
    for (const auto& [label, value] : parts) {
      if (value.first == 0) continue;
      QPieSlice* slice =
          pie->append(QStringLiteral("%1 %2").arg(label).arg(value.first), value.first);
      slice->setColor(value.second);
      slice->setLabelVisible(true);
    }
    chart->addSeries(pie);
    if (pie->count() == 0)
      chart->setTitle(chart->title() + QStringLiteral("<br>") + tr("本期无到期步骤"));
  }
}

void DashboardView::fillTables() {
  m_breachTitle->setText(tr("超出时限（%1）").arg(m_stats.breaches_size()));
  m_breaches->setRowCount(0);
  m_breaches->setHorizontalHeaderLabels(
      {tr("报告时间"), tr("大厅"), tr("类别"), tr("情形"), tr("步骤 / 依据"), tr("超出")});
  for (const auto& b : m_stats.breaches()) {
    const int row = m_breaches->rowCount();
    m_breaches->insertRow(row);
    QString kind;
    switch (b.kind()) {
      case v1::Breach::KIND_ACK_LATE:
        kind = tr("确认超时");
        break;
      case v1::Breach::KIND_UNACKNOWLEDGED:
        kind = tr("超时未确认");
        break;
      case v1::Breach::KIND_STEP_LATE:
        kind = tr("步骤逾期完成");
        break;
      case v1::Breach::KIND_STEP_MISSED:
        kind = tr("步骤逾期未完成");
        break;
      default:
        break;
    }
    if (b.drill()) kind += QStringLiteral(" · ") + tr("演练");
    const QString step = m_session->english() && !b.step_text_en().empty() ? qs(b.step_text_en())
                                                                           : qs(b.step_text_zh());
    QStringList cells{
        When(b.reported_at()).toString(QStringLiteral("MM-dd HH:mm")),
        m_session->hallName(qs(b.hall_id())),
        m_session->categoryTitle(qs(b.category()), m_session->english()),
        kind,
        step.isEmpty() ? qs(b.citation()) : QStringLiteral("%1（%2）").arg(step, qs(b.citation())),
        client::durationText(b.late_seconds())};
    for (int c = 0; c < cells.size(); ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      item->setData(Qt::UserRole, qs(b.incident_id()));
      m_breaches->setItem(row, c, item);
    }
  }
  m_followUpTitle->setText(tr("未完成的整改（%1）").arg(m_stats.open_follow_ups_size()));
  m_followUps->setRowCount(0);
  m_followUps->setHorizontalHeaderLabels({tr("期限"), tr("大厅"), tr("责任人"), tr("整改事项")});
  const QDateTime now = QDateTime::currentDateTime();
  for (const auto& o : m_stats.open_follow_ups()) {
    const int row = m_followUps->rowCount();
    m_followUps->insertRow(row);
    const QDateTime due = When(o.follow_up().due_at());
    QStringList cells{o.follow_up().has_due_at() ? due.toString(QStringLiteral("yyyy-MM-dd"))
                                                 : QStringLiteral("—"),
                      m_session->hallName(qs(o.hall_id())), qs(o.follow_up().owner()),
                      qs(o.follow_up().text())};
    for (int c = 0; c < cells.size(); ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      item->setData(Qt::UserRole, qs(o.incident_id()));
      if (o.follow_up().has_due_at() && due < now) item->setForeground(QColor(0xc0, 0x20, 0x20));
      m_followUps->setItem(row, c, item);
    }
  }
  m_breaches->resizeColumnsToContents();
  m_followUps->resizeColumnsToContents();
}

QString DashboardView::scopeName() const {
  return m_region->currentData().toString().isEmpty() ? m_session->hallNames()
                                                      : m_region->currentText().trimmed();
}

QString DashboardView::statusText() const { return m_status->text(); }

bool DashboardView::writePdf(const QString& path, QString* error) {
  QList<std::pair<QString, QImage>> images;
  QList<std::pair<QString, QString>> captions;
  for (int i = 0; i < m_charts.size(); ++i) {
    // A fixed print size, whatever the window's: the report reads the same.
    QChartView* view = m_charts[i];
    const QSize shown = view->size();
    view->resize(720, 380);
    QImage image = view->grab().toImage();
    view->resize(shown);
    const QString name = QStringLiteral("chart%1.png").arg(i);
    images.append({name, image});
    captions.append({name, view->chart()->title().section(QStringLiteral("<br>"), 0, 0)});
  }
  client::PeriodReportNames names;
  names.scopeName = scopeName();
  for (const QString& h : m_session->hallIds()) names.hallNames.insert(h, m_session->hallName(h));
  return client::writeReportPdf(client::periodReportHtml(m_stats, m_period, names, captions,
                                                         QDateTime::currentMSecsSinceEpoch()),
                                path, error, images, m_period.title());
}

void DashboardView::exportPdf() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("导出统计报告"), m_period.title() + QStringLiteral(".pdf"), tr("PDF 报告 (*.pdf)"));
  if (path.isEmpty()) return;
  QString error;
  m_status->setText(writePdf(path, &error) ? tr("已导出：%1").arg(path)
                                           : tr("导出失败：%1").arg(error));
}

void DashboardView::exportCsv() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("导出超时清单"), m_period.title() + QStringLiteral(".csv"), tr("CSV (*.csv)"));
  if (path.isEmpty()) return;
  client::PeriodReportNames names;
  for (const QString& h : m_session->hallIds()) names.hallNames.insert(h, m_session->hallName(h));
  QFile f(path);
  const bool ok = f.open(QIODevice::WriteOnly) && f.write(client::breachesCsv(m_stats, names)) > 0;
  m_status->setText(ok ? tr("已导出：%1").arg(path) : tr("导出失败：%1").arg(f.errorString()));
}

void DashboardView::exportArchive() {
  if (m_export->running()) return;
  const QString path = QFileDialog::getSaveFileName(this, tr("导出归档"),
                                                    m_period.title() + QStringLiteral(".jsonl"),
                                                    tr("JSON Lines 归档 (*.jsonl)"));
  if (path.isEmpty()) return;
  v1::ReportScope scope;
  m_period.fill(&scope);
  scope.set_region_id(client::ss(m_region->currentData().toString()));
  scope.set_include_drills(m_drills->isChecked());
  m_progress = new QProgressDialog(tr("正在导出归档……"), tr("取消"), 0, 1, this);
  m_progress->setObjectName("dashboardArchiveProgress");
  m_progress->setWindowModality(Qt::WindowModal);
  m_progress->setMinimumDuration(0);
  m_progress->setAutoClose(false);
  m_progress->setAutoReset(false);
  connect(m_progress, &QProgressDialog::canceled, m_export, &client::ArchiveExport::cancel);
  m_status->setText(tr("正在导出归档……"));
  m_export->start(scope, path);
}

void DashboardView::retranslate() {
  {
    QSignalBlocker block(m_kind);
    m_kind->clear();
    m_kind->addItem(tr("周报"), static_cast<int>(PeriodKind::Week));
    m_kind->addItem(tr("月报"), static_cast<int>(PeriodKind::Month));
    m_kind->addItem(tr("季报"), static_cast<int>(PeriodKind::Quarter));
  }
  setPeriod(m_period);
  m_prev->setToolTip(tr("上一期"));
  m_next->setToolTip(tr("下一期"));
  m_drills->setText(tr("计入演练"));
  m_refresh->setText(tr("刷新"));
  m_pdf->setText(tr("导出报告 PDF"));
  m_csv->setText(tr("导出超时清单 CSV"));
  m_archive->setText(tr("导出归档"));
  m_archive->setToolTip(tr("本期每起事件及其完整时间线（JSON Lines），供归档立存"));
  fillRegions();
  setStatistics(m_stats);
}

void DashboardView::changeEvent(QEvent* e) {
  if (e->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(e);
}

}  // namespace hall::desk
