#include "playbook_page.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "labels.h"
#include "playbook_html.h"

namespace hall::desk {

using client::qs;
namespace v1 = hall::v1;

PlaybookPage::PlaybookPage(DeskSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
  auto* v = new QVBoxLayout(this);
  auto* row = new QHBoxLayout;
  m_hallLabel = new QLabel(this);
  m_hall = new QComboBox(this);
  m_hall->setObjectName(QStringLiteral("playbookHall"));
  m_categoryLabel = new QLabel(this);
  m_category = new QComboBox(this);
  m_category->setObjectName(QStringLiteral("playbookCategory"));
  m_category->setMinimumWidth(360);
  m_category->setMaxVisibleItems(25);
  row->addWidget(m_hallLabel);
  row->addWidget(m_hall);
  row->addWidget(m_categoryLabel);
  row->addWidget(m_category, 1);
  v->addLayout(row);
  m_view = new QTextBrowser(this);
  m_view->setObjectName(QStringLiteral("playbookView"));
  m_view->setOpenLinks(false);
  v->addWidget(m_view, 1);

  connect(m_hall, &QComboBox::currentIndexChanged, this, [this](int) {
    fillCategories();
    showCategory(currentCategory());
  });
  connect(m_category, &QComboBox::currentIndexChanged, this,
          [this](int) { showCategory(currentCategory()); });
  connect(session, &DeskSession::hallsChanged, this, &PlaybookPage::fillHalls);
  connect(session, &DeskSession::signedInChanged, this, &PlaybookPage::fillHalls);
  connect(session, &DeskSession::plansChanged, this, [this] {
    fillCategories();
    render();
  });
  connect(session, &DeskSession::categoriesChanged, this, &PlaybookPage::fillCategories);
  connect(session, &DeskSession::playbookLoaded, this,
          [this](const QString& hall, const QString& category, const v1::GetPlaybookResponse& r) {
            if (hall != currentHall() || category != currentCategory()) return;
            m_response = r;
            m_haveResponse = true;
            m_error.clear();
            render();
          });
  connect(session, &DeskSession::playbookFailed, this,
          [this](const QString& hall, const QString& category, const QString& message) {
            if (hall != currentHall() || category != currentCategory()) return;
            m_haveResponse = false;
            m_error = message;
            render();
          });
  retranslate();
  fillHalls();  // a page made after sign-in starts with the session's halls
}

QString PlaybookPage::currentHall() const { return m_hall->currentData().toString(); }
QString PlaybookPage::currentCategory() const { return m_category->currentData().toString(); }

void PlaybookPage::setEnglish(bool english) {
  if (english == m_english) return;
  m_english = english;
  fillCategories();
  render();
}

void PlaybookPage::fillHalls() {
  const QString keep = currentHall();
  m_hall->blockSignals(true);
  m_hall->clear();
  const QStringList halls = m_session->hallIds();
  for (const QString& h : halls) m_hall->addItem(m_session->hallName(h), h);
  const int i = m_hall->findData(keep);
  m_hall->setCurrentIndex(i >= 0 ? i : 0);
  m_hall->blockSignals(false);
  // One hall: nothing to choose.
  m_hall->setVisible(halls.size() > 1);
  m_hallLabel->setVisible(halls.size() > 1);
  fillCategories();
  showCategory(currentCategory());
}

void PlaybookPage::fillCategories() {
  const QString keep = currentCategory();
  const v1::Plan* plan = m_session->plan(currentHall());
  m_category->blockSignals(true);
  m_category->clear();
  m_category->addItem(tr("预案概况与应急准备"), QString());
  for (const auto& c : m_session->categories()) {
    const QString id = qs(c.id());
    QString title = qs(m_english ? c.name_en() : c.name_zh());
    bool covered = false;
    if (plan) {
      for (const auto& p : plan->playbooks()) covered = covered || p.category() == c.id();
    }
    if (plan && !covered) title += tr("（未单列）");
    m_category->addItem(title, id);
  }
  const int i = m_category->findData(keep);
  m_category->setCurrentIndex(i >= 0 ? i : 0);
  m_category->blockSignals(false);
}

void PlaybookPage::showCategory(const QString& category) {
  const int i = m_category->findData(category);
  if (i >= 0 && i != m_category->currentIndex()) {
    m_category->blockSignals(true);
    m_category->setCurrentIndex(i);
    m_category->blockSignals(false);
  }
  m_haveResponse = false;
  m_error.clear();
  if (!category.isEmpty() && !currentHall().isEmpty() && m_session->signedIn()) {
    m_session->loadPlaybook(currentHall(), category);
  }
  render();
}

void PlaybookPage::render() {
  auto title = [this](const QString& id) { return m_session->categoryTitle(id, m_english); };
  const v1::Plan* plan = m_session->plan(currentHall());
  const QString category = currentCategory();
  QString html;
  if (category.isEmpty()) {
    html = plan ? planHtml(*plan, m_session->playbookSetVersion(), m_english, title)
                : QStringLiteral("<p>%1</p>").arg(tr("正在读取预案…").toHtmlEscaped());
  } else if (m_haveResponse) {
    html = playbookHtml(m_response, plan, m_english, title);
  } else if (!m_error.isEmpty()) {
    html = QStringLiteral("<h2>%1</h2><p style='color:#c62828'>%2</p><p>%3</p>")
               .arg(title(category).toHtmlEscaped(), m_error.toHtmlEscaped(),
                    tr("本预案未规定此类事件的处置措施；应急准备清单见“预案概况与应急准备”。")
                        .toHtmlEscaped());
  } else {
    html = QStringLiteral("<p>%1</p>").arg(tr("正在读取处置措施…").toHtmlEscaped());
  }
  m_view->setHtml(html);
}

void PlaybookPage::retranslate() {
  m_hallLabel->setText(tr("大厅："));
  m_categoryLabel->setText(tr("事件类别："));
  fillCategories();
  render();
}

}  // namespace hall::desk
