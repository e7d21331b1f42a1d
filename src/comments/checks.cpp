#include "comments/checks.h"

#include <algorithm>

#include "base/hash.h"
#include "base/text.h"

namespace gazette::comments {
namespace {

using base::Error;

// True when the words of `phrase` occur in `words` one after another.
bool ContainsPhrase(const std::vector<std::string>& words, std::string_view phrase) {
  std::vector<std::string> wanted = base::MatchingWords(phrase);
  if (wanted.empty() || wanted.size() > words.size()) return false;
  return std::search(words.begin(), words.end(), wanted.begin(), wanted.end()) != words.end();
}

std::string FirstPhraseIn(std::string_view text, const std::vector<std::string>& phrases) {
  if (phrases.empty()) return {};
  std::vector<std::string> words = base::MatchingWords(text);
  for (const std::string& phrase : phrases) {
    if (ContainsPhrase(words, phrase)) return phrase;
  }
  return {};
}

class BannedAuthor final : public Check {
 public:
  const char* name() const override { return "banned_author"; }
  Verdict Run(const Submission& s, const CommentSettings&) const override {
    if (!s.author->BannedAt(s.now)) return Verdict::Pass();
    bool forever = base::ToUnixSeconds(*s.author->banned_until) >= accounts::kForeverUnixSeconds;
    return Verdict::Reject(
        Error::Forbidden(forever ? "Your account may no longer comment." : "Your account may not comment for now.")
            .Keyed(forever ? "comment_banned" : "comment_banned_for_now"));
  }
};

class UnconfirmedEmail final : public Check {
 public:
  const char* name() const override { return "unconfirmed_email"; }
  Verdict Run(const Submission& s, const CommentSettings& settings) const override {
    if (!settings.verify_email || s.author->email_verified || accounts::CanModerate(s.author->role)) {
      return Verdict::Pass();
    }
    return Verdict::Reject(Error::Forbidden("Confirm your email address first: open the link we sent you.")
                               .Keyed("comment_unconfirmed"));
  }
};

class ThreadOpen final : public Check {
 public:
  const char* name() const override { return "thread_open"; }
  Verdict Run(const Submission& s, const CommentSettings&) const override {
    if (s.policy != Policy::kClosed) return Verdict::Pass();
    return Verdict::Reject(Error::Forbidden("Comments on this article are closed.").Keyed("comment_closed"));
  }
};

class Length final : public Check {
 public:
  const char* name() const override { return "length"; }
  Verdict Run(const Submission& s, const CommentSettings& settings) const override {
    if (!base::IsValidUtf8(s.text)) {
      return Verdict::Reject(Error::Invalid("The comment is not valid text.", "body").Keyed("comment_bad_text"));
    }
    for (unsigned char c : s.text) {
      if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) {
        return Verdict::Reject(
            Error::Invalid("The comment holds a control character.", "body").Keyed("comment_bad_text"));
      }
    }
    if (base::Trim(s.text).empty()) {
      return Verdict::Reject(Error::Invalid("The comment is empty.", "body").Keyed("comment_empty"));
    }
    std::size_t chars = base::CountCodePoints(s.text);
    if (chars > settings.max_chars) {
      return Verdict::Reject(Error::Invalid("The comment is " + std::to_string(chars) + " characters long; the limit is " +
                                                std::to_string(settings.max_chars) + ". Shorten it and send it again.",
                                            "body")
                                 .Keyed("comment_too_long", static_cast<long>(settings.max_chars)));
    }
    return Verdict::Pass();
  }
};

// Both bursts refuse with 429 and the time until one more comment is allowed.
Verdict TooFast(const char* message, const Spent& spent) {
  return Verdict::Reject(Error::RateLimited(message, spent.wait_seconds).Keyed("comment_too_fast"));
}

class ReaderBurst final : public Check {
 public:
  const char* name() const override { return "reader_burst"; }
  bool applies_to_edits() const override { return false; }
  Verdict Run(const Submission& s, const CommentSettings& settings) const override {
    Spent spent = SpendAllowance(s.reader_full_at, s.now, settings.reader_burst, settings.reader_window);
    if (spent.allowed) return Verdict::Pass();
    return TooFast("You are commenting too fast. Wait a moment and send it again.", spent);
  }
};

class AddressBurst final : public Check {
 public:
  const char* name() const override { return "address_burst"; }
  bool applies_to_edits() const override { return false; }
  Verdict Run(const Submission& s, const CommentSettings& settings) const override {
    Spent spent = SpendAllowance(s.address_full_at, s.now, settings.ip_burst, settings.ip_window);
    if (spent.allowed) return Verdict::Pass();
    return TooFast("Too many comments come from your network. Wait a moment and send it again.", spent);
  }
};

class RepeatedText final : public Check {
 public:
  const char* name() const override { return "repeated_text"; }
  bool applies_to_edits() const override { return false; }
  Verdict Run(const Submission& s, const CommentSettings&) const override {
    if (!s.repeated) return Verdict::Pass();
    return Verdict::Reject(Error::Invalid("You already posted this comment.", "body").Keyed("comment_repeated"));
  }
};

class BannedWords final : public Check {
 public:
  const char* name() const override { return "banned_words"; }
  Verdict Run(const Submission& s, const CommentSettings& settings) const override {
    if (FirstPhraseIn(s.text, settings.banned_words).empty()) return Verdict::Pass();
    return Verdict::Reject(Error::Invalid("The comment uses language this site does not publish. Rephrase it.", "body")
                               .Keyed("comment_banned_words"));
  }
};

class SuspectWords final : public Check {
 public:
  const char* name() const override { return "suspect_words"; }
  Verdict Run(const Submission& s, const CommentSettings& settings) const override {
    std::string found = FirstPhraseIn(s.text, settings.suspect_words);
    return found.empty() ? Verdict::Pass() : Verdict::Hold("contains \"" + found + "\"");
  }
};

class Links final : public Check {
 public:
  const char* name() const override { return "links"; }
  Verdict Run(const Submission& s, const CommentSettings& settings) const override {
    int links = 0;
    for (std::size_t at = s.html.find("<a "); at != std::string_view::npos; at = s.html.find("<a ", at + 3)) ++links;
    if (links <= settings.max_links) return Verdict::Pass();
    return Verdict::Hold(std::to_string(links) + " links (more than " + std::to_string(settings.max_links) + ")");
  }
};

class NewReader final : public Check {
 public:
  const char* name() const override { return "new_reader"; }
  bool applies_to_edits() const override { return false; }
  Verdict Run(const Submission& s, const CommentSettings& settings) const override {
    if (settings.trusted_after <= 0 || accounts::CanModerate(s.author->role) ||
        s.author->approved_comments >= settings.trusted_after) {
      return Verdict::Pass();
    }
    return Verdict::Hold("new reader (" + std::to_string(s.author->approved_comments) + " of " +
                         std::to_string(settings.trusted_after) + " comments approved)");
  }
};

class Premoderation final : public Check {
 public:
  const char* name() const override { return "premoderation"; }
  Verdict Run(const Submission& s, const CommentSettings&) const override {
    if (s.policy != Policy::kPremoderated || accounts::CanModerate(s.author->role)) return Verdict::Pass();
    return Verdict::Hold("the thread is pre-moderated");
  }
};

}  // namespace

