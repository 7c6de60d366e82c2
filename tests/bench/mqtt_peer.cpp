// mqtt-peer: the peer a hall would otherwise wire panic buttons with — an
// MQTT broker (Mosquitto, started by scripts/bench.sh on loopback with TLS
// and persistence) at QoS 1 — measured the way hall-load measures the
// server, so the two sit side by side in one table.
//
//   mqtt-peer --port P --ca CA [--samples 2000] [--pace-us 2000]
//             [--publishers 100] [--subscribers 100] [--seconds 10]
//
// 1. Paced latency: one publisher, one subscriber; each message carries its
//    send time; publish → the subscriber's callback, one at a time.
// 2. Throughput: N publishers each publishing QoS 1 in a closed loop (the
//    next message once the broker's PUBACK came) to their hall's topic, M
//    subscribers each on every hall (hall/#, QoS 1, persistent sessions) —
//    the shape of hall-load's 100 kiosks and 100 desks on one hall. Counts
//    acknowledged publishes per second and checks every subscriber got
//    every acknowledged message (lost / duplicated).
//
// All clients run on one thread with libmosquitto's external-loop API
// (poll over every socket), so the generator costs little next to the
// broker, as hall-load's few gRPC threads do next to the server. Note for
// the comparison: a QoS 1 PUBACK means the broker has the message in
// memory; with persistence it is written to disk only at autosave, not
// fsynced per message as the hall server's commit is.
#include <mosquitto.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using Clock = std::chrono::steady_clock;

