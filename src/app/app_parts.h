// What an App holds (app.cpp opens it): for the files of this folder that
// define App's members, not for other layers.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "app/app.h"
#include "app/mailer.h"
#include "base/time.h"
#include "comments/comment_service.h"
#include "core/publishing.h"
#include "render/comment_text.h"
#include "render/markdown.h"
#include "storage/sqlite/sqlite_store.h"

namespace gazette::app {

// Bodies and comments are rendered by render's Markdown renderers.
class MarkdownBodies final : public core::BodyRenderer {
 public:
  std::string MarkdownToHtml(std::string_view markdown) const override { return render::MarkdownToHtml(markdown); }
};

class CommentText final : public comments::CommentRenderer {
 public:
  std::string ToHtml(std::string_view text) const override { return render::CommentToHtml(text); }
};

struct App::Parts {
  Config config;
  base::SystemClock clock;
  base::TimeZone zone = base::TimeZone::Utc();
  std::unique_ptr<storage::sqlite::SqliteStore> store;
  storage::sql::MigrationReport migration;
  MarkdownBodies bodies;
  CommentText comment_text;
  std::unique_ptr<core::Publisher> publisher;
  std::unique_ptr<CommandMailer> mailer;
};

}  // namespace gazette::app
