#include "live/hub.h"

#include <algorithm>
#include <unordered_map>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "base/hand_offs.h"
#include "base/log.h"
#include "http/status.h"
#include "web/pages.h"
#include "web/urls.h"

namespace gazette::live {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxLastEventId = 64;
// Events waiting for the thread at most; more are dropped with a warning.
constexpr std::size_t kMaxPending = 4096;

bool Subscribed(const std::vector<std::string>& channels, const std::string& channel) {
  return std::find(channels.begin(), channels.end(), channel) != channels.end();
}

json::value ArticleData(const core::Article& a, std::string_view type) {
  json::object data;
  data["id"] = a.id;
  data["type"] = type;
  data["url"] = web::ArticlePath(a.id, a.slug);
  data["headline"] = a.headline;
  data["breaking"] = a.breaking;
  data["published_at"] = base::FormatIso8601(a.published_at.value_or(a.created_at), base::TimeZone::Utc());
  if (a.section) {
    data["section"] = json::object{{"slug", a.section->slug}, {"name", a.section->name}};
  } else {
    data["section"] = nullptr;
  }
  return data;
}

http::Response Refusal(int status, std::string message) {
  http::Response response = http::Response::Text(status, std::move(message));
  response.Set("Cache-Control", "no-store");
  if (status == 503) response.Set("Retry-After", "5");
  return response;
}

}  // namespace

std::string CommentsChannel(core::Id article_id) { return "comments/" + std::to_string(article_id); }

Hub::Hub(core::ReadingService& reading, comments::CommentReader& comments, HubOptions options, std::int64_t epoch)
    : reading_(reading),
      comments_(comments),
      options_(std::move(options)),
      epoch_(std::to_string(epoch)),
      thread_("live updates", 1, 4096) {}

Hub::~Hub() = default;

void Hub::Listen(base::EventBus& bus) {
  bus.Subscribe([this](const base::Event& event) {
    // Only what a stream carries: votes and the like are frequent and not for live pages.
    static constexpr std::string_view kCarried[] = {"article.published", "article.updated", "article.unpublished",
                                                    "comment.created", "comment.approved"};
    if (std::find(std::begin(kCarried), std::end(kCarried), event.type) == std::end(kCarried)) return;
    {
      std::lock_guard lock(pending_mutex_);
      if (pending_.size() >= kMaxPending) {
        base::LogWarning("live updates: the queue is full; dropped " + event.type + " " + std::to_string(event.id));
        return;
      }
      pending_.push_back(event);
      if (drain_queued_) return;
      drain_queued_ = true;
    }
    // Events published together (a batch of commits) are drained together.
    base::HandOffs::HandOff(
        this,
        [this](std::function<void()> drain) {
          if (thread_.TrySubmit(std::move(drain))) return;
          std::lock_guard lock(pending_mutex_);
          drain_queued_ = false;
        },
        [this] { Drain(); });
  });
}

void Hub::Drain() {
  std::vector<base::Event> events;
  {
    std::lock_guard lock(pending_mutex_);
    events.swap(pending_);
    drain_queued_ = false;
  }
  // Comments posted together are committed together: their article is read once.
  ArticlesRead articles;
  for (const base::Event& event : events) Handle(event, articles);
}

void Hub::Handle(const base::Event& event) {
  ArticlesRead articles;
  Handle(event, articles);
}

void Hub::Handle(const base::Event& event, ArticlesRead& articles) {
  if (event.type == "article.published" || event.type == "article.updated") {
    base::Result<core::Article> article = reading_.PublishedArticle(event.id);
    if (!article.ok()) return;  // not (or no longer) for readers
    std::string_view type = event.type == "article.published" ? "published" : "updated";
    Send(std::string(kNewsChannel), "article", json::serialize(ArticleData(*article, type)));
  } else if (event.type == "article.unpublished") {
    Send(std::string(kNewsChannel), "article", json::serialize(json::object{{"id", event.id}, {"type", "unpublished"}}));
  } else if (event.type == "comment.created" || event.type == "comment.approved") {
    comments::Id article_id = event.article;
    if (article_id == 0 || !event.shown) {
      base::Result<comments::Comment> comment = comments_.FindComment(event.id);
      if (!comment.ok() || !comment->Counted()) return;  // held for a moderator, or gone
      article_id = comment->article_id;
    }
    auto read = articles.find(article_id);
    if (read == articles.end()) read = articles.emplace(article_id, comments_.Article(article_id)).first;
    const base::Result<comments::ArticleInfo>& article = read->second;
    if (!article.ok() || !article->published) return;
    json::object data{{"id", event.id}, {"article_id", article->id}, {"comment_count", article->comment_count}};
    Send(CommentsChannel(article->id), "comment", json::serialize(data));
  }
}

