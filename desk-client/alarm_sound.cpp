#include "alarm_sound.h"

#include <QFile>
#include <QUrl>
#include <QtEndian>
#include <cmath>

namespace hall::desk {

AlarmSound::AlarmSound(QObject* parent) : QObject(parent) {
  const QString path = m_dir.filePath(QStringLiteral("alarm.wav"));
  if (m_dir.isValid() && writeTone(path)) {
    m_effect.setSource(QUrl::fromLocalFile(path));
    m_effect.setLoopCount(QSoundEffect::Infinite);
    m_effect.setVolume(0.9f);
  }
}

void AlarmSound::setActive(bool active) {
  if (active == m_active) return;
  m_active = active;
  if (active)
    m_effect.play();
  else
    m_effect.stop();
  emit activeChanged();
}

bool AlarmSound::writeTone(const QString& path) {
  // 0.8 s: 880 Hz and 660 Hz, 0.2 s each, twice, with soft edges.
  constexpr int kRate = 22050;
  constexpr int kSamples = kRate * 8 / 10;
  QByteArray pcm(kSamples * 2, '\0');
  for (int i = 0; i < kSamples; ++i) {
    double t = double(i) / kRate;
    int part = int(t / 0.2);
    double freq = (part % 2 == 0) ? 880.0 : 660.0;
    double inPart = t - part * 0.2;
    double env = std::min(1.0, std::min(inPart, 0.2 - inPart) / 0.01);
    auto v = static_cast<qint16>(std::sin(2 * M_PI * freq * t) * env * 0.6 * 32767);
    qToLittleEndian<qint16>(v, pcm.data() + 2 * i);
  }
  QByteArray wav;
  auto u32 = [&wav](quint32 v) {
    char b[4];
    qToLittleEndian<quint32>(v, b);
    wav.append(b, 4);
  };
  auto u16 = [&wav](quint16 v) {
    char b[2];
    qToLittleEndian<quint16>(v, b);
    wav.append(b, 2);
  };
  wav.append("RIFF");
  u32(36 + pcm.size());
  wav.append("WAVEfmt ");
  u32(16);
  u16(1);  // PCM
  u16(1);  // mono
  u32(kRate);
  u32(kRate * 2);
  u16(2);
  u16(16);
  wav.append("data");
  u32(pcm.size());
  wav.append(pcm);
  QFile f(path);
  return f.open(QIODevice::WriteOnly) && f.write(wav) == wav.size();
}

}  // namespace hall::desk
