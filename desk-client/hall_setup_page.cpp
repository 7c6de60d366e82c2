#include "hall_setup_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "column_fit.h"
#include "labels.h"

namespace hall::desk {

using client::qs;
using client::ss;
namespace v1 = hall::v1;

namespace {
// The outside parties a hall may register (docs/playbooks.md A.5).
constexpr const char* kParties[] = {"police",
                                    "police_post",
                                    "fire_service",
                                    "ambulance",
                                    "data_bureau",
                                    "local_government",
                                    "emergency_management",
                                    "power_utility",
                                    "water_utility",
                                    "property_management",
                                    "offices_service_center",
                                    "it_support",
                                    "petitions_office",
                                    "disease_control",
                                    "cyberspace_office",
                                    "relief_station",
                                    "elevator_maintenance",
                                    "media"};
// The internal tiers a notifier may carry (docs/playbooks.md A.5).
constexpr const char* kTiers[] = {"first_responder",  "duty_officer",     "hall_head",
                                  "leadership_group", "emergency_office", "zone_leader",
                                  "security"};

QDateTimeEdit* dateTimeEdit(QWidget* parent) {
  auto* e = new QDateTimeEdit(parent);
  e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
  e->setCalendarPopup(true);
  return e;
}
}  // namespace

HallSetupPage::HallSetupPage(DeskSession* session, QWidget* parent)
    : QWidget(parent),
      m_session(session),
      m_onNow(new client::OnNowModel(this)),
      m_positions(new client::PositionsModel(this)),
      m_shifts(new client::ShiftsModel(this)),
      m_contacts(new client::ContactsModel(this)),
      m_notifiers(new client::NotifiersModel(this)),
      m_outages(new client::PlannedOutagesModel(this)) {
  setObjectName(QStringLiteral("hallSetupPage"));
  m_outages->setCategoryNamer(
      [this](const QString& id) { return m_session->categoryTitle(id, m_english); });
  auto* v = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  m_hallLabel = label(QT_TR_NOOP("大厅："));
  m_hall = new QComboBox(this);
  m_hall->setObjectName(QStringLiteral("setupHall"));
  m_hall->setMinimumWidth(240);
  m_readOnly = new QLabel(this);
  m_readOnly->setStyleSheet(QStringLiteral("color:#607d8b"));
  top->addWidget(m_hallLabel);
  top->addWidget(m_hall);
  top->addWidget(m_readOnly, 1);
  m_problems = new QLabel(this);
  m_problems->setObjectName(QStringLiteral("setupProblems"));
  m_problems->setWordWrap(true);
  m_problems->setStyleSheet(
      QStringLiteral("background:#fff3e0;color:#bf360c;padding:6px;border-radius:4px"));
  m_pages = new QTabWidget(this);
  m_pages->setObjectName(QStringLiteral("setupPages"));
  m_pages->addTab(buildReachPage(), QString());
  m_pages->addTab(buildRosterPage(), QString());
  m_pages->addTab(buildContactsPage(), QString());
  m_pages->addTab(buildNotifiersPage(), QString());
  m_pages->addTab(buildOutagesPage(), QString());
  m_result = new QLabel(this);
  m_result->setObjectName(QStringLiteral("setupResult"));
  m_result->setWordWrap(true);
  v->addLayout(top);
  v->addWidget(m_problems);
  v->addWidget(m_pages, 1);
  v->addWidget(m_result);
  connectEdits();
  retranslate();
  fillHalls();
}

QLabel* HallSetupPage::label(const char* text) {
  auto* l = new QLabel(this);
  m_labels.append({l, text});
  return l;
}

QPushButton* HallSetupPage::button(const char* text, const QString& name) {
  auto* b = new QPushButton(this);
  b->setObjectName(name);
  m_buttons.append({b, text});
  return b;
}

QTableView* HallSetupPage::table(QAbstractItemModel* model, const QString& name,
                                 int stretchColumn) {
  auto* t = new QTableView(this);
  t->setObjectName(name);
  t->setModel(model);
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->setSelectionMode(QAbstractItemView::SingleSelection);
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  t->setWordWrap(true);
  t->verticalHeader()->setVisible(false);
  t->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
  t->horizontalHeader()->setDefaultSectionSize(150);
  return t;
}

// ------------------------------------------------------------ pages

QWidget* HallSetupPage::buildReachPage() {
  auto* page = new QWidget(this);
  auto* v = new QVBoxLayout(page);
  auto* split = new QSplitter(Qt::Vertical, page);
  auto* onNow = table(m_onNow, QStringLiteral("setupOnNow"), client::OnNowModel::PeopleColumn);
  onNow->setColumnWidth(client::OnNowModel::TierColumn, 170);
  onNow->setSelectionMode(QAbstractItemView::NoSelection);
  m_positionsView =
      table(m_positions, QStringLiteral("setupPositions"), client::PositionsModel::PeopleColumn);
  (new ColumnFitter(m_positionsView, 260))
      ->setColumns({{client::PositionsModel::PositionColumn, 330, 200},
                    {client::PositionsModel::TierColumn, 150, 100},
                    {client::PositionsModel::NotifyOnlyColumn, 80, 60}});
  m_positionsView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  split->addWidget(onNow);
  split->addWidget(m_positionsView);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 2);
  auto* row = new QHBoxLayout;
  m_memberPerson = new QComboBox(page);
  m_memberPerson->setObjectName(QStringLiteral("memberPerson"));
  m_memberSet = button(QT_TR_NOOP("任命到所选职位"), QStringLiteral("memberSet"));
  m_memberRemove = button(QT_TR_NOOP("移除所选职位的人员"), QStringLiteral("memberRemove"));
  row->addWidget(m_memberPerson, 1);
  row->addWidget(m_memberSet);
  row->addWidget(m_memberRemove);
  m_editors << m_memberPerson << m_memberSet << m_memberRemove;
  v->addWidget(split, 1);
  v->addLayout(row);
  return page;
}

