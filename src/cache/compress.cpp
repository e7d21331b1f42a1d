#include "cache/compress.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <stdexcept>

namespace gazette::cache {

std::string Gzip(std::string_view data, int level) {
  z_stream z{};
  // 15 window bits, +16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib could not start");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib could not compress");
  return out;
}

std::string Brotli(std::string_view data, int quality) {
  std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
  if (size == 0) size = data.size() + 1024;
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                             reinterpret_cast<const uint8_t*>(data.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data()))) {
    throw std::runtime_error("brotli could not compress");
  }
  out.resize(size);
  return out;
}

bool Compressible(std::string_view type) {
  return type.starts_with("text/") || type.starts_with("application/json") || type.starts_with("application/xml") ||
         type.starts_with("application/rss+xml") || type.starts_with("application/atom+xml") ||
         type.starts_with("application/javascript") || type.starts_with("image/svg+xml") ||
         type.starts_with("application/ld+json") || type.starts_with("application/manifest+json");
}

}  // namespace gazette::cache
