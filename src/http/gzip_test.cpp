#include "http/gzip.hpp"

#include <gtest/gtest.h>

namespace warroom::http {
namespace {

TEST(Gzip, RoundTripsAndShrinksARepetitivePage) {
  std::string page;
  for (int i = 0; i < 90; ++i)
    page += "<span class=\"bar ok\" title=\"2026-02-12: 100.00%\"></span>";
  std::string gz = Gzip(page);
  ASSERT_FALSE(gz.empty());
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // the gzip magic
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  EXPECT_LT(gz.size(), page.size() / 10);
  auto back = Gunzip(gz);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, page);
  EXPECT_FALSE(Gunzip("not gzip").ok());
  EXPECT_EQ(*Gunzip(Gzip("")), "");
}

TEST(Gzip, AcceptEncodingIsReadAsRfc9110Says) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("br, gzip;q=0.8, deflate"));
  EXPECT_TRUE(AcceptsGzip("GZIP"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("br, deflate"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_TRUE(AcceptsGzip("gzip;q=0.001"));
  EXPECT_FALSE(AcceptsGzip("x-gzip2"));
}

}  // namespace
}  // namespace warroom::http
