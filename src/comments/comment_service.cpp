#include "comments/comment_service.h"

#include <algorithm>
#include <future>
#include <map>

#include "base/text.h"

namespace gazette::comments {

using base::Error;

namespace {

Error NoSuchComment() { return Error::NotFound("There is no such comment.").Keyed("comment_missing"); }

bool Renderable(std::string_view text, const CommentSettings& s) {
  return base::IsValidUtf8(text) && base::CountCodePoints(text) <= s.max_chars;
}

}  // namespace

CommentService::CommentService(CommentStore& store, const CommentRenderer& renderer, const base::Clock& clock,
                               CommentSettings settings, Pipeline pipeline, base::EventBus* events)
    : store_(store),
      renderer_(renderer),
      clock_(clock),
      settings_(std::move(settings)),
      pipeline_(std::move(pipeline)),
      events_(events) {}

// What a post needs until its transaction is done, which may be after Post
// returned. The submission's text, HTML and time point into `comment`.
struct CommentService::Posting {
  accounts::Account author;
  ArticleInfo article;
  Comment comment;
  Submission submission;
  std::string repeat_key;
  std::string reader_allowance;
  std::string address_allowance;
  std::optional<Comment> earlier;  // the same submission, stored by a request that ran meanwhile
  PostDone done;
};

Result<PostResult> CommentService::Post(const accounts::Account& author, Id article_id, std::optional<Id> parent_id,
                                        std::string_view text, std::string_view nonce, std::string_view ip) {
  std::promise<Result<PostResult>> posted;
  std::future<Result<PostResult>> answer = posted.get_future();
  PostLater(author, article_id, parent_id, text, nonce, ip, [&posted](Result<PostResult> r) { posted.set_value(std::move(r)); });
  return answer.get();
}

void CommentService::PostLater(const accounts::Account& author, Id article_id, std::optional<Id> parent_id,
                               std::string_view text, std::string_view nonce, std::string_view ip, PostDone done) {
  if (nonce.size() > kMaxNonce) return done(Error::Invalid("The form's key is too long.", "nonce"));
  // A form sent twice (same nonce) is answered with the first comment by
  // Store, inside the transaction: looking here as well cost a read per post.
  Result<ArticleInfo> article = store_.Article(article_id);
  if (!article.ok() || !article->published) {
    return done(Error::NotFound("There is no such article.").Keyed("article_missing"));
  }
  Id root_id = 0;
  if (parent_id) {
    Result<Comment> parent = store_.FindComment(*parent_id);
    if (!parent.ok() || parent->article_id != article_id || !parent->Counted()) {
      return done(Error::NotFound("The comment you reply to is not there any more.").Keyed("parent_missing"));
    }
    root_id = parent->root_id;
  }
  auto p = std::make_shared<Posting>();
  p->author = author;
  p->article = std::move(*article);
  Comment& comment = p->comment;
  comment.article_id = article_id;
  comment.parent_id = parent_id;
  comment.root_id = root_id;
  comment.account_id = author.id;
  comment.author_name = author.display_name;
  comment.body = std::string(text);
  // Only text the length check will accept is rendered: Markdown parsers have slow corners.
  if (Renderable(text, settings_)) comment.body_html = renderer_.ToHtml(text);
  comment.created_at = clock_.Now();
  comment.ip = std::string(ip);
  comment.nonce = std::string(nonce);
  p->repeat_key = RepeatKey(text);
  p->reader_allowance = ReaderAllowance(author.id);
  p->address_allowance = AddressAllowance(ip);
  p->done = std::move(done);

  Submission& s = p->submission;
  s.author = &p->author;
  s.article = &p->article;
  s.policy = EffectivePolicy(p->article, settings_, comment.created_at);
  s.text = comment.body;
  s.html = comment.body_html;
  s.now = comment.created_at;
  // The checks read the author's and the address's allowances inside the
  // transaction: concurrent posts, which the store commits together, then
  // count against each other's limits.
  bool queued = store_.WriteCommentsLater([this, p](CommentWriter& w) { return Store(*p, w); },
                                          [this, p](Status written) { Finish(*p, std::move(written)); });
  if (!queued) {
    p->done(Error::Unavailable("Too many comments are being sent right now. Send yours again in a moment.", 2)
                .Keyed("comment_busy"));
  }
}

Status CommentService::Store(Posting& p, CommentWriter& w) {
  Submission& s = p.submission;
  Comment& comment = p.comment;
  // A run whose batch failed elsewhere is rolled back and run again
  // (GroupCommit::Submit): nothing it found or numbered is kept.
  p.earlier.reset();
  comment.id = 0;
  if (!comment.parent_id) comment.root_id = 0;
  if (!comment.nonce.empty()) {
    Result<std::optional<Comment>> found = w.FindByNonce(p.author.id, comment.nonce);
    if (!found.ok()) return std::move(found).error();
    if (*found) {
      p.earlier = std::move(**found);
      return {};
    }
  }
  if (settings_.repeat_window.count() > 0) {
    Result<bool> repeated = w.PostedSince(p.author.id, p.repeat_key, s.now - settings_.repeat_window);
    if (!repeated.ok()) return std::move(repeated).error();
    s.repeated = *repeated;
  }
  Result<AllowanceTime> reader_full_at = w.AllowanceFullAt(p.reader_allowance);
  if (!reader_full_at.ok()) return std::move(reader_full_at).error();
  s.reader_full_at = *reader_full_at;
  Result<AllowanceTime> address_full_at = w.AllowanceFullAt(p.address_allowance);
  if (!address_full_at.ok()) return std::move(address_full_at).error();
  s.address_full_at = *address_full_at;
  PipelineResult verdict = pipeline_.Run(s, settings_);
  if (verdict.refused) return std::move(verdict.error);
  comment.status = verdict.hold_reasons.empty() ? CommentStatus::kVisible : CommentStatus::kPending;
  comment.moderation_note.clear();
  for (const std::string& reason : verdict.hold_reasons) {
    comment.moderation_note += (comment.moderation_note.empty() ? "" : "; ") + reason;
  }
  GZ_TRY(w.SetAllowanceFullAt(
      p.reader_allowance, SpendAllowance(s.reader_full_at, s.now, settings_.reader_burst, settings_.reader_window).full_at));
  GZ_TRY(w.SetAllowanceFullAt(
      p.address_allowance, SpendAllowance(s.address_full_at, s.now, settings_.ip_burst, settings_.ip_window).full_at));
  if (++posts_since_sweep_ % kSweepEvery == 0) GZ_TRY(w.ForgetFullAllowances(s.now));
  Result<Id> id = w.InsertComment(comment);
  if (!id.ok()) return std::move(id).error();
  comment.id = *id;
  if (comment.root_id == 0) comment.root_id = *id;
  if (comment.Counted()) {
    GZ_TRY(w.AdjustCommentCount(comment.article_id, +1));
    GZ_TRY(w.AddApproved(p.author.id, +1));
  }
  return {};
}

void CommentService::Finish(Posting& p, Status written) {
  const Comment& comment = p.comment;
  if (written.ok() && p.earlier) return p.done(PostResult{*p.earlier, p.earlier->status == CommentStatus::kPending, true});
  if (!written.ok()) {
    // Two copies of one submission raced: the other one won; answer with it.
    if (written.error().code == base::ErrorCode::kConflict && !comment.nonce.empty()) {
      Result<std::optional<Comment>> earlier = store_.FindByNonce(p.author.id, comment.nonce);
      if (earlier.ok() && *earlier) return p.done(PostResult{**earlier, (*earlier)->status == CommentStatus::kPending, true});
    }
    return p.done(std::move(written).error());
  }
  if (events_) events_->Publish({"comment.created", comment.id, comment.article_id, comment.Counted()});
  p.done(PostResult{comment, comment.status == CommentStatus::kPending, false});
}

Result<Comment> CommentService::Own(const accounts::Account& author, Id comment_id) {
  Result<Comment> comment = store_.FindComment(comment_id);
  if (!comment.ok()) return NoSuchComment();
  if (comment->account_id != author.id) {
    return Error::Forbidden("Only its author may change a comment.").Keyed("comment_not_yours");
  }
  if (comment->status == CommentStatus::kDeleted || comment->status == CommentStatus::kRejected) {
    return NoSuchComment();
  }
  return comment;
}

std::optional<Timestamp> CommentService::EditableUntil(const accounts::Account& author, const Comment& comment) const {
  if (comment.account_id != author.id || settings_.edit_minutes <= 0) return std::nullopt;
  if (comment.status != CommentStatus::kVisible && comment.status != CommentStatus::kPending) return std::nullopt;
  Timestamp until = comment.created_at + std::chrono::minutes(settings_.edit_minutes);
  if (clock_.Now() >= until) return std::nullopt;
  return until;
}

Result<Comment> CommentService::Edit(const accounts::Account& author, Id comment_id, std::string_view text) {
  Result<Comment> found = Own(author, comment_id);
  if (!found.ok()) return found;
  Comment comment = std::move(*found);
  if (!EditableUntil(author, comment)) {
    return Error::Forbidden("The time to edit this comment has passed (" + std::to_string(settings_.edit_minutes) +
                            " minutes).")
        .Keyed("comment_edit_over", settings_.edit_minutes);
  }
  Result<ArticleInfo> article = store_.Article(comment.article_id);
  if (!article.ok()) return std::move(article).error();
  Timestamp now = clock_.Now();
  Submission s;
  s.author = &author;
  s.article = &*article;
  s.policy = EffectivePolicy(*article, settings_, now);
  s.text = text;
  // Only text the length check will accept is rendered: Markdown parsers have slow corners.
  std::string html = Renderable(text, settings_) ? renderer_.ToHtml(text) : std::string();
  s.html = html;
  s.is_edit = true;
  s.now = now;
  PipelineResult verdict = pipeline_.Run(s, settings_);
  if (verdict.refused) return std::move(verdict.error);

  GZ_TRY(store_.WriteComments([&](CommentWriter& w) -> Status {
    // Read again inside the transaction: a vote or report may have landed meanwhile.
    Result<Comment> fresh = w.FindComment(comment_id);
    if (!fresh.ok()) return std::move(fresh).error();
    comment = std::move(*fresh);
    bool was_counted = comment.Counted();
    comment.body = std::string(text);
    comment.body_html = html;
    comment.edited_at = now;
    if (!verdict.hold_reasons.empty()) {
      comment.status = CommentStatus::kPending;
      comment.moderation_note = "edited: ";
      for (std::size_t i = 0; i < verdict.hold_reasons.size(); ++i) {
        comment.moderation_note += (i ? "; " : "") + verdict.hold_reasons[i];
      }
    }
    GZ_TRY(w.UpdateComment(comment));
    if (was_counted && !comment.Counted()) GZ_TRY(w.AdjustCommentCount(comment.article_id, -1));
    return {};
  }));
  Changed(comment_id);
  return comment;
}

Status CommentService::Delete(const accounts::Account& author, Id comment_id) {
  Result<Comment> found = Own(author, comment_id);
  if (!found.ok()) return std::move(found).error();
  return Announced(comment_id, store_.WriteComments([&](CommentWriter& w) -> Status {
    Result<Comment> fresh = w.FindComment(comment_id);
    if (!fresh.ok()) return std::move(fresh).error();
    Comment comment = std::move(*fresh);
    bool was_counted = comment.Counted();
    comment.status = CommentStatus::kDeleted;
    comment.body.clear();
    comment.body_html.clear();
    comment.featured = false;
    GZ_TRY(w.UpdateComment(comment));
    if (was_counted) GZ_TRY(w.AdjustCommentCount(comment.article_id, -1));
    return {};
  }));
}

Result<Comment> CommentService::Vote(const accounts::Account& voter, Id comment_id, int value) {
  if (value < -1 || value > 1) return Error::Invalid("A vote is +1, -1 or 0.", "value");
  Result<Comment> found = store_.FindComment(comment_id);
  if (!found.ok() || !found->Counted()) return NoSuchComment();
  Comment comment = std::move(*found);
  if (comment.account_id == voter.id) {
    return Error::Forbidden("You cannot vote on your own comment.").Keyed("vote_own");
  }
  GZ_TRY(store_.WriteComments([&](CommentWriter& w) -> Status {
    Result<std::pair<std::int64_t, std::int64_t>> totals = w.SetVote(comment_id, voter.id, value);
    if (!totals.ok()) return std::move(totals).error();
    Result<Comment> fresh = w.FindComment(comment_id);
    if (!fresh.ok()) return std::move(fresh).error();
    comment = std::move(*fresh);
    comment.upvotes = totals->first;
    comment.downvotes = totals->second;
    comment.score = WilsonScore(comment.upvotes, comment.downvotes);
    return w.UpdateComment(comment);
  }));
  Changed(comment_id);
  return comment;
}

Status CommentService::Report(const accounts::Account& reporter, Id comment_id, std::string_view reason,
                              std::string_view text) {
  bool known = std::any_of(std::begin(kReportReasons), std::end(kReportReasons), [&](const char* r) { return reason == r; });
  if (!known) return Error::Invalid("Choose why you report this comment.", "reason").Keyed("report_reason");
  if (!base::IsValidUtf8(text) || base::CountCodePoints(text) > kMaxReportText) {
    return Error::Invalid("The note is too long or not valid text.", "text").Keyed("report_text", kMaxReportText);
  }
  Result<Comment> found = store_.FindComment(comment_id);
  if (!found.ok() || found->status != CommentStatus::kVisible) return NoSuchComment();
  Comment comment = std::move(*found);
  if (comment.account_id == reporter.id) {
    return Error::Forbidden("You cannot report your own comment.").Keyed("report_own");
  }
  bool hid = false;
  Status reported = store_.WriteComments([&](CommentWriter& w) -> Status {
    comments::Report report{comment_id, reporter.id, reporter.display_name, std::string(reason), std::string(base::Trim(text)),
                  clock_.Now()};
    Result<std::int64_t> reports = w.AddReport(report);
    if (!reports.ok()) {
      Error error = std::move(reports).error();
      if (error.code == base::ErrorCode::kConflict) {
        return Error::Conflict("You already reported this comment.").Keyed("report_again");
      }
      return error;
    }
    Result<Comment> fresh = w.FindComment(comment_id);
    if (!fresh.ok()) return std::move(fresh).error();
    comment = std::move(*fresh);
    bool was_counted = comment.Counted();
    comment.reports = *reports;
    if (settings_.reports_to_hide > 0 && *reports >= settings_.reports_to_hide) comment.hidden = true;
    GZ_TRY(w.UpdateComment(comment));
    hid = was_counted && !comment.Counted();
    if (hid) GZ_TRY(w.AdjustCommentCount(comment.article_id, -1));
    return {};
  });
  if (reported.ok() && hid) Changed(comment_id);
  return reported;
}

void CommentService::Changed(Id comment_id) const {
  if (events_) events_->Publish({"comment.changed", comment_id});
}

Status CommentService::Announced(Id comment_id, Status status) const {
  if (status.ok()) Changed(comment_id);
  return status;
}

Result<ThreadView> CommentService::Thread(Id article_id, Sort sort, int page) {
  if (page < 1) return Error::Invalid("The page number must be 1 or more.", "page");
  Result<ArticleInfo> article = store_.Article(article_id);
  if (!article.ok()) return std::move(article).error();
  ThreadView view;
  view.article = std::move(*article);
  view.policy = EffectivePolicy(view.article, settings_, clock_.Now());
  view.sort = sort;
  view.page = page;
  int per_page = std::max(1, settings_.threads_per_page);
  Result<ThreadPage> threads = store_.Threads(article_id, sort, (page - 1) * per_page, per_page);
  if (!threads.ok()) return std::move(threads).error();
  view.total_threads = threads->total_threads;
  view.pages = static_cast<int>(std::max<std::int64_t>(1, (threads->total_threads + per_page - 1) / per_page));
  if (page > view.pages) return Error::NotFound("There is no such page of comments.");
  if (page == 1) {
    Result<std::vector<Comment>> featured = store_.Featured(article_id);
    if (!featured.ok()) return std::move(featured).error();
    view.featured = std::move(*featured);
  }
  std::map<Id, int> depth;
  for (Comment& c : threads->comments) {
    ThreadItem item;
    if (c.parent_id) {
      auto parent = depth.find(*c.parent_id);
      int parent_depth = parent == depth.end() ? 0 : parent->second;
      item.depth = std::min(parent_depth + 1, settings_.max_depth);
      if (parent_depth + 1 > settings_.max_depth) item.parent_shown = c.parent_id;
    }
    depth[c.id] = item.depth;
    item.comment = std::move(c);
    view.items.push_back(std::move(item));
  }
  return view;
}

}  // namespace gazette::comments
