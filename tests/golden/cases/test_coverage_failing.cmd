treaty test --coverage tests/golden/inputs/failing_expect.treaty
