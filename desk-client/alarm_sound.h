// AlarmSound (报警音): the desk's alarm tone. It synthesises a short
// two-tone WAV once into a temporary file and plays it in a loop through
// QSoundEffect while active — while any panic is unacknowledged.
//
// Thread-safety: a QObject of the GUI thread.
#pragma once

#include <QObject>
#include <QSoundEffect>
#include <QTemporaryDir>

namespace hall::desk {

class AlarmSound : public QObject {
  Q_OBJECT
  Q_PROPERTY(bool active READ isActive WRITE setActive NOTIFY activeChanged)

 public:
  explicit AlarmSound(QObject* parent = nullptr);
  bool isActive() const { return m_active; }
  // Starts (loops) or stops the tone. Without an audio device it stays
  // silent but still reports active, so the screen side works the same.
  void setActive(bool active);
  // Writes the tone as a 16-bit mono WAV to `path`. Returns false on error.
  static bool writeTone(const QString& path);

 signals:
  void activeChanged();

 private:
  QTemporaryDir m_dir;
  QSoundEffect m_effect;
  bool m_active = false;
};

}  // namespace hall::desk