QWidget* HallSetupPage::buildRosterPage() {
  auto* page = new QWidget(this);
  auto* v = new QVBoxLayout(page);
  m_shiftsView = table(m_shifts, QStringLiteral("setupShifts"), client::ShiftsModel::PersonColumn);
  auto* row = new QHBoxLayout;
  m_shiftPerson = new QComboBox(page);
  m_shiftPerson->setObjectName(QStringLiteral("shiftPerson"));
  m_shiftStart = dateTimeEdit(page);
  m_shiftEnd = dateTimeEdit(page);
  auto* from = label(QT_TR_NOOP("从"));
  auto* to = label(QT_TR_NOOP("至"));
  m_shiftAdd = button(QT_TR_NOOP("添加班次"), QStringLiteral("shiftAdd"));
  m_shiftDelete = button(QT_TR_NOOP("删除所选班次"), QStringLiteral("shiftDelete"));
  // Two rows, so the page never forces the desk wider than a 1366 screen.
  auto* row2 = new QHBoxLayout;
  row->addWidget(m_shiftPerson, 1);
  row->addWidget(from);
  row->addWidget(m_shiftStart);
  row->addWidget(to);
  row->addWidget(m_shiftEnd);
  row2->addStretch(1);
  row2->addWidget(m_shiftAdd);
  row2->addWidget(m_shiftDelete);
  m_editors << m_shiftPerson << from << m_shiftStart << to << m_shiftEnd << m_shiftAdd
            << m_shiftDelete;
  v->addWidget(m_shiftsView, 1);
  v->addLayout(row);
  v->addLayout(row2);
  return page;
}

QWidget* HallSetupPage::buildContactsPage() {
  auto* page = new QWidget(this);
  auto* v = new QVBoxLayout(page);
  m_contactsView =
      table(m_contacts, QStringLiteral("setupContacts"), client::ContactsModel::NoteColumn);
  m_contactsView->setColumnWidth(client::ContactsModel::PartyColumn, 150);
  m_contactsView->setColumnWidth(client::ContactsModel::NameColumn, 220);
  m_contactsView->setColumnWidth(client::ContactsModel::PhoneColumn, 150);
  auto* row = new QHBoxLayout;
  m_contactParty = new QComboBox(page);
  m_contactParty->setObjectName(QStringLiteral("contactParty"));
  m_contactName = new QLineEdit(page);
  m_contactName->setObjectName(QStringLiteral("contactName"));
  m_contactPhone = new QLineEdit(page);
  m_contactPhone->setObjectName(QStringLiteral("contactPhone"));
  m_contactNote = new QLineEdit(page);
  m_contactNote->setObjectName(QStringLiteral("contactNoteEdit"));
  m_contactSave = button(QT_TR_NOOP("保存"), QStringLiteral("contactSave"));
  m_contactDelete = button(QT_TR_NOOP("删除所选"), QStringLiteral("contactDelete"));
  auto* row2 = new QHBoxLayout;
  row->addWidget(m_contactParty);
  row->addWidget(m_contactName, 2);
  row->addWidget(m_contactPhone, 1);
  row2->addWidget(m_contactNote, 1);
  row2->addWidget(m_contactSave);
  row2->addWidget(m_contactDelete);
  m_editors << m_contactParty << m_contactName << m_contactPhone << m_contactNote << m_contactSave
            << m_contactDelete;
  v->addWidget(m_contactsView, 1);
  v->addLayout(row);
  v->addLayout(row2);
  return page;
}

