// A real, throwaway PostgreSQL server for tests: Debian's server binaries run initdb in a
// fresh temporary directory and start a postmaster on a free loopback port (and a Unix
// socket in that directory); the destructor stops it and removes the directory.
//
// PostgreSQL refuses to run as root, and CI runs as root: then every server command runs
// as the `postgres` OS user (created by the Debian package), in a forked child that drops
// to that user before exec, and the directory is handed to that user. As any other user
// the commands run as that user.
#pragma once

#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace storepulse::testing {

class PostgresTestServer {
 public:
  // Starts a server; IOError says why not (binaries missing: install the postgresql
  // package, which `make test` and scripts/install-deps.sh do).
  static Result<std::unique_ptr<PostgresTestServer>> Start() {
    std::unique_ptr<PostgresTestServer> server(new PostgresTestServer());
    SP_RETURN_IF_ERROR(server->StartServer());
    return server;
  }

  ~PostgresTestServer() {
    if (started_) {
      // Immediate: no shutdown checkpoint, the data is thrown away anyway.
      (void)Run({bin_ + "/pg_ctl", "-D", data_dir(), "-m", "immediate", "-w", "-t", "30",
                 "stop"},
                dir_ + "/pg_ctl-stop.log");
    }
    if (!dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
  }
  PostgresTestServer(const PostgresTestServer&) = delete;
  PostgresTestServer& operator=(const PostgresTestServer&) = delete;

  int port() const { return port_; }
  // postgresql://postgres@127.0.0.1:PORT/DATABASE (the superuser, trust authentication).
  std::string Url(const std::string& database) const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
  }
  // Runs psql with `sql` on `database` (CREATE DATABASE, or writes behind a warehouse's
  // back). Not thread-safe (one log file).
  Status Psql(const std::string& sql, const std::string& database = "postgres") const {
    return Run({bin_ + "/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                "-p", std::to_string(port_), "-U", "postgres", "-d", database, "-c", sql},
               dir_ + "/psql.log");
  }

 private:
  PostgresTestServer() = default;

  std::string data_dir() const { return dir_ + "/data"; }

  static std::string FindBinaries() {
    if (const char* bin = std::getenv("STOREPULSE_PG_BIN")) return bin;
    std::string best;
    std::error_code error;
    for (const auto& entry :
         std::filesystem::directory_iterator("/usr/lib/postgresql", error)) {
      const std::string bin = entry.path().string() + "/bin";
      if (std::filesystem::exists(bin + "/initdb") && bin > best) best = bin;
    }
    return best;
  }

  // A port nobody listens on now. Another process could take it before the server does;
  // StartServer then retries with a new one.
  static Result<int> FreePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return Status::IOError("socket() failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    const bool ok =
        ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    ::close(fd);
    if (!ok) return Status::IOError("cannot bind a loopback port");
    return static_cast<int>(ntohs(address.sin_port));
  }

  Status StartServer() {
    bin_ = FindBinaries();
    if (bin_.empty()) {
      return Status::IOError(
          "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb): "
          "install the Debian package postgresql (scripts/install-deps.sh does)");
    }
    if (::geteuid() == 0) {
      const passwd* user = ::getpwnam("postgres");
      if (user == nullptr) {
        return Status::IOError(
            "running as root and there is no 'postgres' user to run the "
            "PostgreSQL server as (the postgresql package creates it)");
      }
      uid_ = user->pw_uid;
      gid_ = user->pw_gid;
    }
    std::string pattern =
        (std::filesystem::temp_directory_path() / "storepulse-pg-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return Status::IOError("mkdtemp failed");
    dir_ = pattern;
    if (uid_ >= 0 &&
        ::chown(dir_.c_str(), static_cast<uid_t>(uid_), static_cast<gid_t>(gid_)) != 0) {
      return Status::IOError("cannot hand " + dir_ + " to the postgres user");
    }
    // --no-sync and fsync=off: a test server's data need not survive a power cut.
    SP_RETURN_IF_ERROR(
        Run({bin_ + "/initdb", "-D", data_dir(), "-U", "postgres", "--auth=trust", "-E",
             "UTF8", "--locale=C", "--no-sync", "--no-instructions"},
            dir_ + "/initdb.log"));
    Status status;
    for (int attempt = 0; attempt < 3; ++attempt) {
      SP_ASSIGN_OR_RETURN(port_, FreePort());
      const std::string options = "-c listen_addresses=127.0.0.1 -p " +
                                  std::to_string(port_) + " -k " + dir_ +
                                  " -c fsync=off -c synchronous_commit=off"
                                  " -c full_page_writes=off -c shared_buffers=32MB"
                                  " -c max_connections=30";
      status = Run({bin_ + "/pg_ctl", "-D", data_dir(), "-l", dir_ + "/server.log", "-o",
                    options, "-w", "-t", "30", "start"},
                   dir_ + "/pg_ctl-start.log");
      if (status.ok()) {
        started_ = true;
        return Status::Ok();
      }
    }
    std::ifstream in(dir_ + "/server.log");
    return Status::IOError(status.message() + "\nserver log:\n" +
                           std::string((std::istreambuf_iterator<char>(in)),
                                       std::istreambuf_iterator<char>()));
  }

  // Runs `argv` (as the postgres user when running as root) with its output in `log`,
  // and waits for it; IOError with the log's text when it fails.
  Status Run(const std::vector<std::string>& argv, const std::string& log) const {
    const pid_t child = ::fork();
    if (child < 0) return Status::IOError("fork failed");
    if (child == 0) {
      // Only async-signal-safe calls from here to exec.
      const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (out >= 0) {
        ::dup2(out, STDOUT_FILENO);
        ::dup2(out, STDERR_FILENO);
        ::close(out);
      }
      const int null_in = ::open("/dev/null", O_RDONLY);
      if (null_in >= 0) ::dup2(null_in, STDIN_FILENO);
      if (uid_ >= 0) {
        if (::setgroups(0, nullptr) != 0 || ::setgid(static_cast<gid_t>(gid_)) != 0 ||
            ::setuid(static_cast<uid_t>(uid_)) != 0) {
          ::_exit(126);
        }
      }
      // The postgres user may not be allowed into the test's working directory.
      if (::chdir(dir_.c_str()) != 0) ::_exit(126);
      std::vector<char*> args;
      for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    int wait_status = 0;
    while (::waitpid(child, &wait_status, 0) < 0) {
      if (errno != EINTR) return Status::IOError("waitpid failed");
    }
    if (WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0) return Status::Ok();
    std::ifstream in(log);
    const std::string output((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
    std::string message = argv[0] + " failed";
    if (WIFEXITED(wait_status))
      message += " (exit " + std::to_string(WEXITSTATUS(wait_status)) + ")";
    return Status::IOError(message + ": " + output);
  }

  std::string bin_;
  std::string dir_;
  int port_ = 0;
  int uid_ = -1;  // >= 0: run the server commands as this user
  int gid_ = -1;
  bool started_ = false;
};

}  // namespace storepulse::testing
