// SPDX-License-Identifier: MIT
// Where outputs go: regular files are replaced atomically, devices and FIFOs are written in
// place and keep their type, directories are refused, and nothing is left behind on failure.
#include "core/output_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/result.hpp"
#include "support/test_paths.hpp"

namespace aitp {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

mode_t file_type(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_mode & S_IFMT;
}

std::size_t entries(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
}

TEST(OutputFileTest, NewAndRegularFilesAreReplacedAtomically) {
    TempDir tmp;
    const fs::path out = tmp / "out.csv";
    EXPECT_EQ(output_kind(out), OutputKind::Replace);
    ASSERT_OK(write_output(out, "first\n"));
    EXPECT_EQ(testing::read_text(out), "first\n");
    EXPECT_EQ(output_kind(out), OutputKind::Replace);
    {
        ASSERT_OK_AND_ASSIGN(OutputFile f, OutputFile::open(out));
        ASSERT_OK(f.write("second\n"));
        // Not visible before commit: the old content stays, the new one is a hidden temp file.
        EXPECT_EQ(testing::read_text(out), "first\n");
        EXPECT_EQ(entries(tmp.path()), 2u);
        ASSERT_OK(f.commit());
    }
    EXPECT_EQ(testing::read_text(out), "second\n");
    EXPECT_EQ(entries(tmp.path()), 1u);
    EXPECT_EQ(file_type(out), S_IFREG);
}

TEST(OutputFileTest, AnUncommittedOutputLeavesTheTargetAndNoTemporaryFile) {
    TempDir tmp;
    const fs::path out = tmp / "out.csv";
    testing::write_text(out, "keep\n");
    {
        ASSERT_OK_AND_ASSIGN(OutputFile f, OutputFile::open(out));
        ASSERT_OK(f.write("half"));
    }
    EXPECT_EQ(testing::read_text(out), "keep\n");
    EXPECT_EQ(entries(tmp.path()), 1u);
}

/// Writes text (less than a pipe buffer) to a new FIFO through write_output_via_file; returns
/// what its reader got and whether the FIFO is still a FIFO afterwards. The read end is opened
/// first, so the writer never blocks and a writer that wrongly replaced the FIFO cannot hang us.
std::pair<std::string, bool> write_through_fifo(const fs::path& fifo, const std::string& text) {
    EXPECT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const int fd = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    EXPECT_GE(fd, 0);
    ::fcntl(fd, F_SETFL, 0);
    EXPECT_OK(write_output_via_file(fifo, [&](const fs::path& p) -> Status {
        std::ofstream(p) << text;
        return ok_status();
    }));
    std::string got;
    char buf[4096];
    for (ssize_t n = 0; (n = ::read(fd, buf, sizeof buf)) > 0;) {
        got.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return {got, file_type(fifo) == S_IFIFO};
}

TEST(OutputFileTest, AFifoIsWrittenInPlace) {
    TempDir tmp;
    EXPECT_EQ(output_kind(tmp / "missing"), OutputKind::Replace);
    const auto [got, still_fifo] = write_through_fifo(tmp / "pipe", "through the pipe\n");
    EXPECT_EQ(got, "through the pipe\n");
    EXPECT_TRUE(still_fifo);
    EXPECT_EQ(output_kind(tmp / "pipe"), OutputKind::InPlace);
    EXPECT_EQ(entries(tmp.path()), 1u);
}

TEST(OutputFileTest, DevNullStaysACharacterDevice) {
    ASSERT_EQ(file_type("/dev/null"), S_IFCHR);
    // Guard: when run as root, a regression would replace the machine's /dev/null; touch it only
    // when the same writes keep a FIFO of our own a FIFO.
    TempDir tmp;
    ASSERT_EQ(output_kind("/dev/null"), OutputKind::InPlace);
    ASSERT_TRUE(write_through_fifo(tmp / "pipe", "x").second) << "not touching /dev/null";
    ASSERT_OK(write_output("/dev/null", "bytes\n"));
    ASSERT_OK(write_output_via_file("/dev/null", [](const fs::path& p) -> Status {
        std::ofstream(p) << "from a writer that needs a file name\n";
        return ok_status();
    }));
    EXPECT_EQ(file_type("/dev/null"), S_IFCHR);
}

TEST(OutputFileTest, ADirectoryIsRefusedWithOneClearError) {
    TempDir tmp;
    const auto kind = output_kind(tmp.path());
    ASSERT_FALSE(kind);
    EXPECT_EQ(kind.error().code(), ErrorCode::InvalidArgument);
    EXPECT_NE(kind.error().message().find(tmp.path().string() + ": is a directory"),
              std::string::npos)
        << kind.error().message();
    EXPECT_FALSE(write_output(tmp.path(), "x"));
    EXPECT_FALSE(write_output_via_file(tmp.path(), [](const fs::path&) { return ok_status(); }));
    EXPECT_EQ(file_type(tmp.path()), S_IFDIR);
    EXPECT_EQ(entries(tmp.path()), 0u);
}

TEST(OutputFileTest, DashIsStdout) {
    EXPECT_EQ(output_kind("-"), OutputKind::Stdout);
    ::testing::internal::CaptureStdout();
    const Status st = write_output("-", "to stdout\n");
    const std::string out = ::testing::internal::GetCapturedStdout();
    ASSERT_OK(st);
    EXPECT_EQ(out, "to stdout\n");
}

TEST(OutputFileTest, TemporaryNamesAreRecognised) {
    const fs::path temp = temp_path_for("/x/y/series.parquet");
    EXPECT_EQ(temp.parent_path(), fs::path("/x/y"));
    EXPECT_EQ(temp_target_name(temp.filename().string()), "series.parquet");
    EXPECT_EQ(temp_target_name(".x.tmp-12-a"), std::nullopt);
    EXPECT_EQ(temp_target_name("series.parquet"), std::nullopt);
}

}  // namespace
}  // namespace aitp
