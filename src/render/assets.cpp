#include "render/assets.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/hash.h"

namespace gazette::render {
namespace {

namespace fs = std::filesystem;

std::string VariableFor(std::string_view name) {
  std::string var = "asset_";
  for (char c : name) var += (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : '_';
  return var;
}

}  // namespace

std::string ContentTypeFor(std::string_view file_name) {
  std::string_view ext = file_name.substr(std::min(file_name.rfind('.'), file_name.size()));
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".json" || ext == ".webmanifest") return "application/json";
  return "application/octet-stream";
}

base::Result<AssetSet> AssetSet::Load(const std::string& dir) {
  AssetSet set;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return set;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    if (!in) return base::Error::Invalid("Cannot read the asset " + entry.path().string() + ".", "theme");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    Asset asset;
    asset.name = entry.path().filename().string();
    std::string stem = entry.path().stem().string();
    std::string ext = entry.path().extension().string();
    std::string digest = base::HexDigest(bytes.str(), 10);
    std::string file = stem + "." + digest + ext;
    asset.url = "/assets/" + file;
    asset.content_type = ContentTypeFor(asset.name);
    asset.etag = "\"" + digest + "\"";
    asset.bytes = std::make_shared<const std::string>(bytes.str());
    set.urls_.emplace_back(VariableFor(asset.name), asset.url);
    set.by_name_.emplace(asset.name, file);
    set.by_fingerprint_.emplace(file, std::move(asset));
  }
  return set;
}

const Asset* AssetSet::FindFingerprinted(std::string_view file) const {
  auto it = by_fingerprint_.find(file);
  return it == by_fingerprint_.end() ? nullptr : &it->second;
}

const Asset* AssetSet::Find(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : FindFingerprinted(it->second);
}

}  // namespace gazette::render
