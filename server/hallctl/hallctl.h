// hallctl: the administrator's command line. It talks to the database
// directly (it is how the first admin and the demo data come to exist), and
// checks playbook files for authors.
#pragma once

#include <string>
#include <vector>

namespace hall::hallctl {

// Runs one hallctl command line; returns the process exit code. Output to
// stdout, errors to stderr.
int Run(const std::vector<std::string>& args);

}  // namespace hall::hallctl
