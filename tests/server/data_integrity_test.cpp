// SPDX-License-Identifier: MIT
// Issue 16, data integrity through a real server: one unreadable store file does not hide the
// other quality reports, generate-sample never replaces imported data, and stale temporary
// files of killed writers are removed when the server starts.
#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "job_wait.hpp"
#include "server_fixture.hpp"

namespace aitp::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Item 10: the unreadable file gets a report with its error; BTC/USDT is still reported.
TEST(ServerDataIntegrityTest, QualityReportsAnUnreadableFileAndGoesOn) {
    LiveServer s;
    write_text(s.dir() / "processed/kraken_ETH_USDT_1h.parquet", "not a parquet file");
    HttpClient c = s.logged_in_client();
    const auto r = c.get("/api/data/quality/");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto reports = json::parse(r.body);
    ASSERT_EQ(reports.size(), 2u);
    EXPECT_EQ(reports[0]["source"], "kraken");
    EXPECT_FALSE(reports[0]["passed"].get<bool>());
    EXPECT_EQ(reports[0]["error"], "kraken_ETH_USDT_1h.parquet cannot be read (IOError)");
    EXPECT_EQ(reports[1]["symbol"], "BTC/USDT");
    EXPECT_EQ(reports[1]["rows"], 2000);
    // Asked for by name, the unreadable series is still an error.
    EXPECT_GE(c.get("/api/data/quality/ETH-USDT/1h/?exchange=kraken").status, 400);
}

// Item 8: the fixture's sample BTC/USDT 1h was imported (store.write); generating over it fails
// the job and leaves the file as it was.
TEST(ServerDataIntegrityTest, GenerateSampleNeverReplacesImportedData) {
    LiveServer s;
    const fs::path file = s.dir() / "processed/sample_BTC_USDT_1h.parquet";
    const std::string before = read_text(file);
    HttpClient c = s.logged_in_client();
    auto started = c.post("/api/data/generate-sample/", R"({"symbols":["BTC/USDT"],"days":2})");
    ASSERT_EQ(started.status, 202) << started.body;
    const json job = wait_job_finished(c, json::parse(started.body)["job_id"]);
    EXPECT_EQ(job["status"], "failed");
    EXPECT_NE(job.dump().find("refusing to replace sample_BTC_USDT_1h.parquet"), std::string::npos)
        << job.dump();
    EXPECT_EQ(read_text(file), before);
    // A new series is generated, and can be generated again.
    for (int i = 0; i < 2; ++i) {
        started = c.post("/api/data/generate-sample/", R"({"symbols":["ETH/USDT"],"days":2})");
        ASSERT_EQ(started.status, 202);
        EXPECT_EQ(wait_job_finished(c, json::parse(started.body)["job_id"])["status"], "completed");
    }
}

// Item 11: a temporary file whose series lock is free is removed when the server starts.
TEST(ServerDataIntegrityTest, StartRemovesStaleTemporaryFiles) {
    TempDir dir;
    fs::create_directories(dir / "processed");
    const fs::path stale = dir / "processed/.sample_BTC_USDT_1h.parquet.tmp-777-3";
    write_text(stale, "half a parquet file");
    ::setenv("AITP_ADMIN_PASSWORD", kAdminPassword, 1);
    server::ServerConfig config;
    config.data_dir = dir.path();
    config.port = 0;
    config.generate_demo_data = false;
    const ManualClock clock(kServerStartMs);
    auto app = server::App::create(config, clock);
    ASSERT_TRUE(app) << app.error().message();
    EXPECT_FALSE(fs::exists(stale));
}

}  // namespace
}  // namespace aitp::testing