namespace {

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

struct Client {
  mosquitto* m = nullptr;
  int index = 0;
  bool connected = false;
  bool subscribed = false;
  // publisher: messages acknowledged, and whether one is out
  int64_t acked = 0;
  bool in_flight = false;
  // subscriber: per message number, how often it arrived
  std::vector<uint8_t> seen;
  int64_t distinct = 0;  // messages seen at least once
  std::vector<double> latency_us;
};

struct Run {
  std::vector<Client*> clients;
  std::string ca;
  int port = 0;
  bool closed_loop = false;
  int64_t window_start_ns = 0, window_end_ns = 0;
  int64_t acked_in_window = 0;
  int64_t next_number = 0;      // message numbers, over all publishers
  std::vector<uint8_t> acked;   // per message number
  std::vector<int> mid_number;  // per publisher: the number of its message out
  bool stop = false;
};
Run* g_run = nullptr;  // the callbacks' context (one run at a time, one thread)

void Publish(Client* c) {
  Run& r = *g_run;
  int64_t number = r.next_number++;
  if (number >= static_cast<int64_t>(r.acked.size())) return;
  char payload[300];
  std::memset(payload, 'x', sizeof payload);
  int64_t now = NowNs();
  std::memcpy(payload, &now, sizeof now);
  std::memcpy(payload + 8, &number, sizeof number);
  int mid = 0;
  // One hall's topic: the worst case, every subscriber gets every message.
  if (mosquitto_publish(c->m, &mid, "hall/0/press", sizeof payload, payload, 1, false) ==
      MOSQ_ERR_SUCCESS) {
    c->in_flight = true;
    r.mid_number[static_cast<size_t>(c->index)] = static_cast<int>(number);
  }
}

void OnConnect(mosquitto*, void* obj, int rc) { static_cast<Client*>(obj)->connected = rc == 0; }
void OnSubscribe(mosquitto*, void* obj, int, int, const int*) {
  static_cast<Client*>(obj)->subscribed = true;
}
void OnPublish(mosquitto*, void* obj, int) {
  auto* c = static_cast<Client*>(obj);
  Run& r = *g_run;
  c->in_flight = false;
  ++c->acked;
  int64_t now = NowNs();
  r.acked[static_cast<size_t>(r.mid_number[static_cast<size_t>(c->index)])] = 1;
  if (now >= r.window_start_ns && now < r.window_end_ns) ++r.acked_in_window;
  if (r.closed_loop && !r.stop && now < r.window_end_ns) Publish(c);
}
void OnMessage(mosquitto*, void* obj, const mosquitto_message* msg) {
  auto* c = static_cast<Client*>(obj);
  if (msg->payloadlen < 16) return;
  int64_t sent = 0, number = 0;
  std::memcpy(&sent, msg->payload, sizeof sent);
  std::memcpy(&number, static_cast<const char*>(msg->payload) + 8, sizeof number);
  if (number < 0 || number >= static_cast<int64_t>(c->seen.size())) return;
  uint8_t& seen = c->seen[static_cast<size_t>(number)];
  if (seen == 0) ++c->distinct;
  if (seen < 255) ++seen;
  if (sent >= g_run->window_start_ns) c->latency_us.push_back((NowNs() - sent) / 1000.0);
}

// One pass of the external loop over every client: poll, read, write.
void Pump(Run& r, int timeout_ms) {
  std::vector<pollfd> fds;
  for (auto* c : r.clients) {
    short events = POLLIN;
    if (mosquitto_want_write(c->m)) events |= POLLOUT;
    fds.push_back({mosquitto_socket(c->m), events, 0});
  }
  ::poll(fds.data(), fds.size(), timeout_ms);
  for (size_t i = 0; i < fds.size(); ++i) {
    if (fds[i].revents & (POLLIN | POLLERR | POLLHUP)) mosquitto_loop_read(r.clients[i]->m, 1);
    if (fds[i].revents & POLLOUT) mosquitto_loop_write(r.clients[i]->m, 1);
  }
}
void Misc(Run& r) {
  for (auto* c : r.clients) mosquitto_loop_misc(c->m);
}

Client* Connect(Run& r, const std::string& id, bool subscriber, int capacity) {
  auto* c = new Client;
  c->index = static_cast<int>(r.clients.size());
  // Subscribers keep a persistent session (clean_session false): the
  // broker queues and persists their QoS 1 messages, as a desk's stream
  // resumes from the log.
  c->m = mosquitto_new(id.c_str(), !subscriber, c);
  mosquitto_int_option(c->m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
  mosquitto_max_inflight_messages_set(c->m, 0);
  mosquitto_tls_set(c->m, r.ca.c_str(), nullptr, nullptr, nullptr, nullptr);
  mosquitto_connect_callback_set(c->m, OnConnect);
  mosquitto_subscribe_callback_set(c->m, OnSubscribe);
  mosquitto_publish_callback_set(c->m, OnPublish);
  mosquitto_message_callback_set(c->m, OnMessage);
  if (subscriber) c->seen.assign(static_cast<size_t>(capacity), 0);
  int rc = mosquitto_connect(c->m, "localhost", r.port, 60);
  if (rc != MOSQ_ERR_SUCCESS) {
    std::fprintf(stderr, "mqtt-peer: connect: %s\n", mosquitto_strerror(rc));
    std::exit(2);
  }
  r.clients.push_back(c);
  return c;
}

// Connects everyone, subscribes the subscribers; bounded.
void Establish(Run& r, const std::vector<Client*>& subscribers) {
  auto deadline = Clock::now() + std::chrono::seconds(60);
  bool subscribed_sent = false;
  for (;;) {
    Pump(r, 5);
    Misc(r);
    bool all =
        std::all_of(r.clients.begin(), r.clients.end(), [](Client* c) { return c->connected; });
    if (all && !subscribed_sent) {
      for (auto* s : subscribers) mosquitto_subscribe(s->m, nullptr, "hall/#", 1);
      subscribed_sent = true;
    }
    if (all && std::all_of(subscribers.begin(), subscribers.end(),
                           [](Client* c) { return c->subscribed; }))
      return;
    if (Clock::now() > deadline) {
      std::fprintf(stderr, "mqtt-peer: clients did not connect within 60 s\n");
      std::exit(2);
    }
  }
}

void Teardown(Run& r) {
  for (auto* c : r.clients) {
    mosquitto_disconnect(c->m);
    mosquitto_destroy(c->m);
    delete c;
  }
  r.clients.clear();
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, samples = 2000, pace_us = 2000, publishers = 100, subscribers = 100, seconds = 10;
  std::string ca;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    int n = std::atoi(v.c_str());
    if (a == "--port")
      port = n;
    else if (a == "--ca")
      ca = v;
    else if (a == "--samples")
      samples = std::max(10, n);
    else if (a == "--pace-us")
      pace_us = std::max(0, n);
    else if (a == "--publishers")
      publishers = std::max(1, n);
    else if (a == "--subscribers")
      subscribers = std::max(1, n);
    else if (a == "--seconds")
      seconds = std::clamp(n, 1, 600);
    else {
      std::fprintf(stderr, "mqtt-peer: unknown option %s\n", a.c_str());
      return 2;
    }
  }
  if (port <= 0 || ca.empty()) {
    std::fprintf(stderr,
                 "usage: mqtt-peer --port P --ca CA [--samples N] [--pace-us N]"
                 " [--publishers N] [--subscribers N] [--seconds N]\n");
    return 2;
  }
  mosquitto_lib_init();
  const std::string run_id = std::to_string(NowNs() % 1000000000);

  // 1. Paced latency, one publisher and one subscriber.
  std::vector<double> latency;
  {
    Run r;
    g_run = &r;
    r.ca = ca;
    r.port = port;
    r.acked.assign(static_cast<size_t>(samples + 200), 0);
    r.mid_number.assign(2, 0);
    Client* pub = Connect(r, "lat-pub-" + run_id, false, 0);
    Client* sub = Connect(r, "lat-sub-" + run_id, true, samples + 200);
    Establish(r, {sub});
    r.window_start_ns = 0;
    r.window_end_ns = INT64_MAX;
    for (int i = -200; i < samples; ++i) {
      if (i == 0) {
        sub->latency_us.clear();
        r.window_start_ns = NowNs();
      }
      auto start = Clock::now();
      int64_t number = r.next_number;
      Publish(pub);
      // Until this message arrived (bounded), pumping the loop.
      for (int spin = 0; spin < 100000 && sub->seen[static_cast<size_t>(number)] == 0; ++spin) {
        Pump(r, 1);
      }
      while (pub->in_flight) Pump(r, 1);
      std::this_thread::sleep_until(start + std::chrono::microseconds(pace_us));
      if (i % 100 == 0) Misc(r);
    }
    latency = sub->latency_us;
    Teardown(r);
  }

  // 2. Throughput with many publishers and subscribers.
  double rate = 0;
  int64_t lost = 0, duplicated = 0, deliveries = 0;
  std::vector<double> fanout;
  {
    Run r;
    g_run = &r;
    r.ca = ca;
    r.port = port;
    r.closed_loop = true;
    const int capacity = 200000 * seconds / 10 + 100000;
    r.acked.assign(static_cast<size_t>(capacity), 0);
    r.mid_number.assign(static_cast<size_t>(publishers + subscribers), 0);
    std::vector<Client*> pubs, subs;
    for (int s = 0; s < subscribers; ++s) {
      subs.push_back(Connect(r, "sub-" + run_id + "-" + std::to_string(s), true, capacity));
    }
    for (int p = 0; p < publishers; ++p) {
      pubs.push_back(Connect(r, "pub-" + run_id + "-" + std::to_string(p), false, 0));
    }
    Establish(r, subs);
    const int64_t start = NowNs();
    r.window_start_ns = start + 1'000'000'000;  // one second's warm-up
    r.window_end_ns = r.window_start_ns + int64_t{seconds} * 1'000'000'000;
    for (auto* p : pubs) Publish(p);
    int64_t last_misc = start;
    while (NowNs() < r.window_end_ns) {
      Pump(r, 1);
      if (NowNs() - last_misc > 100'000'000) {
        Misc(r);
        last_misc = NowNs();
      }
    }
    r.stop = true;
    // Let deliveries drain (bounded: 30 s).
    const int64_t acked_count = std::count(r.acked.begin(), r.acked.end(), 1);
    auto drain_deadline = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < drain_deadline) {
      bool all = std::all_of(subs.begin(), subs.end(),
                             [&](Client* s) { return s->distinct >= acked_count; });
      if (all) break;
      for (int k = 0; k < 200; ++k) Pump(r, 1);
      Misc(r);
    }
    rate = static_cast<double>(r.acked_in_window) / seconds;
    for (auto* s : subs) {
      for (size_t n = 0; n < r.acked.size(); ++n) {
        if (r.acked[n] && s->seen[n] == 0) ++lost;
        if (s->seen[n] > 1) duplicated += s->seen[n] - 1;
        deliveries += s->seen[n];
      }
      fanout.insert(fanout.end(), s->latency_us.begin(), s->latency_us.end());
    }
    Teardown(r);
  }
  mosquitto_lib_cleanup();

