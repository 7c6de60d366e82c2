// QR code pictures for the desk (二维码), through Debian's libqrencode: the
// kiosk enrollment code is shown as text and as a QR code a kiosk's scanner
// (or a phone) reads.
//
// Thread-safety: reentrant (libqrencode's encoder keeps no shared state).
#pragma once

#include <QImage>
#include <QString>

namespace hall::desk {

// The QR code of `text` (8-bit, error correction M), each module `scale`
// pixels, with the standard quiet zone of 4 modules; black on white. A null
// image, with `error` set, when libqrencode cannot encode it.
QImage qrImage(const QString& text, int scale, QString* error = nullptr);
// The number of modules on a side of `text`'s code (21 for version 1 …), 0
// on error; for tests and layout.
int qrModules(const QString& text);

}  // namespace hall::desk
