// A theme: templates (ctemplate, auto-escaping HTML), static assets and the
// interface text of one language, all read once at start.
//
// Templates live in <theme>/templates. Every page is layout.tpl with the
// page's own template included as {{>CONTENT}}. Each template starts with
// {{%AUTOESCAPE context="HTML"}}, so every variable is escaped for where it
// stands (text, attribute, URL); only variables named *_html, which carry
// HTML the server made safe, may use the :none modifier.
//
// Locale text is visible in every template as {{t_KEY}} (t_read_next...).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "render/assets.h"
#include "render/locale.h"

namespace ctemplate {
class TemplateCache;
class TemplateDictionary;
}  // namespace ctemplate

namespace gazette::render {

// A view of one template dictionary: the data a template shows. Cheap to
// copy; valid while its page is being rendered.
class Dict {
 public:
  explicit Dict(ctemplate::TemplateDictionary* d) : d_(d) {}

  Dict& Set(std::string_view name, std::string_view value);
  Dict& Set(std::string_view name, long value);
  // Visible in this dictionary and every included template.
  Dict& SetGlobal(std::string_view name, std::string_view value);
  // Shows {{#name}}...{{/name}} once, with this dictionary's values.
  Dict& Show(std::string_view section);
  // Shows the section once more (a loop): fill the returned dictionary.
  Dict Add(std::string_view section);
  // Fills {{>name}} with the template `file`; fill the returned dictionary.
  Dict Include(std::string_view name, std::string_view file);

 private:
  ctemplate::TemplateDictionary* d_;
};

class Theme {
 public:
  // Loads <dir>/templates/*.tpl, <dir>/assets/* and
  // <dir>/locales/<language>.toml. Fails with a message naming the file at
  // fault (a template that does not parse, a missing locale...).
  static base::Result<std::unique_ptr<Theme>> Load(const std::string& dir, const std::string& language);
  ~Theme();

  // Renders layout.tpl around `content_template`. `fill` receives the
  // layout's dictionary and the content's. Thread-safe.
  std::string Render(std::string_view content_template, const std::function<void(Dict& layout, Dict& content)>& fill) const;

  const Locale& locale() const { return locale_; }
  const AssetSet& assets() const { return assets_; }
  const std::string& dir() const { return dir_; }

 private:
  Theme() = default;
  std::string dir_;
  Locale locale_;
  AssetSet assets_;
  std::unique_ptr<ctemplate::TemplateCache> cache_;
  std::vector<std::pair<std::string, std::string>> globals_;  // {"t_key", text}
  // Template file -> the globals_ it (with what it includes) names.
  std::map<std::string, std::vector<std::size_t>> texts_used_;
  void IndexTextUse(const std::map<std::string, std::string>& sources);
};

}  // namespace gazette::render
