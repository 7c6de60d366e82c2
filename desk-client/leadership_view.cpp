#include "leadership_view.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

#include "desk_session.h"
#include "hall_client.h"
#include "labels.h"
#include "leadership_model.h"

namespace hall::desk {

namespace v1 = hall::v1;
using client::LeadershipModel;
using client::qs;
using client::RpcResult;

namespace {
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
}

LeadershipView::LeadershipView(DeskSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
  m_model = new LeadershipModel(session->board(), this);
  m_counts = new QLabel(this);
  m_counts->setObjectName("leadershipCounts");
  m_counts->setTextFormat(Qt::RichText);
  m_perHall = new QLabel(this);
  m_perHall->setObjectName("leadershipPerHall");
  m_perHall->setWordWrap(true);
  m_region = new QComboBox(this);
  m_region->setObjectName("leadershipRegion");
  m_hall = new QComboBox(this);
  m_hall->setObjectName("leadershipHall");
  m_category = new QComboBox(this);
  m_severity = new QComboBox(this);
  m_drill = new QComboBox(this);
  m_drill->setObjectName("leadershipDrill");
  m_range = new QComboBox(this);
  m_search = new QLineEdit(this);
  m_search->setObjectName("leadershipSearch");
  m_search->setClearButtonEnabled(true);
  m_table = new QTableView(this);
  m_table->setObjectName("leadershipTable");
  m_table->setModel(m_model);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setStretchLastSection(true);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->setAlternatingRowColors(true);

  auto* filters = new QHBoxLayout;
  for (QWidget* w : {static_cast<QWidget*>(m_region), static_cast<QWidget*>(m_hall),
                     static_cast<QWidget*>(m_category), static_cast<QWidget*>(m_severity),
                     static_cast<QWidget*>(m_drill), static_cast<QWidget*>(m_range)})
    filters->addWidget(w);
  filters->addWidget(m_search, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_counts);
  layout->addWidget(m_perHall);
  layout->addLayout(filters);
  layout->addWidget(m_table, 1);

  connect(m_model, &LeadershipModel::countsChanged, this, &LeadershipView::updateCounts);
  connect(m_table, &QTableView::activated, this,
          [this](const QModelIndex& i) { emit openIncident(m_model->idAt(i.row())); });
  connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& i) {
            if (i.isValid()) emit openIncident(m_model->idAt(i.row()));
          });
  connect(m_region, &QComboBox::currentIndexChanged, this, [this] {
    fillHallFilters();
    applyRegion();
  });
  connect(m_hall, &QComboBox::currentIndexChanged, this, &LeadershipView::applyRegion);
  connect(m_category, &QComboBox::currentIndexChanged, this,
          [this] { m_model->setCategory(m_category->currentData().toString()); });
  connect(m_severity, &QComboBox::currentIndexChanged, this,
          [this] { m_model->setMinSeverity(m_severity->currentData().toInt()); });
  connect(m_drill, &QComboBox::currentIndexChanged, this,
          [this] { m_model->setDrill(m_drill->currentData().toInt()); });
  connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
    const int days = m_range->currentData().toInt();
    m_model->setReportedRange(days ? QDateTime::currentMSecsSinceEpoch() - days * kDayMs : 0, 0);
  });
  connect(m_search, &QLineEdit::textChanged, m_model, &LeadershipModel::setText);
  connect(session, &DeskSession::hallsChanged, this, &LeadershipView::reload);
  connect(session, &DeskSession::categoriesChanged, this, &LeadershipView::retranslate);
  retranslate();
}

void LeadershipView::reload() {
  m_model->setPersonId(m_session->personId());
  m_session->readRegions(this, [this](const std::vector<v1::Region>& regions) {
    m_regions = regions;
    retranslate();
  });
  m_session->readHalls(this, [this](const std::vector<v1::Hall>& halls) {
    m_halls = halls;
    QHash<QString, QString> names;
    for (const auto& h : m_halls) names.insert(qs(h.id()), qs(h.name()));
    m_model->setHallNames(names);
    retranslate();
  });
}