std::string RepeatKey(std::string_view text) { return base::HexDigest(base::FoldedWords(text), 32); }

Pipeline Pipeline::Default() {
  Pipeline p;
  p.Add(std::make_unique<BannedAuthor>());
  p.Add(std::make_unique<UnconfirmedEmail>());
  p.Add(std::make_unique<ThreadOpen>());
  p.Add(std::make_unique<Length>());
  p.Add(std::make_unique<ReaderBurst>());
  p.Add(std::make_unique<AddressBurst>());
  p.Add(std::make_unique<RepeatedText>());
  p.Add(std::make_unique<BannedWords>());
  p.Add(std::make_unique<SuspectWords>());
  p.Add(std::make_unique<Links>());
  p.Add(std::make_unique<NewReader>());
  p.Add(std::make_unique<Premoderation>());
  return p;
}

PipelineResult Pipeline::Run(const Submission& submission, const CommentSettings& settings) const {
  PipelineResult result;
  for (const auto& check : checks_) {
    if (submission.is_edit && !check->applies_to_edits()) continue;
    Verdict verdict = check->Run(submission, settings);
    if (verdict.kind == Verdict::Kind::kReject) {
      result.refused = true;
      result.error = std::move(verdict.error);
      return result;
    }
    if (verdict.kind == Verdict::Kind::kHold) result.hold_reasons.push_back(std::move(verdict.hold_reason));
  }
  return result;
}

std::vector<std::string> Pipeline::names() const {
  std::vector<std::string> out;
  for (const auto& check : checks_) out.emplace_back(check->name());
  return out;
}

}  // namespace gazette::comments
