treaty run --format xml examples/seed/scenarios.treaty
