#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "twilio/sandbox/sandbox_test_fixture.h"

namespace converza::twilio::sandbox {
namespace {

namespace json = boost::json;

constexpr char kService[] = "GAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

// The form that asks Intelligence to transcribe recording `re`.
http::Form TranscriptForm(const std::string& re, const std::string& customer_key = "") {
  http::Form form = {
      {"ServiceSid", kService},
      {"Channel",
       json::serialize(json::object{{"media_properties", json::object{{"source_sid", re}}}})}};
  if (!customer_key.empty()) form.emplace_back("CustomerKey", customer_key);
  return form;
}

TEST_F(SandboxTest, TranscribesRecordingIntoPagedSentences) {
  std::string re = AddRecording(5, "audio");
  auto r = PostForm("/v2/Transcripts", TranscriptForm(re, "CA1"));
  ASSERT_EQ(r.status, 202) << r.body;
  auto t = Body(r);
  std::string gt(t.at("sid").as_string());
  EXPECT_EQ(gt.substr(0, 2), "GT");
  EXPECT_EQ(t.at("status").as_string(), "queued");
  EXPECT_EQ(t.at("customer_key").as_string(), "CA1");
  EXPECT_EQ(t.at("channel").at("media_properties").at("source_sid").as_string(), re);
  EXPECT_EQ(t.at("links").at("sentences").as_string(),
            options_.base_url + "/v2/Transcripts/" + gt + "/Sentences");

  // Not ready yet: no sentences.
  r = Get("/v2/Transcripts/" + gt + "/Sentences");
  EXPECT_TRUE(Body(r).at("sentences").as_array().empty());
  std::string status;
  for (int i = 0; i < 50 && status != "completed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    status = std::string(Body(Get("/v2/Transcripts/" + gt)).at("status").as_string());
    EXPECT_TRUE(status == "queued" || status == "in-progress" || status == "completed") << status;
  }
  ASSERT_EQ(status, "completed");

  // Page through with next_page_url, two at a time.
  std::string target = "/v2/Transcripts/" + gt + "/Sentences?PageSize=2&WordTimestamps=true";
  std::vector<json::object> got;
  int pages = 0;
  while (!target.empty() && pages < 10) {
    ++pages;
    auto page = Body(Get(target));
    for (auto& s : page.at("sentences").as_array()) got.push_back(s.as_object());
    auto& next = page.at("meta").at("next_page_url");
    EXPECT_EQ(page.at("meta").at("key").as_string(), "sentences");
    target = next.is_null() ? "" : std::string(next.as_string()).substr(options_.base_url.size());
  }
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(got.size(), 5u);
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].at("sentence_index").as_int64(), static_cast<std::int64_t>(i));
    EXPECT_EQ(got[i].at("media_channel").as_int64(), 1 + static_cast<int>(i) % 2);
    EXPECT_EQ(got[i].at("transcript").as_string(), "sentence number " + std::to_string(i));
    EXPECT_EQ(std::stod(std::string(got[i].at("start_time").as_string())), i * 2.0);
    EXPECT_EQ(std::stod(std::string(got[i].at("end_time").as_string())), i * 2.0 + 1.5);
    EXPECT_EQ(got[i].at("sid").as_string().size(), 34u);
    EXPECT_EQ(got[i].at("words").as_array().size(), 3u);
  }

  // Errors: missing ServiceSid, unknown recording, unknown transcript.
  EXPECT_EQ(PostForm("/v2/Transcripts", {{"Channel", "{}"}}).status, 400);
  r = PostForm("/v2/Transcripts", TranscriptForm("RE00000000000000000000000000000000"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Get("/v2/Transcripts/GT00000000000000000000000000000000").status, 404);

  // One transcript per recording, as Twilio: a second is refused until the first is deleted.
  const http::Form create = TranscriptForm(re);
  r = PostForm("/v2/Transcripts", create);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(Body(r).at("code").as_int64(), 20409);
  auto listed = Body(Get("/v2/Transcripts?SourceSid=" + re)).at("transcripts").as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].at("sid").as_string(), gt);
  EXPECT_TRUE(Body(Get("/v2/Transcripts?SourceSid=RE00000000000000000000000000000000"))
                  .at("transcripts")
                  .as_array()
                  .empty());
  EXPECT_EQ(Delete("/v2/Transcripts/" + gt).status, 204);
  EXPECT_EQ(Get("/v2/Transcripts/" + gt).status, 404);
  EXPECT_EQ(PostForm("/v2/Transcripts", create).status, 202);
}

TEST_F(SandboxTest, TranscriptsCanBeMadeToFail) {
  std::string re = AddRecording(3, "audio");
  options_.failed_transcripts->store(1);
  auto r = PostForm("/v2/Transcripts", TranscriptForm(re));
  ASSERT_EQ(r.status, 202) << r.body;
  const std::string gt(Body(r).at("sid").as_string());
  std::string status;
  for (int i = 0; i < 100 && status != "failed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    status = std::string(Body(Get("/v2/Transcripts/" + gt)).at("status").as_string());
  }
  EXPECT_EQ(status, "failed");
  EXPECT_EQ(options_.failed_transcripts->load(), 0);
}

}  // namespace
}  // namespace converza::twilio::sandbox
