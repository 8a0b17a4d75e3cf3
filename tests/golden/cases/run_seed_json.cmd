treaty run --format json examples/seed/scenarios.treaty