void Hub::Send(const std::string& channel, std::string_view name, const std::string& data) {
  std::lock_guard lock(mutex_);
  std::uint64_t seq = ++last_seq_;
  std::string text;
  text.append("event: ").append(name).append("\nid: ").append(IdOf(seq)).append("\ndata: ").append(data).append("\n\n");
  for (Subscriber& s : subscribers_) {
    if (Subscribed(s.channels, channel)) s.stream->Push(text);
  }
  recent_.push_back({seq, channel, std::move(text)});
  while (recent_.size() > options_.recent) recent_.pop_front();
  PruneLocked();
}

std::shared_ptr<http::Stream> Hub::Open(const std::vector<std::string>& channels, std::string_view last_event_id) {
  http::StreamOptions stream_options;
  stream_options.heartbeat = ": ping\n\n";
  stream_options.heartbeat_interval = options_.heartbeat;
  stream_options.max_queued_bytes = options_.max_queued_bytes;
  auto stream = std::make_shared<http::Stream>(stream_options);

  std::lock_guard lock(mutex_);
  PruneLocked();
  std::string start = "retry: " + std::to_string(options_.retry.count()) + "\n\n";
  bool reset = false;
  if (!last_event_id.empty()) {
    std::optional<std::uint64_t> after = ParseId(last_event_id);
    std::uint64_t oldest = recent_.empty() ? last_seq_ + 1 : recent_.front().seq;
    if (after && *after <= last_seq_ && *after + 1 >= oldest) {
      for (const Recent& r : recent_) {
        if (r.seq > *after && Subscribed(channels, r.channel)) start += r.text;
      }
    } else {
      // Events were missed that the hub no longer has: the page reloads what it shows.
      reset = true;
      start += "event: reset\nid: " + IdOf(last_seq_) + "\ndata: {}\n\n";
    }
  }
  // Without data this dispatches nothing, but sets the id a reconnecting
  // browser sends back, so that it misses nothing even on a quiet stream.
  if (!reset) start += "id: " + IdOf(last_seq_) + "\n\n";
  stream->Push(start);
  subscribers_.push_back({stream, channels});
  return stream;
}

void Hub::PruneLocked() {
  std::erase_if(subscribers_, [](const Subscriber& s) { return s.stream->closed(); });
}

std::size_t Hub::streams() {
  std::lock_guard lock(mutex_);
  PruneLocked();
  return subscribers_.size();
}

std::string Hub::LastId() {
  std::lock_guard lock(mutex_);
  return IdOf(last_seq_);
}

std::string Hub::IdOf(std::uint64_t seq) const { return epoch_ + "-" + std::to_string(seq); }

std::optional<std::uint64_t> Hub::ParseId(std::string_view id) const {
  if (id.size() > kMaxLastEventId || !id.starts_with(epoch_) || id.size() < epoch_.size() + 2 ||
      id[epoch_.size()] != '-') {
    return std::nullopt;
  }
  std::string_view digits = id.substr(epoch_.size() + 1);
  if (digits.size() > 18) return std::nullopt;
  std::uint64_t seq = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    seq = seq * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return seq;
}

void Hub::AddRoutes(http::Router& router) {
  router.Get("/live/news", [this](const http::Request& r, const http::PathParams&) {
    return http::Response::Streaming(Open({std::string(kNewsChannel)}, r.Header("Last-Event-ID")),
                                     "text/event-stream; charset=utf-8");
  });
  router.Get("/live/comments/{id}", [this](const http::Request& r, const http::PathParams& p) {
    std::optional<std::int64_t> id = web::ParseId(p.Get("id"));
    if (!id) return Refusal(404, "There is no such article: the address ends with an article's number.\n");
    base::Result<core::Article> article = reading_.PublishedArticle(*id);
    if (!article.ok()) {
      int status = http::StatusFor(article.error().code);
      if (status == 404) return Refusal(404, "There is no published article " + std::to_string(*id) + ".\n");
      base::LogError("live comments: " + article.error().message);
      return Refusal(503, "The site cannot look the article up right now; try again shortly.\n");
    }
    std::vector<std::string> channels{CommentsChannel(*id)};
    if (std::optional<std::string> news = r.QueryParam("news"); news && *news == "1") {
      channels.emplace_back(kNewsChannel);
    }
    return http::Response::Streaming(Open(channels, r.Header("Last-Event-ID")), "text/event-stream; charset=utf-8");
  });
}

}  // namespace gazette::live
