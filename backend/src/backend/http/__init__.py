"""HTTP plumbing every app shares: errors, auth, limits, headers, logs, probes."""
