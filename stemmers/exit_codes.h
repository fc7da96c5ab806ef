// Exit codes of newsindex and newsquery (documented in the README), and the usage error type.
#pragma once

#include <stdexcept>

namespace newsindex {

enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,      // a bug or an unexpected failure
  kExitUsage = 2,         // bad arguments or an empty query
  kExitBadInput = 3,      // some input could not be used and was skipped (the rest was indexed)
  kExitIndexProblem = 4,  // database missing, locked, or built with a different analysis chain
};

// Bad command-line use; the message says what was wrong and what is valid.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace newsindex