QWidget* HallSetupPage::buildNotifiersPage() {
  auto* page = new QWidget(this);
  auto* v = new QVBoxLayout(page);
  m_notifiersView =
      table(m_notifiers, QStringLiteral("setupNotifiers"), client::NotifiersModel::UrlColumn);
  auto* row = new QHBoxLayout;
  m_notifierName = new QLineEdit(page);
  m_notifierUrl = new QLineEdit(page);
  m_notifierUrl->setObjectName(QStringLiteral("notifierUrl"));
  m_notifierTier = new QComboBox(page);
  m_notifierActive = new QCheckBox(page);
  m_notifierActive->setChecked(true);
  m_notifierSave = button(QT_TR_NOOP("保存"), QStringLiteral("notifierSave"));
  m_notifierDelete = button(QT_TR_NOOP("删除所选"), QStringLiteral("notifierDelete"));
  auto* row2 = new QHBoxLayout;
  row->addWidget(m_notifierName, 1);
  row->addWidget(m_notifierUrl, 2);
  row2->addWidget(m_notifierTier);
  row2->addWidget(m_notifierActive);
  row2->addStretch(1);
  row2->addWidget(m_notifierSave);
  row2->addWidget(m_notifierDelete);
  m_editors << m_notifierName << m_notifierUrl << m_notifierTier << m_notifierActive
            << m_notifierSave << m_notifierDelete;
  v->addWidget(m_notifiersView, 1);
  v->addLayout(row);
  v->addLayout(row2);
  return page;
}

QWidget* HallSetupPage::buildOutagesPage() {
  auto* page = new QWidget(this);
  auto* v = new QVBoxLayout(page);
  m_outagesView =
      table(m_outages, QStringLiteral("setupOutages"), client::PlannedOutagesModel::NoteColumn);
  m_outagesView->setColumnWidth(client::PlannedOutagesModel::WindowColumn, 230);
  auto* row = new QHBoxLayout;
  m_outageCategory = new QComboBox(page);
  m_outageCategory->setObjectName(QStringLiteral("outageCategory"));
  m_outageZone = new QLineEdit(page);
  m_outageStart = dateTimeEdit(page);
  m_outageEnd = dateTimeEdit(page);
  m_outageNote = new QLineEdit(page);
  m_outageNote->setObjectName(QStringLiteral("outageNote"));
  m_outageAnnounce = button(QT_TR_NOOP("登记公告"), QStringLiteral("outageAnnounce"));
  m_outageCancel = button(QT_TR_NOOP("取消所选"), QStringLiteral("outageCancel"));
  auto* row2 = new QHBoxLayout;
  row->addWidget(m_outageCategory);
  row->addWidget(m_outageZone, 1);
  row->addWidget(m_outageStart);
  row->addWidget(m_outageEnd);
  row2->addWidget(m_outageNote, 1);
  row2->addWidget(m_outageAnnounce);
  row2->addWidget(m_outageCancel);
  m_editors << m_outageCategory << m_outageZone << m_outageStart << m_outageEnd << m_outageNote
            << m_outageAnnounce << m_outageCancel;
  v->addWidget(m_outagesView, 1);
  v->addLayout(row);
  v->addLayout(row2);
  return page;
}

// ------------------------------------------------------------ wiring

