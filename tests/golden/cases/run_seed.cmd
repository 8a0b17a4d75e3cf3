treaty run examples/seed/scenarios.treaty
