// A theme's static files (CSS, images, scripts), held in memory under
// fingerprinted names: site.css is served as /assets/site.1a2b3c4d5e.css,
// so it can be cached for a year and still change with the theme.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gazette::render {

struct Asset {
  std::string name;          // "site.css"
  std::string url;           // "/assets/site.1a2b3c4d5e.css"
  std::string content_type;  // "text/css; charset=utf-8"
  std::string etag;          // "\"1a2b3c4d5e\""
  std::shared_ptr<const std::string> bytes;
};

class AssetSet {
 public:
  // Reads every regular file in `dir` (a missing folder gives an empty set).
  static base::Result<AssetSet> Load(const std::string& dir);

  // By fingerprinted file name ("site.1a2b3c4d5e.css"); null when unknown.
  const Asset* FindFingerprinted(std::string_view file) const;
  // By plain file name ("site.css"); null when unknown.
  const Asset* Find(std::string_view name) const;

  // Template variables naming each asset's URL: {"asset_site_css", "/assets/site.1a2b3c4d5e.css"}.
  const std::vector<std::pair<std::string, std::string>>& urls() const { return urls_; }

 private:
  std::map<std::string, Asset, std::less<>> by_fingerprint_;
  std::map<std::string, std::string, std::less<>> by_name_;  // plain name -> fingerprinted file
  std::vector<std::pair<std::string, std::string>> urls_;
};

// "text/css; charset=utf-8" for ".css" and so on; application/octet-stream
// for extensions Gazette does not know.
std::string ContentTypeFor(std::string_view file_name);

}  // namespace gazette::render