void HallSetupPage::connectEdits() {
  HallSetupCache* setups = m_session->setups();
  connect(m_hall, &QComboBox::currentIndexChanged, this, [this](int) {
    fillPeople();
    render();
    if (!currentHall().isEmpty()) m_session->setups()->load(currentHall());
  });
  connect(setups, &HallSetupCache::changed, this, [this](const QString& hall) {
    if (hall == currentHall()) render();
  });
  connect(setups, &HallSetupCache::failed, this, [this](const QString& hall, const QString& why) {
    if (hall != currentHall()) return;
    m_result->setText(why);
    m_result->setStyleSheet(QStringLiteral("color:#c62828;font-weight:bold"));
  });
  connect(setups, &HallSetupCache::writeFinished, this,
          [this](const QString&, bool ok, const QString& message) {
            m_result->setText(message);
            m_result->setStyleSheet(ok ? QStringLiteral("color:#2e7d32;font-weight:bold")
                                       : QStringLiteral("color:#c62828;font-weight:bold"));
          });
  connect(m_session, &DeskSession::hallsChanged, this, &HallSetupPage::fillHalls);
  connect(m_session, &DeskSession::signedInChanged, this, &HallSetupPage::fillHalls);
  connect(m_session, &DeskSession::peopleChanged, this, &HallSetupPage::fillPeople);
  connect(m_session, &DeskSession::categoriesChanged, this, &HallSetupPage::fillChoices);
  connect(m_session, &DeskSession::permissionsChanged, this, &HallSetupPage::updateEditing);

  connect(m_memberSet, &QPushButton::clicked, this, [this] {
    const int row = m_positionsView->currentIndex().row();
    const QString key = m_positions->keyAt(row);
    v1::TierMember m;
    m.set_hall_id(ss(currentHall()));
    m.set_person_id(ss(m_memberPerson->currentData().toString()));
    m.set_tier(ss(m_positions->index(row, 0).data(client::HallSetupTable::TierRole).toString()));
    if (!key.startsWith(QLatin1String("member:"))) m.set_position_id(ss(key));
    m_session->setups()->setTierMember(m);
  });
  connect(m_memberRemove, &QPushButton::clicked, this, [this] {
    const int row = m_positionsView->currentIndex().row();
    const QStringList people = m_positions->personIds(row);
    m_session->setups()->removeTierMember(
        currentHall(), people.value(0),
        m_positions->index(row, 0).data(client::HallSetupTable::TierRole).toString());
  });
  connect(m_shiftAdd, &QPushButton::clicked, this, [this] {
    m_session->setups()->addShift(currentHall(), m_shiftPerson->currentData().toString(),
                                  m_shiftStart->dateTime(), m_shiftEnd->dateTime());
  });
  connect(m_shiftDelete, &QPushButton::clicked, this, [this] {
    m_session->setups()->deleteShift(currentHall(),
                                     m_shifts->keyAt(m_shiftsView->currentIndex().row()));
  });
  connect(m_contactsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          &HallSetupPage::contactChosen);
  connect(m_contactSave, &QPushButton::clicked, this, [this] {
    v1::Contact c;
    c.set_hall_id(ss(currentHall()));
    c.set_party(ss(m_contactParty->currentData().toString()));
    c.set_name(ss(m_contactName->text().trimmed()));
    c.set_phone(ss(m_contactPhone->text().trimmed()));
    c.set_note(ss(m_contactNote->text().trimmed()));
    m_session->setups()->upsertContact(c);
  });
  connect(m_contactDelete, &QPushButton::clicked, this, [this] {
    const int row = m_contactsView->currentIndex().row();
    m_session->setups()->deleteContact(
        currentHall(), m_contacts->contact(row) ? m_contacts->keyAt(row) : QString());
  });
  connect(m_notifierSave, &QPushButton::clicked, this, [this] {
    v1::Notifier n;
    const int row = m_notifiersView->currentIndex().row();
    n.set_id(ss(m_notifiers->keyAt(row)));
    n.set_hall_id(ss(currentHall()));
    n.set_name(ss(m_notifierName->text().trimmed()));
    n.set_url(ss(m_notifierUrl->text().trimmed()));
    if (!m_notifierTier->currentData().toString().isEmpty())
      n.add_tiers(ss(m_notifierTier->currentData().toString()));
    n.set_active(m_notifierActive->isChecked());
    m_session->setups()->upsertNotifier(n);
  });
  connect(m_notifiersView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& i) {
            const v1::HallSetup& s = m_notifiers->setup();
            if (!i.isValid() || i.row() >= s.notifiers_size()) return;
            const auto& n = s.notifiers(i.row());
            m_notifierName->setText(qs(n.name()));
            m_notifierUrl->setText(qs(n.url()));
            m_notifierTier->setCurrentIndex(std::max(
                0, m_notifierTier->findData(n.tiers().empty() ? QString() : qs(n.tiers(0)))));
            m_notifierActive->setChecked(n.active());
          });
  connect(m_notifierDelete, &QPushButton::clicked, this, [this] {
    m_session->setups()->deleteNotifier(currentHall(),
                                        m_notifiers->keyAt(m_notifiersView->currentIndex().row()));
  });
  connect(m_outageAnnounce, &QPushButton::clicked, this, [this] {
    v1::PlannedOutage o;
    o.set_hall_id(ss(currentHall()));
    o.set_category(ss(m_outageCategory->currentData().toString()));
    o.set_zone(ss(m_outageZone->text().trimmed()));
    o.set_note(ss(m_outageNote->text().trimmed()));
    const qint64 start = m_outageStart->dateTime().toMSecsSinceEpoch();
    const qint64 end = m_outageEnd->dateTime().toMSecsSinceEpoch();
    o.mutable_starts_at()->set_seconds(start / 1000);
    o.mutable_ends_at()->set_seconds(end / 1000);
    m_session->setups()->announceOutage(o);
  });
  connect(m_outageCancel, &QPushButton::clicked, this, [this] {
    m_session->setups()->cancelOutage(
        currentHall(), m_outages->keyAt(m_outagesView->currentIndex().row()), m_outageNote->text());
  });
}

