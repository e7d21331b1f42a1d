// The page cache: whole answers to anonymous GETs, serialized once with
// identity, gzip and brotli variants, served without copying.
//
// Handlers opt in by naming what a page shows (http::Response::cache_tags:
// "article:42", "list"...); whatever changes one of those invalidates it
// (Invalidate). A stale page is rendered again by the first request that
// asks for it, while concurrent requests get the previous bytes (single
// flight). Memory is bounded by a least-recently-used limit.
#pragma once

#include <condition_variable>
#include <deque>
#include <thread>

#include <array>
#include <chrono>
#include <atomic>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace gazette::cache {

enum class Encoding { kIdentity = 0, kGzip = 1, kBrotli = 2 };

// The encoding to send, from an Accept-Encoding header: brotli, else gzip,
// else identity, honouring q=0.
// `without_brotli`: as if the client had not named brotli (it is not made yet).
Encoding Negotiate(std::string_view accept_encoding, bool without_brotli = false);

struct CacheOptions {
  std::size_t max_bytes = 256 * 1024 * 1024;  // all variants of all pages
  int gzip_level = 6;
  int brotli_quality = 5;
  // Brotli, slower than gzip, is made on a thread of the cache's own after
  // the page is stored (gzip serves brotli clients meanwhile), so a miss
  // costs the render and gzip only. False: made at fill time.
  bool brotli_in_background = true;
  std::size_t min_compress_bytes = 256;
  // What clients and proxies in front are told: revalidate (cheap: 304 by
  // ETag), and a CDN may serve a page a few seconds old while it does.
  std::string cache_control = "public, max-age=0, s-maxage=5, stale-while-revalidate=30";
  // Query parameters that select a different page; a request with any
  // other parameter is answered but not stored.
  std::vector<std::string> query_params = {"page", "sort"};
  // Headers every answer carries (as http::ServerOptions::common_headers).
  http::HeaderList common_headers;
};

struct CacheStats {
  std::uint64_t hits = 0;        // fresh pages served from the cache (304s included)
  std::uint64_t stale_hits = 0;  // previous bytes served while another request rendered
  std::uint64_t misses = 0;      // rendered: not stored yet, stale, or not cacheable
  std::uint64_t fills = 0;       // pages stored
  std::uint64_t invalidations = 0;  // pages marked stale
  std::uint64_t evictions = 0;   // pages dropped for room
  std::size_t entries = 0;
  std::size_t bytes = 0;
};

// Thread-safe.
class PageCache {
 public:
  using Render = std::function<http::Response(const http::Request&)>;

  // `now` tells when pages expire (Response::cache_until); the system
  // clock when not given.
  explicit PageCache(CacheOptions options, std::function<std::chrono::system_clock::time_point()> now = {});

  // The answer to `request`: from the cache, or from `render` (then stored
  // when it carries cache tags, is a 200, 301 or 404, and sets no cookie).
  http::Response Serve(const http::Request& request, const Render& render);
  // Renders and stores the page `request` asks for when it is stale or
  // missing, ahead of the readers. Unlike a reader's render it does not
  // hold the page's single flight: a reader who comes meanwhile renders the
  // page too rather than take the previous bytes.
  void Prerender(const http::Request& request, const Render& render);

  // Marks every page showing `tag` stale; the next request renders it.
  void Invalidate(std::string_view tag);
  // The same, and also every page of the lists those pages belong to (their
  // tags for which `is_list` holds): when an article leaves a list, the
  // list's later pages move up too.
  void InvalidateWithLists(std::string_view tag, const std::function<bool(std::string_view)>& is_list);
  void InvalidateAll();

  CacheStats Stats() const;

  // Returns once the brotli variants queued so far are made (for tests).
  void WaitForCompression();
  ~PageCache();

 private:
  struct Entry {
    std::vector<std::string> tags;
    std::array<std::shared_ptr<const http::Prepared>, 3> full;          // by Encoding; gzip, br may be empty
    std::array<std::shared_ptr<const http::Prepared>, 3> not_modified;  // the 304s
    std::string etag;           // of the identity body, without quotes
    std::string last_modified;  // an HTTP date
    std::int64_t modified = 0;  // the same, in Unix seconds
    bool stale = false;
    bool rendering = false;
    bool compressible = false;  // gzip and brotli variants are (or will be) there
    std::chrono::system_clock::time_point until = std::chrono::system_clock::time_point::max();
    std::size_t bytes = 0;
    std::list<std::string>::iterator lru;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries;
    std::unordered_map<std::string, std::unordered_set<std::string>> by_tag;
    std::list<std::string> lru;  // most recently used first
    std::size_t bytes = 0;
  };
  static constexpr std::size_t kShards = 16;

  Shard& ShardOf(std::string_view key) { return shards_[Hash{}(key) % kShards]; }
  bool Cacheable(const http::Request& request) const;
  // The stored answer for `request` from `entry` (a 304 when the client
  // has this version).
  http::Response Answer(const Entry& entry, const http::Request& request) const;
  // Builds an entry from a rendered response (brotli too unless it is made later).
  Entry Build(const http::Response& response) const;
  // The stored response and its 304 for one encoding.
  void AddVariant(Entry& entry, const http::Response& response, std::size_t encoding, const std::string& body) const;
  // A page stored without brotli: made on the compression thread.
  struct BrotliJob {
    std::string key;
    std::shared_ptr<const http::Response> response;
    std::shared_ptr<const http::Prepared> identity;  // which version of the page it is for
    std::string etag;                                // that version's, as Entry has them
    std::string last_modified;
  };
  void CompressLoop();
  void Store(std::string_view key, Entry entry, std::uint64_t epoch_at_start);
  static bool Storable(const http::Response& response);
  // Stores a storable response and queues its brotli variant; the answer
  // to `request` when one is given (a pre-render has no one to answer).
  std::optional<http::Response> Keep(std::string_view key, http::Response response, std::uint64_t epoch_at_start,
                                     const http::Request* request);
  // Calls `f(entry)` for each page tagged `tag`, under its shard's lock.
  template <class F>
  void ForEachTagged(std::string_view tag, F f);
  void Drop(Shard& shard, std::unordered_map<std::string, Entry, Hash, std::equal_to<>>::iterator it);
  void Count(std::atomic<std::uint64_t>& counter) { counter.fetch_add(1, std::memory_order_relaxed); }

  CacheOptions options_;
  std::function<std::chrono::system_clock::time_point()> now_;
  std::array<Shard, kShards> shards_;
  std::atomic<std::uint64_t> epoch_{0};  // bumped by every invalidation
  std::atomic<std::uint64_t> hits_{0}, stale_hits_{0}, misses_{0}, fills_{0}, invalidations_{0}, evictions_{0};
  std::mutex jobs_mutex_;  // guards what follows
  std::condition_variable jobs_wake_, jobs_done_;
  std::deque<BrotliJob> jobs_;
  bool compressing_ = false;
  bool stopping_ = false;
  std::thread compressor_;  // last: started once the rest is ready
};

}  // namespace gazette::cache
