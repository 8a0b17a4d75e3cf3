treaty check --at 2016-01-01 examples/seed