void HallSetupPage::contactChosen() {
  const int row = m_contactsView->currentIndex().row();
  const QString party = m_contacts->keyAt(row);
  m_contactParty->setCurrentIndex(std::max(0, m_contactParty->findData(party)));
  const v1::Contact* c = m_contacts->contact(row);
  m_contactName->setText(c ? qs(c->name()) : QString());
  m_contactPhone->setText(c ? qs(c->phone()) : QString());
  m_contactNote->setText(c ? qs(c->note()) : QString());
  if (!c) m_contactPhone->setFocus();
}

QString HallSetupPage::currentHall() const { return m_hall->currentData().toString(); }

void HallSetupPage::showHall(const QString& hallId) {
  const int i = m_hall->findData(hallId);
  if (i >= 0) m_hall->setCurrentIndex(i);
}

void HallSetupPage::showEvent(QShowEvent* e) {
  // Who is on duty and online changes by itself: read again when looked at.
  if (!currentHall().isEmpty()) m_session->setups()->load(currentHall());
  QWidget::showEvent(e);
}

void HallSetupPage::fillHalls() {
  const QString keep = currentHall();
  m_hall->blockSignals(true);
  m_hall->clear();
  for (const QString& h : m_session->hallIds()) m_hall->addItem(m_session->hallName(h), h);
  m_hall->setCurrentIndex(std::max(0, m_hall->findData(keep)));
  m_hall->blockSignals(false);
  m_hall->setVisible(m_hall->count() > 1);
  m_hallLabel->setVisible(m_hall->count() > 1);
  fillPeople();
  render();
  if (isVisible() && !currentHall().isEmpty()) m_session->setups()->load(currentHall());
}

void HallSetupPage::fillPeople() {
  const QString hall = currentHall();
  const QString keepShift = m_shiftPerson->currentData().toString();
  const QString keepMember = m_memberPerson->currentData().toString();
  m_shiftPerson->clear();
  m_memberPerson->clear();
  for (const auto& p : m_session->people()) {
    if (!p.allHalls && !p.hallIds.contains(hall)) continue;
    m_memberPerson->addItem(p.name, p.id);
    // A shift is a duty officer's or a hall head's of the hall.
    if (p.role == v1::ROLE_DUTY_OFFICER || p.role == v1::ROLE_HALL_HEAD)
      m_shiftPerson->addItem(p.name, p.id);
  }
  m_shiftPerson->setCurrentIndex(std::max(0, m_shiftPerson->findData(keepShift)));
  m_memberPerson->setCurrentIndex(std::max(0, m_memberPerson->findData(keepMember)));
}

