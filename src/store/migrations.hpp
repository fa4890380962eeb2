// SPDX-License-Identifier: MIT
// Versioned schema migrations, applied in order at open and recorded in schema_migrations.
// Each migration runs in its own transaction; a failed one leaves the previous version.
#pragma once

#include "core/status.hpp"

namespace aitp::store {

class Database;

/// Applies every migration newer than the recorded version; returns the resulting version.
Result<int> apply_migrations(Database& db);

/// The newest schema version this build knows.
int latest_schema_version();

}  // namespace aitp::store
