treaty query examples/seed/scenarios.treaty
