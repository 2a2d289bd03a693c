#include "core/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace storepulse {
namespace {

TEST(StatusTest, DefaultIsOk) {
  const Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kOk);
  EXPECT_EQ(status.message(), "");
  EXPECT_EQ(status.ToString(), "OK");
  EXPECT_TRUE(Status::Ok().ok());
}

TEST(StatusTest, EachFactorySetsItsKindAndMessage) {
  struct Case {
    Status status;
    StatusCode code;
    std::string text;
  };
  const std::vector<Case> cases = {
      {Status::InvalidArgument("bad --rows"), StatusCode::kInvalidArgument,
       "Invalid argument: bad --rows"},
      {Status::NotFound("a.csv: no such file"), StatusCode::kNotFound,
       "Not found: a.csv: no such file"},
      {Status::IOError("disk full"), StatusCode::kIOError, "IO error: disk full"},
      {Status::Corruption("a.csv:1: no header"), StatusCode::kCorruption,
       "Corruption: a.csv:1: no header"},
      {Status::OutOfRange("too many countries"), StatusCode::kOutOfRange,
       "Out of range: too many countries"},
      {Status::Internal("broken invariant"), StatusCode::kInternal,
       "Internal: broken invariant"},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(c.status.ok()) << c.text;
    EXPECT_EQ(c.status.code(), c.code) << c.text;
    EXPECT_EQ(c.status.ToString(), c.text);
  }
  EXPECT_EQ(Status::NotFound("a.csv: no such file").message(), "a.csv: no such file");
}

TEST(StatusTest, CodeNames) {
  EXPECT_EQ(StatusCodeName(StatusCode::kOk), "OK");
  EXPECT_EQ(StatusCodeName(StatusCode::kCorruption), "Corruption");
  EXPECT_EQ(StatusCodeName(StatusCode::kIOError), "IO error");
}

TEST(StatusTest, CopiesAreIndependentValues) {
  Status original = Status::IOError("first");
  Status copy = original;
  EXPECT_EQ(copy.ToString(), "IO error: first");
  original = Status::NotFound("second");
  EXPECT_EQ(copy.ToString(), "IO error: first");
  EXPECT_EQ(original.ToString(), "Not found: second");
  copy = Status::Ok();
  EXPECT_TRUE(copy.ok());
  Status self = Status::Corruption("same");
  const Status& alias = self;
  self = alias;
  EXPECT_EQ(self.ToString(), "Corruption: same");
}

TEST(StatusTest, MoveCarriesTheError) {
  Status source = Status::OutOfRange("big");
  Status moved = std::move(source);
  EXPECT_EQ(moved.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(moved.message(), "big");
}

TEST(ResultTest, HoldsAValue) {
  Result<int> result(42);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.status().ok());
  EXPECT_EQ(result.value(), 42);
  EXPECT_EQ(*result, 42);
  *result = 7;
  EXPECT_EQ(result.value(), 7);
}

TEST(ResultTest, HoldsAnError) {
  Result<std::string> result(Status::NotFound("no such key"));
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(result.status().message(), "no such key");
}

TEST(ResultTest, ArrowReachesMembers) {
  Result<std::string> result(std::string("abc"));
  EXPECT_EQ(result->size(), 3u);
}

TEST(ResultTest, MoveOnlyValueCanBeTakenOut) {
  Result<std::unique_ptr<int>> result(std::make_unique<int>(5));
  std::unique_ptr<int> taken = std::move(result).value();
  ASSERT_NE(taken, nullptr);
  EXPECT_EQ(*taken, 5);
}

// Steps for the macros: each records that it ran.
struct Steps {
  std::vector<std::string> ran;
  Status Step(const std::string& name, Status outcome) {
    ran.push_back(name);
    return outcome;
  }
  Result<int> Number(const std::string& name, Result<int> outcome) {
    ran.push_back(name);
    return outcome;
  }
};

Status RunSteps(Steps* steps, bool fail_second) {
  SP_RETURN_IF_ERROR(steps->Step("first", Status::Ok()));
  SP_RETURN_IF_ERROR(steps->Step(
      "second", fail_second ? Status::IOError("second failed") : Status::Ok()));
  SP_RETURN_IF_ERROR(steps->Step("third", Status::Ok()));
  return Status::Ok();
}

TEST(StatusMacrosTest, ReturnIfErrorStopsAtTheFirstFailure) {
  Steps failing;
  const Status status = RunSteps(&failing, true);
  EXPECT_EQ(status.ToString(), "IO error: second failed");
  EXPECT_EQ(failing.ran, (std::vector<std::string>{"first", "second"}));

  Steps passing;
  EXPECT_TRUE(RunSteps(&passing, false).ok());
  EXPECT_EQ(passing.ran, (std::vector<std::string>{"first", "second", "third"}));
}

Result<int> AddNumbers(Steps* steps, Result<int> a, Result<int> b) {
  // Two uses in one scope: the hidden temporaries must not clash.
  SP_ASSIGN_OR_RETURN(const int first, steps->Number("a", std::move(a)));
  SP_ASSIGN_OR_RETURN(int second, steps->Number("b", std::move(b)));
  return first + second;
}

TEST(StatusMacrosTest, AssignOrReturnAssignsValues) {
  Steps steps;
  const Result<int> sum = AddNumbers(&steps, 2, 3);
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(*sum, 5);
  EXPECT_EQ(steps.ran, (std::vector<std::string>{"a", "b"}));
}

TEST(StatusMacrosTest, AssignOrReturnReturnsTheFirstError) {
  Steps steps;
  const Result<int> sum = AddNumbers(&steps, Status::Corruption("bad a"), 3);
  EXPECT_EQ(sum.status().ToString(), "Corruption: bad a");
  EXPECT_EQ(steps.ran, (std::vector<std::string>{"a"}));

  Steps second;
  EXPECT_EQ(AddNumbers(&second, 2, Status::OutOfRange("bad b")).status().ToString(),
            "Out of range: bad b");
  EXPECT_EQ(second.ran, (std::vector<std::string>{"a", "b"}));
}

Status TakeOwnership(Result<std::unique_ptr<int>> source, int* seen) {
  std::unique_ptr<int> owned;
  SP_ASSIGN_OR_RETURN(owned, std::move(source));
  *seen = *owned;
  return Status::Ok();
}

TEST(StatusMacrosTest, AssignOrReturnMovesIntoAnExistingVariable) {
  int seen = 0;
  EXPECT_TRUE(TakeOwnership(std::make_unique<int>(9), &seen).ok());
  EXPECT_EQ(seen, 9);
  EXPECT_EQ(TakeOwnership(Status::NotFound("gone"), &seen).code(), StatusCode::kNotFound);
  EXPECT_EQ(seen, 9);
}

}  // namespace
}  // namespace storepulse
