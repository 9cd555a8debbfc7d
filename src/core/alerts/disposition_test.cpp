#include "core/alerts/disposition.hpp"

#include <gtest/gtest.h>

namespace warroom::core {
namespace {

TEST(DispositionNames, EachDispositionReadsBackFromItsName) {
  for (auto d : {Disposition::kTriage, Disposition::kIncident, Disposition::kDismissed,
                 Disposition::kRecorded})
    EXPECT_EQ(ParseDisposition(DispositionName(d)), d);
  EXPECT_EQ(DispositionName(Disposition::kRecorded), "recorded");
}

TEST(DispositionNames, AnUnknownNameIsRefused) {
  EXPECT_FALSE(ParseDisposition("triaged"));
  EXPECT_FALSE(ParseDisposition("Incident"));
  EXPECT_FALSE(ParseDisposition(""));
}

}  // namespace
}  // namespace warroom::core
