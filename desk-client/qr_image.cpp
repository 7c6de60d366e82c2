#include "qr_image.h"

#include <qrencode.h>

#include <QPainter>
#include <cerrno>
#include <cstring>
#include <memory>

namespace hall::desk {

namespace {
constexpr int kQuietZone = 4;  // modules of white around the code (ISO/IEC 18004)

struct QrFree {
  void operator()(QRcode* c) const { QRcode_free(c); }
};
using QrPtr = std::unique_ptr<QRcode, QrFree>;

QrPtr encode(const QString& text, QString* error) {
  const QByteArray utf8 = text.toUtf8();
  QrPtr code(QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M));
  if (!code && error) *error = QString::fromLocal8Bit(std::strerror(errno));
  return code;
}
}  // namespace

QImage qrImage(const QString& text, int scale, QString* error) {
  QrPtr code = encode(text, error);
  if (!code) return {};
  const int side = (code->width + 2 * kQuietZone) * scale;
  QImage image(side, side, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter p(&image);
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      // Bit 0 of each byte: the module is dark.
      if (code->data[y * code->width + x] & 1) {
        p.fillRect((x + kQuietZone) * scale, (y + kQuietZone) * scale, scale, scale, Qt::black);
      }
    }
  }
  return image;
}

int qrModules(const QString& text) {
  QrPtr code = encode(text, nullptr);
  return code ? code->width : 0;
}

}  // namespace hall::desk
