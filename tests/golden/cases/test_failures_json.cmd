treaty test --format json tests/golden/inputs/failing_expect.treaty