  std::printf("\nMosquitto, QoS 1, persistence on, loopback TLS\n\n");
  std::printf("| measurement | value |\n| --- | ---: |\n");
  std::printf("| paced publish → subscriber p50 / p99 / max µs | %.0f / %.0f / %.0f |\n",
              Percentile(latency, 0.5), Percentile(latency, 0.99), Percentile(latency, 1.0));
  std::printf("| %d publishers, %d subscribers: messages acknowledged per second | %.0f |\n",
              publishers, subscribers, rate);
  std::printf("| … publish → every subscriber p50 / p99 ms | %.2f / %.2f |\n",
              Percentile(fanout, 0.5) / 1000, Percentile(fanout, 0.99) / 1000);
  std::printf(
      "| … deliveries / not delivered 30 s after the run / duplicated | %lld / %lld / %lld |\n\n",
      static_cast<long long>(deliveries), static_cast<long long>(lost),
      static_cast<long long>(duplicated));
  std::printf("RESULT mqtt_p50_us %.1f\nRESULT mqtt_p99_us %.1f\n", Percentile(latency, 0.5),
              Percentile(latency, 0.99));
  std::printf(
      "RESULT mqtt_rate %.1f\nRESULT mqtt_fanout_p50_ms %.3f\nRESULT mqtt_fanout_p99_ms %.3f\n",
      rate, Percentile(fanout, 0.5) / 1000, Percentile(fanout, 0.99) / 1000);
  std::printf("RESULT mqtt_lost %lld\nRESULT mqtt_duplicated %lld\n", static_cast<long long>(lost),
              static_cast<long long>(duplicated));
  return 0;
}
