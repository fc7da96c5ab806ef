// The one error hierarchy of newsindex and its exit codes (documented in the README). Libraries
// throw these and never print or exit; each main catches them once, prints one line and returns
// exit_code() (error_exit_code() maps any exception, Xapian's included).
#pragma once

#include <stdexcept>
#include <string>

namespace newsindex {

// Exit codes of every newsindex program (newsindex, newsquery, newscorpus, the bench tools).
enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,     // a bug: an exception nobody expected
  kExitUsage = 2,        // bad arguments, option values or an empty query
  kExitInputSkipped = 3, // some input (an article, a file, a batch query) could not be used and was skipped
  kExitEnvironment = 4,  // the environment: index missing, locked or incompatible, disk full, data file missing
};

// Base of every error newsindex reports: a one-line message and the exit code it stands for.
class Error : public std::runtime_error {
 public:
  Error(const std::string& message, ExitCode code) : std::runtime_error(message), code_(code) {}
  ExitCode exit_code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

// Bad command-line use or option value; the message names the value and says what is valid. Exit 2.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message, kExitUsage) {}
};

// Input that cannot be used (a file, a line, a model file); the message names the file and line. Exit 3.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(message, kExitInputSkipped) {}
};

// The environment: a database missing, locked, built by another analysis chain or corrupt; a full
// disk; a missing data file such as the German word list. Exit 4.
class EnvironmentError : public Error {
 public:
  explicit EnvironmentError(const std::string& message) : Error(message, kExitEnvironment) {}
};

// A problem with the database itself (missing, locked, incompatible, corrupt): an environment error.
class IndexError : public EnvironmentError {
 public:
  using EnvironmentError::EnvironmentError;
};

}  // namespace newsindex
