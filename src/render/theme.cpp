#include "render/theme.h"

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>

namespace gazette::render {
namespace {

namespace fs = std::filesystem;

ctemplate::TemplateString Ts(std::string_view s) { return ctemplate::TemplateString(s.data(), s.size()); }

// A dictionary key with its id. ctemplate adds a key's name to a global map
// (under a lock, hashing it twice) every time a key without an id is used,
// about a tenth of a page's render; the names are the templates' own, a
// small set, so each is registered once and kept for the process's life.
// Past kMaxKeys distinct names (keys made from data, which no template
// here does) keys go the plain way.
constexpr std::size_t kMaxKeys = 4096;

struct KnownKey {
  std::string name;
  ctemplate::StaticTemplateString key;
};

ctemplate::TemplateString Key(std::string_view name) {
  thread_local std::unordered_map<std::string_view, const ctemplate::StaticTemplateString*> seen;
  if (auto it = seen.find(name); it != seen.end()) return ctemplate::TemplateString(*it->second);
  static std::mutex mutex;
  static std::unordered_map<std::string_view, std::unique_ptr<KnownKey>> known;
  std::lock_guard lock(mutex);
  auto it = known.find(name);
  if (it == known.end()) {
    if (known.size() >= kMaxKeys) return Ts(name);
    auto k = std::make_unique<KnownKey>();
    k->name = std::string(name);
    k->key = {{k->name.data(), k->name.size(), ctemplate::kIllegalTemplateId}};
    ctemplate::StaticTemplateStringInitializer registered(&k->key);  // computes and records the id
    std::string_view stable = k->name;
    it = known.emplace(stable, std::move(k)).first;
  }
  seen.emplace(it->first, &it->second->key);
  return ctemplate::TemplateString(it->second->key);
}

constexpr std::string_view kAutoescape = "{{%AUTOESCAPE context=\"HTML\"}}";

}  // namespace

Dict& Dict::Set(std::string_view name, std::string_view value) {
  d_->SetValue(Key(name), Ts(value));
  return *this;
}

Dict& Dict::Set(std::string_view name, long value) {
  d_->SetIntValue(Key(name), value);
  return *this;
}

Dict& Dict::SetGlobal(std::string_view name, std::string_view value) {
  d_->SetTemplateGlobalValue(Key(name), Ts(value));
  return *this;
}

Dict& Dict::Show(std::string_view section) {
  d_->ShowSection(Key(section));
  return *this;
}

Dict Dict::Add(std::string_view section) { return Dict(d_->AddSectionDictionary(Key(section))); }

Dict Dict::Include(std::string_view name, std::string_view file) {
  ctemplate::TemplateDictionary* d = d_->AddIncludeDictionary(Key(name));
  d->SetFilename(Ts(file));
  return Dict(d);
}

Theme::~Theme() = default;

base::Result<std::unique_ptr<Theme>> Theme::Load(const std::string& dir, const std::string& language) {
  std::unique_ptr<Theme> theme(new Theme());
  theme->dir_ = dir;
  fs::path templates = fs::path(dir) / "templates";
  std::error_code ec;
  if (!fs::is_directory(templates, ec)) {
    return base::Error::Invalid("The theme folder " + dir + " has no templates/ folder.", "theme");
  }
  fs::path locale_file = fs::path(dir) / "locales" / (language + ".toml");
  if (!fs::exists(locale_file, ec)) {
    return base::Error::Invalid("The theme " + dir + " has no text for the language \"" + language + "\" (" +
                                    locale_file.string() + " is missing).",
                                "language");
  }
  base::Result<Locale> locale = Locale::Load(locale_file.string());
  if (!locale.ok()) return std::move(locale).error();
  theme->locale_ = std::move(*locale);
  for (const auto& [key, text] : theme->locale_.texts()) theme->globals_.emplace_back("t_" + key, text);

  base::Result<AssetSet> assets = AssetSet::Load((fs::path(dir) / "assets").string());
  if (!assets.ok()) return std::move(assets).error();
  theme->assets_ = std::move(*assets);

  theme->cache_ = std::make_unique<ctemplate::TemplateCache>();
  theme->cache_->SetTemplateRootDirectory(templates.string());
  bool has_layout = false;
  std::map<std::string, std::string> sources;  // file name -> text
  for (const auto& entry : fs::directory_iterator(templates)) {
    if (entry.path().extension() != ".tpl") continue;
    std::string name = entry.path().filename().string();
    std::ifstream in(entry.path());
    std::string first_line;
    std::getline(in, first_line);
    std::string rest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    sources[name] = first_line + "\n" + rest;
    if (first_line.rfind(kAutoescape, 0) != 0) {
      return base::Error::Invalid(entry.path().string() + ":1: a template must start with " + std::string(kAutoescape),
                                  "theme");
    }
    if (!theme->cache_->LoadTemplate(name, ctemplate::STRIP_WHITESPACE)) {
      return base::Error::Invalid(entry.path().string() + ": the template does not parse (see the message above).",
                                  "theme");
    }
    has_layout = has_layout || name == "layout.tpl";
  }
  if (!has_layout) return base::Error::Invalid(templates.string() + " has no layout.tpl.", "theme");
  theme->cache_->Freeze();
  theme->IndexTextUse(sources);
  return theme;
}

// Setting every locale text (hundreds) into each page's dictionary costs
// more than expanding the page; so each template gets the texts it and the
// templates it includes name. An include {{>FEED}} is the file feed.tpl
// (Dict::Include's convention); one that names no file gets every text.
void Theme::IndexTextUse(const std::map<std::string, std::string>& sources) {
  static const std::regex kText(R"(\{\{\s*(t_[A-Za-z0-9_]+))");
  static const std::regex kInclude(R"(\{\{>\s*([A-Z0-9_]+)\s*\}\})");
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < globals_.size(); ++i) index[globals_[i].first] = i;
  std::map<std::string, std::set<std::size_t>> own;
  std::map<std::string, std::vector<std::string>> includes;
  for (const auto& [name, text] : sources) {
    for (std::sregex_iterator m(text.begin(), text.end(), kText), end; m != end; ++m) {
      if (auto it = index.find((*m)[1].str()); it != index.end()) own[name].insert(it->second);
    }
    for (std::sregex_iterator m(text.begin(), text.end(), kInclude), end; m != end; ++m) {
      std::string included = (*m)[1].str();
      if (included == "CONTENT") continue;  // the page's own template, added at render time
      std::transform(included.begin(), included.end(), included.begin(), [](unsigned char c) { return std::tolower(c); });
      includes[name].push_back(included + ".tpl");
    }
  }
  for (const auto& [name, text] : sources) {
    std::set<std::size_t> all;
    std::vector<std::string> pending{name};
    std::set<std::string> seen;
    bool everything = false;
    while (!pending.empty() && !everything) {
      std::string next = pending.back();
      pending.pop_back();
      if (!seen.insert(next).second) continue;
      if (!sources.count(next)) {
        everything = true;
        break;
      }
      all.insert(own[next].begin(), own[next].end());
      for (const std::string& inc : includes[next]) pending.push_back(inc);
    }
    std::vector<std::size_t>& used = texts_used_[name];
    if (everything) {
      for (std::size_t i = 0; i < globals_.size(); ++i) used.push_back(i);
    } else {
      used.assign(all.begin(), all.end());
    }
  }
}

