treaty check --format json --at 2016-09-01 examples/seed/scenarios.treaty
