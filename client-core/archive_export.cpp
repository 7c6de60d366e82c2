#include "archive_export.h"

#include <google/protobuf/util/json_util.h>

#include <QCoreApplication>

#include "hall_client.h"

namespace hall::client {
namespace {
QString T(const char* s) { return QCoreApplication::translate("ArchiveExport", s); }
}  // namespace

ArchiveExport::ArchiveExport(HallClient* client, QObject* parent)
    : QObject(parent), m_client(client) {}

ArchiveExport::~ArchiveExport() {
  if (m_file) m_file->remove();  // an export cut short leaves nothing behind
}

bool ArchiveExport::start(const v1::ReportScope& scope, const QString& path, int pageSize) {
  if (m_running) return false;
  m_scope = scope;
  m_path = path;
  m_pageSize = pageSize;
  m_token.clear();
  m_done = 0;
  m_cancelled = false;
  m_file = std::make_unique<QFile>(path + QStringLiteral(".part"));
  if (!m_file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
    const QString why = m_file->errorString();
    m_file.reset();
    emit finished(false, T(QT_TRANSLATE_NOOP("ArchiveExport", "无法写入 %1：%2")).arg(path, why));
    return true;
  }
  m_running = true;
  requestPage();
  return true;
}

void ArchiveExport::cancel() {
  if (m_running) m_cancelled = true;
}

void ArchiveExport::requestPage() {
  v1::ExportIncidentsRequest req;
  *req.mutable_scope() = m_scope;
  req.set_page_size(m_pageSize);
  req.set_page_token(m_token);
  m_client->call(
      m_client->reports()->async(), &v1::ReportService::Stub::async::ExportIncidents, req, this,
      std::function<void(const RpcResult&, const v1::ExportIncidentsResponse&)>(
          [this](const RpcResult& r, const v1::ExportIncidentsResponse& resp) {
            if (!r.ok()) {
              return finish(false,
                            T(QT_TRANSLATE_NOOP("ArchiveExport", "导出失败：%1")).arg(r.text()));
            }
            google::protobuf::util::JsonPrintOptions options;
            options.preserve_proto_field_names = true;
            for (const auto& e : resp.incidents()) {
              std::string line;
              if (!google::protobuf::util::MessageToJsonString(e, &line, options).ok()) {
                return finish(false,
                              T(QT_TRANSLATE_NOOP("ArchiveExport", "导出失败：无法编码事件 %1"))
                                  .arg(QString::fromStdString(e.incident().id())));
              }
              line += '\n';
              if (m_file->write(line.data(), qint64(line.size())) != qint64(line.size())) {
                return finish(false, T(QT_TRANSLATE_NOOP("ArchiveExport", "无法写入 %1：%2"))
                                         .arg(m_path, m_file->errorString()));
              }
            }
            m_done = resp.done();
            emit progress(resp.done(), resp.total());
            if (resp.next_page_token().empty()) {
              return finish(true, T(QT_TRANSLATE_NOOP("ArchiveExport", "已导出 %1 起事件到 %2"))
                                      .arg(resp.done())
                                      .arg(m_path));
            }
            if (m_cancelled)
              return finish(false, T(QT_TRANSLATE_NOOP("ArchiveExport", "已取消，未留下文件")));
            m_token = resp.next_page_token();
            requestPage();
          }));
}

void ArchiveExport::finish(bool ok, const QString& message) {
  m_running = false;
  if (ok) {
    m_file->close();
    QFile::remove(m_path);
    if (!m_file->rename(m_path)) {
      m_file->remove();
      m_file.reset();
      emit finished(false, T(QT_TRANSLATE_NOOP("ArchiveExport", "无法写入 %1：%2"))
                               .arg(m_path, QStringLiteral("rename")));
      return;
    }
    m_file.reset();
  } else if (m_file) {
    m_file->remove();
    m_file.reset();
  }
  emit finished(ok, message);
}

}  // namespace hall::client