std::string Theme::Render(std::string_view content_template,
                          const std::function<void(Dict& layout, Dict& content)>& fill) const {
  ctemplate::TemplateDictionary root("layout");
  auto set_texts = [&](std::string_view file) {
    auto used = texts_used_.find(std::string(file));
    if (used == texts_used_.end()) {
      for (const auto& [name, text] : globals_) root.SetTemplateGlobalValueWithoutCopy(Ts(name), Ts(text));
      return;
    }
    for (std::size_t i : used->second) {
      root.SetTemplateGlobalValueWithoutCopy(Ts(globals_[i].first), Ts(globals_[i].second));
    }
  };
  set_texts("layout.tpl");
  set_texts(content_template);
  for (const auto& [name, url] : assets_.urls()) root.SetTemplateGlobalValueWithoutCopy(Ts(name), Ts(url));
  ctemplate::TemplateDictionary* content = root.AddIncludeDictionary("CONTENT");
  content->SetFilename(Ts(content_template));
  Dict layout_dict(&root);
  Dict content_dict(content);
  fill(layout_dict, content_dict);
  std::string out;
  out.reserve(16 * 1024);
  cache_->ExpandNoLoad("layout.tpl", ctemplate::STRIP_WHITESPACE, &root, nullptr, &out);
  return out;
}

}  // namespace gazette::render
