// `storepulse serve` as users run it: a real process, stopped by a signal while a
// request is still arriving, and refusing bad options.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "cli/cli_runner.h"
#include "cli/serve_process.h"
#include "test_util.h"

namespace storepulse::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

int Connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

TEST(ServeCommandTest, SigtermLetsARequestStillArrivingFinishThenExitsZero) {
  TempDir dir;
  ServeProcess serve(dir, "--port 0 --warehouse none");
  const int port = serve.WaitForPort();
  ASSERT_GT(port, 0) << serve.log();
  ASSERT_EQ(httplib::Client("127.0.0.1", port).Get("/health")->status, 200);

  // Headers and half of the body now; the rest after the signal.
  const std::string body =
      R"({"quantity": 3, "unit_price": 15.5, "hour": 14, "day_of_week": 2})";
  const std::string head =
      "POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
      "application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  const int fd = Connect(port);
  ASSERT_GE(fd, 0);
  const std::string first = head + body.substr(0, 20);
  ASSERT_EQ(::write(fd, first.data(), first.size()), static_cast<ssize_t>(first.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  serve.Signal(SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(serve.Exited()) << "exited with a request in flight";
  const std::string rest = body.substr(20);
  ASSERT_EQ(::write(fd, rest.data(), rest.size()), static_cast<ssize_t>(rest.size()));
  std::string answer;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof(buffer))) > 0) answer.append(buffer, n);
  ::close(fd);
  // A complete answer: no model was given, so it is the 503 saying so.
  EXPECT_THAT(answer, HasSubstr("HTTP/1.1 503"));
  EXPECT_THAT(answer, HasSubstr("\"error\":\"no model: start serve with --models DIR"));
  EXPECT_EQ(serve.WaitForExit(), 0) << serve.log();
  EXPECT_THAT(serve.log(), HasSubstr("finishing the requests in flight"));
}

TEST(ServeCommandTest, SigintStopsAnIdleServer) {
  TempDir dir;
  ServeProcess serve(dir, "--port 0 --warehouse none");
  ASSERT_GT(serve.WaitForPort(), 0) << serve.log();
  serve.Signal(SIGINT);
  EXPECT_EQ(serve.WaitForExit(), 0) << serve.log();
  EXPECT_THAT(serve.log(), HasSubstr("stopped"));
}

TEST(ServeCommandTest, TokenFileProtectsTheRoutes) {
  TempDir dir;
  const std::string token = dir.Write("token", "t0ken\n");
  ServeProcess serve(dir, "--port 0 --warehouse none --token-file " + token);
  const int port = serve.WaitForPort();
  ASSERT_GT(port, 0) << serve.log();
  httplib::Client client("127.0.0.1", port);
  EXPECT_EQ(client.Get("/health")->status, 200);
  EXPECT_EQ(client.Get("/ready")->status, 401);
  EXPECT_EQ(client.Get("/ready", {{"Authorization", "Bearer t0ken"}})->status, 200);
  serve.Signal(SIGTERM);
  EXPECT_EQ(serve.WaitForExit(), 0);
}

TEST(ServeCommandTest, BadOptionsExitTwoNamingThem) {
  TempDir dir;
  const CliRun missing_token =
      RunCli("serve --port 0 --token-file " + (dir.path() / "none").string());
  EXPECT_EQ(missing_token.exit_code, 2);
  EXPECT_THAT(missing_token.out, HasSubstr("--token-file"));

  const CliRun bad_port = RunCli("serve --port 70000");
  EXPECT_EQ(bad_port.exit_code, 2);
  EXPECT_THAT(bad_port.out, HasSubstr("--port"));

  for (const char* refresh : {"-1", "86401", "soon"}) {
    const CliRun bad_refresh = RunCli(std::string("serve --port 0 --refresh ") + refresh);
    EXPECT_EQ(bad_refresh.exit_code, 2) << refresh;
    EXPECT_THAT(bad_refresh.out, HasSubstr("--refresh")) << refresh;
  }

  // A malformed warehouse URL can never load: refused at start (a well-formed one whose
  // server is down is not: the server waits for it and retries).
  for (const char* url :
       {"mysql://x/y", "postgresql://analyst:hunter2@host:99999/db", "sqlite://"}) {
    const CliRun bad_url =
        RunCli(std::string("serve --port 0 --warehouse '") + url + "'");
    EXPECT_EQ(bad_url.exit_code, 2) << url;
    EXPECT_THAT(bad_url.out, HasSubstr("error: --warehouse")) << url;
    EXPECT_THAT(bad_url.out, Not(HasSubstr("hunter2"))) << url;
  }

  // A port already taken.
  ServeProcess first(dir, "--port 0 --warehouse none");
  const int port = first.WaitForPort();
  ASSERT_GT(port, 0);
  const CliRun taken = RunCli("serve --warehouse none --port " + std::to_string(port));
  EXPECT_EQ(taken.exit_code, 2);
  EXPECT_THAT(taken.out, HasSubstr("cannot listen on 127.0.0.1:" + std::to_string(port)));
  first.Signal(SIGTERM);
  EXPECT_EQ(first.WaitForExit(), 0);
}

}  // namespace
}  // namespace storepulse::testing
