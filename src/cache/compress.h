// Compressing a response body once, when the page cache fills: gzip (zlib)
// and brotli (libbrotlienc).
#pragma once

#include <string>
#include <string_view>

namespace gazette::cache {

// `data` as a gzip member (RFC 1952) at zlib `level` (1-9).
std::string Gzip(std::string_view data, int level);

// `data` as a brotli stream (RFC 7932) at `quality` (0-11), in text mode.
std::string Brotli(std::string_view data, int quality);

// Whether a body of this Content-Type is worth compressing (text, JSON,
// XML, SVG; not images or already compressed data).
bool Compressible(std::string_view content_type);

}  // namespace gazette::cache
