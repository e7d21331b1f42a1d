#include "cache/compress.h"

#include <brotli/decode.h>
#include <gtest/gtest.h>
#include <zlib.h>

namespace gazette::cache {
namespace {

std::string Gunzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

std::string Unbrotli(const std::string& data) {
  std::string out(1 << 20, '\0');
  std::size_t size = out.size();
  EXPECT_EQ(BrotliDecoderDecompress(data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                                    reinterpret_cast<uint8_t*>(out.data())),
            BROTLI_DECODER_RESULT_SUCCESS);
  out.resize(size);
  return out;
}

std::string Page() {
  std::string page = "<!DOCTYPE html><html lang=\"ru\"><body>";
  for (int i = 0; i < 200; ++i) page += "<li><time>19:29</time> Новость номер " + std::to_string(i) + "</li>\n";
  return page + "</body></html>";
}

TEST(Compress, GzipRoundTripsAndShrinksAPage) {
  std::string page = Page();
  std::string gz = Gzip(page, 6);
  EXPECT_LT(gz.size(), page.size() / 4);
  ASSERT_GE(gz.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // the gzip magic
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  EXPECT_EQ(Gunzip(gz), page);
  EXPECT_EQ(Gunzip(Gzip("", 6)), "");
}

TEST(Compress, BrotliRoundTripsAndBeatsGzip) {
  std::string page = Page();
  std::string br = Brotli(page, 5);
  EXPECT_LT(br.size(), Gzip(page, 6).size());
  EXPECT_EQ(Unbrotli(br), page);
  EXPECT_EQ(Unbrotli(Brotli("", 5)), "");
}

TEST(Compress, OnlyTextLikeTypesAreCompressed) {
  EXPECT_TRUE(Compressible("text/html; charset=utf-8"));
  EXPECT_TRUE(Compressible("application/rss+xml; charset=utf-8"));
  EXPECT_TRUE(Compressible("application/json"));
  EXPECT_TRUE(Compressible("image/svg+xml"));
  EXPECT_FALSE(Compressible("image/png"));
  EXPECT_FALSE(Compressible("font/woff2"));
  EXPECT_FALSE(Compressible(""));
}

}  // namespace
}  // namespace gazette::cache