void HallSetupPage::fillChoices() {
  const QString party = m_contactParty->currentData().toString();
  m_contactParty->clear();
  for (const char* p : kParties)
    m_contactParty->addItem(client::partyName(QLatin1String(p)), QLatin1String(p));
  m_contactParty->setCurrentIndex(std::max(0, m_contactParty->findData(party)));
  const QString tier = m_notifierTier->currentData().toString();
  m_notifierTier->clear();
  m_notifierTier->addItem(tr("全部层级"), QString());
  for (const char* t : kTiers)
    m_notifierTier->addItem(client::tierName(QLatin1String(t)), QLatin1String(t));
  m_notifierTier->setCurrentIndex(std::max(0, m_notifierTier->findData(tier)));
  const QString category = m_outageCategory->currentData().toString();
  m_outageCategory->clear();
  for (const auto& c : m_session->categories()) {
    m_outageCategory->addItem(qs(m_english ? c.name_en() : c.name_zh()), qs(c.id()));
  }
  const int i =
      m_outageCategory->findData(category.isEmpty() ? QStringLiteral("power_outage") : category);
  m_outageCategory->setCurrentIndex(std::max(0, i));
}

void HallSetupPage::render() {
  const v1::HallSetup* s = m_session->setups()->setup(currentHall());
  const v1::HallSetup empty;
  const v1::HallSetup& setup = s ? *s : empty;
  for (client::HallSetupTable* m : std::initializer_list<client::HallSetupTable*>{
           m_onNow, m_positions, m_shifts, m_contacts, m_notifiers, m_outages}) {
    m->setSetup(setup);
  }
  QStringList problems;
  for (const auto& p : setup.problems()) problems << client::setupProblemText(p, setup, m_english);
  m_problems->setVisible(!problems.isEmpty());
  m_problems->setText(tr("⚠ 此大厅的上报设置有 %1 个问题（告警可能无人接收）：\n%2")
                          .arg(problems.size())
                          .arg(problems.join(QLatin1Char('\n'))));
  m_pages->setTabText(1, tr("值班表（7天，%1 班）").arg(setup.shifts_size()));
  m_pages->setTabText(2, tr("外部联络（%1）").arg(setup.contacts_size()));
  m_pages->setTabText(3, tr("通知渠道（%1）").arg(setup.notifiers_size()));
  m_pages->setTabText(4, tr("计划停电（%1）").arg(setup.planned_outages_size()));
  updateEditing();
}

void HallSetupPage::updateEditing() {
  const bool may = m_session->may(QStringLiteral("manage_hall"));
  for (QWidget* w : std::as_const(m_editors)) w->setVisible(may);
  m_readOnly->setText(may ? tr("设置版本 %1　·　修改即时生效，并记入审计")
                                .arg(m_session->setups()->setup(currentHall())
                                         ? m_session->setups()->setup(currentHall())->version()
                                         : 0)
                          : tr("只读：修改值班与联络须有“大厅管理”权限（大厅负责人、管理员）"));
}

void HallSetupPage::setEnglish(bool english) {
  if (english == m_english) return;
  m_english = english;
  for (client::HallSetupTable* m : std::initializer_list<client::HallSetupTable*>{
           m_onNow, m_positions, m_shifts, m_contacts, m_notifiers, m_outages}) {
    m->setEnglish(english);
  }
  fillChoices();
  render();
}

void HallSetupPage::retranslate() {
  for (const auto& [l, text] : std::as_const(m_labels)) l->setText(tr(text));
  for (const auto& [b, text] : std::as_const(m_buttons)) b->setText(tr(text));
  m_pages->setTabText(0, tr("当前可达与职位"));
  m_contactName->setPlaceholderText(tr("名称（如 城区派出所）"));
  m_contactPhone->setPlaceholderText(tr("电话（必填）"));
  m_contactNote->setPlaceholderText(tr("备注"));
  m_notifierName->setPlaceholderText(tr("名称（如 短信网关）"));
  m_notifierUrl->setPlaceholderText(tr("http:// 或 https:// 地址"));
  m_notifierActive->setText(tr("启用"));
  m_outageZone->setPlaceholderText(tr("区域（空 = 全大厅）"));
  m_outageNote->setPlaceholderText(tr("公告内容 / 取消原因"));
  const QDateTime now = QDateTime::currentDateTime();
  if (m_shiftStart->dateTime() < now.addYears(-1)) {
    m_shiftStart->setDateTime(now);
    m_shiftEnd->setDateTime(now.addSecs(12 * 3600));
    m_outageStart->setDateTime(now);
    m_outageEnd->setDateTime(now.addSecs(4 * 3600));
  }
  for (client::HallSetupTable* m : std::initializer_list<client::HallSetupTable*>{
           m_onNow, m_positions, m_shifts, m_contacts, m_notifiers, m_outages}) {
    m->retranslate();
  }
  fillChoices();
  render();
}

}  // namespace hall::desk
