// Shared by the C++ benchmark harnesses: the engine-neutral query set written by make_queries.py
// (query_id, kind, query, date_from, date_to; '#' lines are comments) and the per-query result line
// every harness prints, so bench/run reads all engines alike.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace bench {

struct BenchQuery {
  std::string id, kind, text, date_from, date_to;
};

// Reads a query set; throws std::runtime_error when the file cannot be opened.
inline std::vector<BenchQuery> read_query_set(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open query set");
  std::vector<BenchQuery> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("query_id\t", 0) == 0) continue;
    std::vector<std::string> f;
    std::size_t start = 0;
    for (;;) {
      std::size_t tab = line.find('\t', start);
      f.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    f.resize(5);
    out.push_back({f[0], f[1], f[2], f[3], f[4]});
  }
  return out;
}

// One result line: {"id","kind","ms","total","docs":[top ids]}.
inline std::string result_line(const BenchQuery& q, double ms, unsigned long long total,
                               const std::vector<std::string>& docs, const std::string& error = {}) {
  nlohmann::json j = {{"id", q.id}, {"kind", q.kind}, {"ms", ms}, {"total", total}, {"docs", docs}};
  if (!error.empty()) j["error"] = error;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Queries in a seeded random order (so caches cannot favour file order), the same for every engine.
inline std::vector<std::size_t> seeded_order(std::size_t n, unsigned seed) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::mt19937 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  return order;
}

// Runs every query once, spread over one thread per worker (each worker owns its engine handle,
// built before the clock starts); returns the wall time in seconds.
template <typename Worker>
double run_threads(std::size_t n_queries, std::vector<Worker>& workers) {
  std::atomic<std::size_t> next{0};
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (Worker& w : workers) {
    pool.emplace_back([&next, &w, n_queries] {
      for (std::size_t i; (i = next.fetch_add(1)) < n_queries;) w(i);
    });
  }
  for (auto& th : pool) th.join();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The throughput pass every harness runs: `threads` engines (made by make_engine before the clock
// starts), the query set `rounds` times round-robin (run_query(engine, query_index)); prints the
// {"throughput": …} line bench/run reads.
template <typename MakeEngine, typename RunQuery>
void print_throughput(int threads, int rounds, std::size_t n_set, MakeEngine make_engine, RunQuery run_query) {
  using Engine = typename decltype(make_engine())::element_type;
  std::vector<decltype(make_engine())> engines;
  for (int t = 0; t < threads; ++t) engines.push_back(make_engine());
  std::vector<std::function<void(std::size_t)>> workers;
  for (auto& e : engines) {
    Engine* ep = e.get();
    workers.push_back([&run_query, ep, n_set](std::size_t i) { run_query(*ep, i % n_set); });
  }
  const std::size_t n = n_set * static_cast<std::size_t>(std::max(rounds, 1));
  const double seconds = run_threads(n, workers);
  std::cout << nlohmann::json{{"throughput", {{"threads", threads}, {"queries", n}, {"seconds", seconds},
                                              {"qps", n / std::max(seconds, 1e-9)}}}}.dump()
            << "\n";
}

}  // namespace bench