void LeadershipView::fillHallFilters() {
  // The halls of the chosen region (or all in scope).
  const QString region = m_region->currentData().toString();
  QSet<QString> inRegion;
  if (!region.isEmpty()) {
    QSet<QString> regions{region};
    for (bool grew = true; grew;) {  // the region and everything below it
      grew = false;
      for (const auto& r : m_regions) {
        if (regions.contains(qs(r.parent_id())) && !regions.contains(qs(r.id()))) {
          regions.insert(qs(r.id()));
          grew = true;
        }
      }
    }
    for (const auto& h : m_halls) {
      if (regions.contains(qs(h.region_id()))) inRegion.insert(qs(h.id()));
    }
  }
  const QString keep = m_hall->currentData().toString();
  QSignalBlocker block(m_hall);
  m_hall->clear();
  m_hall->addItem(tr("全部大厅"), QString());
  for (const auto& h : m_halls) {
    if (region.isEmpty() || inRegion.contains(qs(h.id())))
      m_hall->addItem(qs(h.name()), qs(h.id()));
  }
  m_hall->setCurrentIndex(std::max(0, m_hall->findData(keep)));
  m_hall->setProperty("regionHalls", QStringList(inRegion.begin(), inRegion.end()));
}

void LeadershipView::applyRegion() {
  const QString hall = m_hall->currentData().toString();
  if (!hall.isEmpty()) return m_model->setHalls({hall});
  if (m_region->currentData().toString().isEmpty()) return m_model->setHalls({});
  const QStringList halls = m_hall->property("regionHalls").toStringList();
  // A region with no hall in scope shows nothing (not everything).
  m_model->setHalls(halls.isEmpty() ? QSet<QString>{QStringLiteral("\x01none")}
                                    : QSet<QString>(halls.begin(), halls.end()));
}

void LeadershipView::updateCounts() {
  const auto sev = m_model->countsBySeverity();
  QStringList parts;
  parts << tr("在办 <b>%1</b> 起").arg(m_model->count());
  const int toMe = m_model->countOf(LeadershipModel::EscalatedToMe);
  const int toGroup = m_model->countOf(LeadershipModel::EscalatedToLeaders);
  if (toMe + toGroup > 0)
    parts << QStringLiteral("<span style='color:#b71c1c'>%1</span>")
                 .arg(tr("待领导确认 <b>%1</b> 起").arg(toMe + toGroup));
  if (int n = m_model->countOf(LeadershipModel::StepsOverdue))
    parts << tr("步骤超时 <b>%1</b> 起").arg(n);
  for (auto s : {v1::SEVERITY_CRITICAL, v1::SEVERITY_HIGH, v1::SEVERITY_MEDIUM, v1::SEVERITY_LOW}) {
    if (sev.value(s))
      parts << QStringLiteral("%1 %2").arg(client::severityName(s)).arg(sev.value(s));
  }
  m_counts->setText(parts.join(QStringLiteral(" · ")));
  QStringList halls;
  const auto byHall = m_model->countsByHall();
  for (auto it = byHall.begin(); it != byHall.end(); ++it)
    halls << QStringLiteral("%1 %2").arg(m_session->hallName(it.key())).arg(it.value());
  m_perHall->setText(halls.isEmpty() ? tr("所辖大厅暂无在办事件")
                                     : halls.join(QStringLiteral("；")));
}

void LeadershipView::retranslate() {
  auto refill = [](QComboBox* box, const QList<std::pair<QString, QVariant>>& items) {
    const QVariant keep = box->currentData();
    QSignalBlocker block(box);
    box->clear();
    for (const auto& [text, data] : items) box->addItem(text, data);
    box->setCurrentIndex(std::max(0, box->findData(keep)));
  };
  QList<std::pair<QString, QVariant>> regions{{tr("全部地区"), QString()}};
  for (const auto& r : m_regions) {
    const QString indent(2 * std::max(0, static_cast<int>(r.level()) - 1), QChar(0x3000));
    regions.append({indent + qs(r.name()), qs(r.id())});
  }
  refill(m_region, regions);
  fillHallFilters();
  QList<std::pair<QString, QVariant>> categories{{tr("全部类别"), QString()}};
  for (const auto& c : m_session->categories())
    categories.append({client::categoryName(qs(c.id())), qs(c.id())});
  refill(m_category, categories);
  refill(m_severity, {{tr("全部级别"), 0},
                      {tr("一般及以上"), int(v1::SEVERITY_MEDIUM)},
                      {tr("较重及以上"), int(v1::SEVERITY_HIGH)},
                      {tr("仅特别严重"), int(v1::SEVERITY_CRITICAL)}});
  refill(m_drill, {{tr("真实与演练"), 0}, {tr("仅真实事件"), 1}, {tr("仅演练"), 2}});
  refill(m_range, {{tr("全部时间"), 0}, {tr("近24小时"), 1}, {tr("近7天"), 7}, {tr("近30天"), 30}});
  m_search->setPlaceholderText(tr("搜索大厅、类别、摘要、报告人"));
  updateCounts();
}

void LeadershipView::changeEvent(QEvent* e) {
  if (e->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(e);
}

}  // namespace hall::desk
