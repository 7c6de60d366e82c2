// Fuzz target: the kiosk's offline queue decoding (kiosk-client/
// queue_codec.h) — what a damaged queue file can hand the kiosk after a
// power cut or a hand edit: rows of queued presses and reports with any
// column values, stored messages and the stored watch position.
//
// The first byte picks what the rest is. Contracts checked, beyond "no
// crash, no sanitizer report": a stored message that decodes encodes back
// to the same message; a refused one is left empty; the raise made from a
// press carries its request id and survives the wire; the stored watch
// position is never negative.
#include <google/protobuf/stubs/logging.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "hall/v1/auth.pb.h"
#include "hall/v1/playbook.pb.h"
#include "queue_codec.h"

namespace {

#define FUZZ_CHECK(cond)                                                               \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

// Reads column values from the bytes: a type byte, a length byte, the data.
class Reader {
 public:
  Reader(const uint8_t* d, size_t n) : d_(d), n_(n) {}
  bool done() const { return i_ >= n_; }
  QVariant Next() {
    uint8_t type = Byte();
    size_t len = Byte();
    len = std::min(len, n_ - i_);
    QByteArray bytes(reinterpret_cast<const char*>(d_ + i_), static_cast<qsizetype>(len));
    i_ += len;
    switch (type % 6) {
      case 0:
        return QVariant();  // NULL
      case 1:
        return QString::fromUtf8(bytes);  // TEXT, possibly not UTF-8
      case 2: {
        qint64 v = 0;
        for (char c : bytes) v = (v << 8) | static_cast<uint8_t>(c);
        return v;  // INTEGER
      }
      case 3:
        return bytes;  // BLOB
      case 4: {
        double v = 0;
        std::memcpy(&v, bytes.constData(), std::min<size_t>(sizeof v, bytes.size()));
        return v;  // REAL, any bit pattern
      }
      default:
        return QString::fromLatin1(bytes);
    }
  }

 private:
  uint8_t Byte() { return i_ < n_ ? d_[i_++] : 0; }
  const uint8_t* d_;
  size_t n_;
  size_t i_ = 0;
};

template <class M>
void StoredMessage(const QString& text) {
  M m;
  if (!hall::kiosk::decodeStored(text, &m)) {
    FUZZ_CHECK(m.ByteSizeLong() == 0);
    return;
  }
  // An empty message encodes to "", which reads as "nothing stored".
  if (m.ByteSizeLong() == 0) return;
  M back;
  FUZZ_CHECK(hall::kiosk::decodeStored(hall::kiosk::encodeStored(m), &back));
  FUZZ_CHECK(back.SerializeAsString() == m.SerializeAsString());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);  // invalid UTF-8 is expected here, not news
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t* rest = data + 1;
  const size_t n = size - 1;
  switch (data[0] % 4) {
    case 0: {  // a kv value holding a stored message
      const QString text =
          QString::fromLatin1(reinterpret_cast<const char*>(rest), static_cast<qsizetype>(n));
      StoredMessage<hall::v1::Taxonomy>(text);
      StoredMessage<hall::v1::ServerInfo>(text);
      break;
    }
    case 1: {  // a queued press, then the raise it becomes
      Reader r(rest, n);
      QVariantList columns;
      while (!r.done() && columns.size() < 10) columns << r.Next();
      const hall::kiosk::Press p = hall::kiosk::pressFromRow(columns);
      const hall::v1::RaiseIncidentRequest req = hall::kiosk::raiseRequestFor(p);
      FUZZ_CHECK(req.request_id() == p.requestId.toStdString());
      hall::v1::RaiseIncidentRequest wire;
      FUZZ_CHECK(wire.ParseFromString(req.SerializeAsString()));
      FUZZ_CHECK(wire.request_id() == req.request_id());
      break;
    }
    case 2: {  // a report row
      Reader r(rest, n);
      QVariantList columns;
      while (!r.done() && columns.size() < 12) columns << r.Next();
      (void)hall::kiosk::reportFromRow(columns);
      break;
    }
    case 3: {  // the stored watch position
      const QString text =
          QString::fromUtf8(reinterpret_cast<const char*>(rest), static_cast<qsizetype>(n));
      FUZZ_CHECK(hall::kiosk::storedSeq(text) >= 0);
      break;
    }
  }
  return 0;
}
