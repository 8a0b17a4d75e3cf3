treaty test --format json --run '^passes$' tests/golden/inputs/junit_hostile.treaty
