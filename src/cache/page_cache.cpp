#include "cache/page_cache.h"

#include <pthread.h>

#include <strings.h>

#include <chrono>
#include <ctime>
#include <optional>

#include "base/hash.h"
#include "cache/compress.h"

namespace gazette::cache {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// Calls `f(item)` for each comma-separated item of a header value.
template <class F>
void ForEachItem(std::string_view value, F f) {
  while (!value.empty()) {
    std::size_t comma = value.find(',');
    f(Trim(value.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
}

// The q value of an Accept-Encoding item's parameters (";q=0.5"); 1 without one.
double Quality(std::string_view params) {
  std::size_t q = params.find("q=");
  if (q == std::string_view::npos) return 1.0;
  std::string number(Trim(params.substr(q + 2)));
  char* end = nullptr;
  double value = std::strtod(number.c_str(), &end);
  return end == number.c_str() ? 1.0 : value;
}

std::string HttpDate(std::int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[40];
  std::size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return std::string(buf, n);
}

// An HTTP date (IMF-fixdate) in Unix seconds; -1 when it is not one.
std::int64_t ParseHttpDate(std::string_view text) {
  std::string s(text);
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return -1;
  return static_cast<std::int64_t>(timegm(&tm));
}

constexpr std::array<const char*, 3> kEtagSuffix = {"", "-gzip", "-br"};
constexpr std::array<const char*, 3> kContentEncoding = {"", "gzip", "br"};
// Bodies at least this large are sent from a file in memory (see http::BodyFile):
// below it, copying the bytes costs less than the second system call.
constexpr std::size_t kBodyFileMin = 8 * 1024;
// Pages waiting for their brotli variant at most (more are served gzip only).
constexpr std::size_t kMaxBrotliJobs = 1024;

// Headers the cache sets itself, dropped from the handler's response.
bool OwnHeader(std::string_view name) {
  for (std::string_view own : {"Cache-Control", "ETag", "Last-Modified", "Vary", "Content-Encoding", "Content-Length"}) {
    if (IEquals(name, own)) return true;
  }
  return false;
}

// Cache-Control: no-cache (or Pragma: no-cache, from HTTP/1.0 clients).
bool WantsFresh(const http::Request& request) {
  bool fresh = false;
  ForEachItem(request.Header("Cache-Control"), [&](std::string_view d) { fresh = fresh || IEquals(d, "no-cache"); });
  return fresh || IEquals(Trim(request.Header("Pragma")), "no-cache");
}

}  // namespace

Encoding Negotiate(std::string_view accept_encoding, bool without_brotli) {
  // -1: not named, so "*" decides.
  double br = -1, gzip = -1, any = 0;
  ForEachItem(accept_encoding, [&](std::string_view item) {
    std::size_t semi = item.find(';');
    std::string_view coding = Trim(item.substr(0, semi));
    double q = semi == std::string_view::npos ? 1.0 : Quality(item.substr(semi + 1));
    if (IEquals(coding, "br")) {
      br = q;
    } else if (IEquals(coding, "gzip") || IEquals(coding, "x-gzip")) {
      gzip = q;
    } else if (coding == "*") {
      any = q;
    }
  });
  if (br < 0) br = any;
  if (gzip < 0) gzip = any;
  if (without_brotli) br = 0;
  if (br > 0 && br >= gzip) return Encoding::kBrotli;
  if (gzip > 0) return Encoding::kGzip;
  return Encoding::kIdentity;
}

PageCache::PageCache(CacheOptions options, std::function<std::chrono::system_clock::time_point()> now)
    : options_(std::move(options)), now_(std::move(now)) {
  if (!now_) now_ = [] { return std::chrono::system_clock::now(); };
  if (options_.brotli_in_background) compressor_ = std::thread([this] { CompressLoop(); });
}

bool PageCache::Cacheable(const http::Request& request) const {
  if (request.method != http::Method::kGet && request.method != http::Method::kHead) return false;
  if (!request.Header("Authorization").empty()) return false;
  // Only parameters that select a page: others would fill the cache with
  // copies of the same page.
  bool known = true;
  std::string_view query = request.query;
  while (known && !query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    std::string_view name = pair.substr(0, pair.find('='));
    known = false;
    for (const std::string& allowed : options_.query_params) known = known || name == allowed;
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return known;
}

http::Response PageCache::Answer(const Entry& entry, const http::Request& request) const {
  auto encoding = static_cast<std::size_t>(Negotiate(request.Header("Accept-Encoding")));
  // Brotli not made yet: gzip, which every client that takes brotli takes too.
  if (encoding == 2 && !entry.full[2] && entry.full[1] &&
      Negotiate(request.Header("Accept-Encoding"), true) == Encoding::kGzip) {
    encoding = 1;
  }
  if (!entry.full[encoding]) encoding = 0;
  http::Response answer;
  bool fresh = false;
  if (entry.full[0]->status == 200) {
    if (std::string_view inm = request.Header("If-None-Match"); !inm.empty()) {
      ForEachItem(inm, [&](std::string_view tag) {
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
        for (std::string_view suffix : {"-gzip", "-br"}) {
          if (tag.ends_with(suffix)) tag.remove_suffix(suffix.size());
        }
        fresh = fresh || tag == "*" || tag == entry.etag;
      });
    } else if (std::string_view ims = request.Header("If-Modified-Since"); !ims.empty()) {
      std::int64_t since = ims == entry.last_modified ? entry.modified : ParseHttpDate(ims);
      fresh = since >= entry.modified;
    }
  }
  answer.prepared = fresh ? entry.not_modified[encoding] : entry.full[encoding];
  answer.status = answer.prepared->status;
  return answer;
}

PageCache::Entry PageCache::Build(const http::Response& response) const {
  Entry entry;
  entry.tags = response.cache_tags;
  if (response.cache_until) entry.until = *response.cache_until;
  entry.etag = base::HexDigest(response.body, 32);
  entry.modified = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  entry.last_modified = HttpDate(entry.modified);
  AddVariant(entry, response, 0, response.body);
  entry.compressible = response.body.size() >= options_.min_compress_bytes && Compressible(response.Get("Content-Type"));
  if (entry.compressible) {
    AddVariant(entry, response, 1, Gzip(response.body, options_.gzip_level));
    if (!options_.brotli_in_background) AddVariant(entry, response, 2, Brotli(response.body, options_.brotli_quality));
  }
  return entry;
}

void PageCache::AddVariant(Entry& entry, const http::Response& response, std::size_t e, const std::string& body) const {
  http::Response variant;
  variant.status = response.status;
  for (const auto& [name, value] : response.headers) {
    if (!OwnHeader(name)) variant.headers.emplace_back(name, value);
  }
  variant.Set("Cache-Control", options_.cache_control);
  variant.Set("Vary", "Accept-Encoding");
  variant.Set("ETag", "\"" + entry.etag + kEtagSuffix[e] + "\"");
  variant.Set("Last-Modified", entry.last_modified);
  if (e > 0) variant.Set("Content-Encoding", kContentEncoding[e]);
  http::Response not_modified;
  not_modified.status = 304;
  for (std::string_view name : {"Cache-Control", "Vary", "ETag", "Last-Modified"}) {
    not_modified.headers.emplace_back(std::string(name), std::string(variant.Get(name)));
  }
  variant.body = body;
  http::Prepared full = http::Prepare(variant, options_.common_headers);
  // Large bodies are also kept as a file in memory, sent without copying (sendfile).
  if (full.body.size() >= kBodyFileMin) full.body_file = http::BodyFile::Make(full.body);
  entry.full[e] = std::make_shared<const http::Prepared>(std::move(full));
  entry.not_modified[e] = std::make_shared<const http::Prepared>(http::Prepare(not_modified, options_.common_headers));
  entry.bytes += entry.full[e]->head.size() + entry.full[e]->body.size() * (entry.full[e]->body_file ? 2 : 1) +
                 entry.not_modified[e]->head.size();
}

void PageCache::CompressLoop() {
  pthread_setname_np(pthread_self(), "compression");
  std::unique_lock lock(jobs_mutex_);
  for (;;) {
    jobs_wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    if (stopping_) return;
    BrotliJob job = std::move(jobs_.front());
    jobs_.pop_front();
    compressing_ = true;
    lock.unlock();
    // Built aside, then added to the page if it is still the version it was made from.
    Entry made;
    made.etag = job.etag;
    made.last_modified = job.last_modified;
    AddVariant(made, *job.response, 2, Brotli(job.response->body, options_.brotli_quality));
    {
      Shard& shard = ShardOf(job.key);
      std::lock_guard shard_lock(shard.mutex);
      auto it = shard.entries.find(job.key);
      if (it != shard.entries.end() && it->second.full[0] == job.identity && !it->second.full[2]) {
        it->second.full[2] = made.full[2];
        it->second.not_modified[2] = made.not_modified[2];
        it->second.bytes += made.bytes;
        shard.bytes += made.bytes;
      }
    }
    lock.lock();
    compressing_ = false;
    jobs_done_.notify_all();
  }
}

void PageCache::WaitForCompression() {
  std::unique_lock lock(jobs_mutex_);
  jobs_done_.wait(lock, [this] { return stopping_ || (jobs_.empty() && !compressing_); });
}

PageCache::~PageCache() {
  {
    std::lock_guard lock(jobs_mutex_);
    stopping_ = true;
  }
  jobs_wake_.notify_all();
  jobs_done_.notify_all();
  if (compressor_.joinable()) compressor_.join();
}

void PageCache::Drop(Shard& shard, std::unordered_map<std::string, Entry, Hash, std::equal_to<>>::iterator it) {
  for (const std::string& tag : it->second.tags) {
    auto keys = shard.by_tag.find(tag);
    if (keys == shard.by_tag.end()) continue;
    keys->second.erase(it->first);
    if (keys->second.empty()) shard.by_tag.erase(keys);
  }
  shard.lru.erase(it->second.lru);
  shard.bytes -= it->second.bytes;
  shard.entries.erase(it);
}

void PageCache::Store(std::string_view key, Entry entry, std::uint64_t epoch_at_start) {
  Shard& shard = ShardOf(key);
  std::lock_guard lock(shard.mutex);
  if (auto it = shard.entries.find(key); it != shard.entries.end()) Drop(shard, it);
  // Something changed while this was rendering: keep the bytes for
  // concurrent readers, but render again on the next request.
  entry.stale = epoch_.load() != epoch_at_start;
  shard.lru.emplace_front(key);
  entry.lru = shard.lru.begin();
  shard.bytes += entry.bytes;
  auto [it, inserted] = shard.entries.emplace(std::string(key), std::move(entry));
  for (const std::string& tag : it->second.tags) shard.by_tag[tag].insert(it->first);
  Count(fills_);
  std::size_t limit = options_.max_bytes / kShards;
  while (shard.bytes > limit && shard.lru.size() > 1) {
    Drop(shard, shard.entries.find(shard.lru.back()));
    Count(evictions_);
  }
}

http::Response PageCache::Serve(const http::Request& request, const Render& render) {
  if (!Cacheable(request)) {
    Count(misses_);
    return render(request);
  }
  std::string_view key = request.target;
  Shard& shard = ShardOf(key);
  std::uint64_t epoch = 0;
  {
    std::lock_guard lock(shard.mutex);
    if (auto it = shard.entries.find(key); it != shard.entries.end()) {
      Entry& entry = it->second;
      // Past the moment its content changes with the clock: stale.
      if (!entry.stale && entry.until != std::chrono::system_clock::time_point::max() && now_() >= entry.until) {
        entry.stale = true;
        Count(invalidations_);
      }
      // A client that asks for a fresh copy (a live page refreshing itself
      // after an event: fetch's no-store sends Cache-Control: no-cache)
      // renders it rather than take the previous bytes.
      bool wants_fresh = entry.stale && entry.rendering && WantsFresh(request);
      if (!entry.stale || (entry.rendering && !wants_fresh)) {
        Count(entry.stale ? stale_hits_ : hits_);
        shard.lru.splice(shard.lru.begin(), shard.lru, entry.lru);
        return Answer(entry, request);
      }
      entry.rendering = true;  // this request renders it; others get these bytes meanwhile
    }
    epoch = epoch_.load();
  }
  Count(misses_);
  auto not_rendering = [&] {
    std::lock_guard lock(shard.mutex);
    if (auto it = shard.entries.find(key); it != shard.entries.end()) it->second.rendering = false;
  };
  http::Response response;
  try {
    response = render(request);
  } catch (...) {
    not_rendering();
    throw;
  }
  if (!Storable(response)) {
    not_rendering();
    return response;
  }
  return *Keep(key, std::move(response), epoch, &request);
}

void PageCache::Prerender(const http::Request& request, const Render& render) {
  if (!Cacheable(request)) return;
  std::string_view key = request.target;
  Shard& shard = ShardOf(key);
  std::uint64_t epoch = 0;
  {
    std::lock_guard lock(shard.mutex);
    if (auto it = shard.entries.find(key); it != shard.entries.end() && !it->second.stale) return;
    epoch = epoch_.load();
  }
  Count(misses_);  // a render, like a reader's
  http::Response response = render(request);
  if (Storable(response)) Keep(key, std::move(response), epoch, nullptr);
}

bool PageCache::Storable(const http::Response& response) {
  return !response.cache_tags.empty() && !response.deferred && !response.prepared &&
         (response.status == 200 || response.status == 301 || response.status == 404) &&
         response.Get("Set-Cookie").empty();
}

std::optional<http::Response> PageCache::Keep(std::string_view key, http::Response response, std::uint64_t epoch,
                                              const http::Request* request) {
  Entry entry = Build(response);
  std::optional<http::Response> answer;
  if (request) answer = Answer(entry, *request);
  std::optional<BrotliJob> later;
  if (entry.compressible && !entry.full[2]) later = BrotliJob{std::string(key), nullptr, entry.full[0], entry.etag, entry.last_modified};
  Store(key, std::move(entry), epoch);
  if (later) {
    later->response = std::make_shared<const http::Response>(std::move(response));
    std::lock_guard lock(jobs_mutex_);
    if (jobs_.size() < kMaxBrotliJobs) {
      jobs_.push_back(std::move(*later));
      jobs_wake_.notify_one();
    }
  }
  return answer;
}

template <class F>
void PageCache::ForEachTagged(std::string_view tag, F f) {
  std::string key(tag);
  for (Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    auto keys = shard.by_tag.find(key);
    if (keys == shard.by_tag.end()) continue;
    for (const std::string& page : keys->second) f(shard.entries.find(page)->second);
  }
}

void PageCache::Invalidate(std::string_view tag) {
  epoch_.fetch_add(1);
  ForEachTagged(tag, [this](Entry& entry) {
    if (!entry.stale) Count(invalidations_);
    entry.stale = true;
  });
}

void PageCache::InvalidateWithLists(std::string_view tag, const std::function<bool(std::string_view)>& is_list) {
  std::unordered_set<std::string> lists;
  ForEachTagged(tag, [&](const Entry& entry) {
    for (const std::string& t : entry.tags) {
      if (is_list(t)) lists.insert(t);
    }
  });
  Invalidate(tag);
  for (const std::string& list : lists) Invalidate(list);
}

void PageCache::InvalidateAll() {
  epoch_.fetch_add(1);
  for (Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (auto& [key, entry] : shard.entries) {
      if (!entry.stale) Count(invalidations_);
      entry.stale = true;
    }
  }
}

CacheStats PageCache::Stats() const {
  CacheStats s;
  s.hits = hits_.load();
  s.stale_hits = stale_hits_.load();
  s.misses = misses_.load();
  s.fills = fills_.load();
  s.invalidations = invalidations_.load();
  s.evictions = evictions_.load();
  for (const Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    s.entries += shard.entries.size();
    s.bytes += shard.bytes;
  }
  return s;
}

}  // namespace gazette::cache
