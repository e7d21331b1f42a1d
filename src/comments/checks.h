// The checks every comment passes, in order, before it is stored (the model
// of Coral's moderation pipeline). Each check is a small unit: it lets the
// comment through, holds it for a moderator (with a reason moderators see),
// or refuses it (with an error the reader sees). The first refusal ends the
// run; holds add up.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "accounts/account.h"
#include "base/result.h"
#include "comments/allowance.h"
#include "comments/comment.h"

namespace gazette::comments {

// Everything a check may look at.
struct Submission {
  const accounts::Account* author = nullptr;
  const ArticleInfo* article = nullptr;
  Policy policy = Policy::kOpen;
  std::string_view text;
  std::string_view html;  // the rendered text
  bool is_edit = false;
  Timestamp now{};
  bool repeated = false;               // the author posted a comment of the same RepeatKey within repeat_window
  AllowanceTime reader_full_at = 0;    // the author's allowance (ReaderAllowance)
  AllowanceTime address_full_at = 0;   // the address's allowance (AddressAllowance)
};

// What two comments share when they differ only in case, spacing or
// punctuation: a hash of their words, case folded. Stored with each comment
// so that a repeat is found by one indexed lookup.
std::string RepeatKey(std::string_view text);

struct Verdict {
  enum class Kind { kPass, kHold, kReject };
  Kind kind = Kind::kPass;
  std::string hold_reason;  // for moderators
  base::Error error;        // for the reader, when refused

  static Verdict Pass() { return {}; }
  static Verdict Hold(std::string reason) { return {Kind::kHold, std::move(reason), {}}; }
  static Verdict Reject(base::Error error) { return {Kind::kReject, {}, std::move(error)}; }
};

class Check {
 public:
  virtual ~Check() = default;
  virtual const char* name() const = 0;
  // Whether edits of a comment pass through this check too.
  virtual bool applies_to_edits() const { return true; }
  virtual Verdict Run(const Submission& s, const CommentSettings& settings) const = 0;
};

struct PipelineResult {
  bool refused = false;
  base::Error error;
  std::vector<std::string> hold_reasons;  // empty: the comment goes up at once
};

class Pipeline {
 public:
  // The checks in their order: banned author, unconfirmed email, thread
  // open, length, bursts per reader and per address, repeated text, banned
  // words, suspect words, links, new reader, pre-moderation.
  static Pipeline Default();

  void Add(std::unique_ptr<Check> check) { checks_.push_back(std::move(check)); }
  PipelineResult Run(const Submission& submission, const CommentSettings& settings) const;
  std::vector<std::string> names() const;

 private:
  std::vector<std::unique_ptr<Check>> checks_;
};

}  // namespace gazette::comments
