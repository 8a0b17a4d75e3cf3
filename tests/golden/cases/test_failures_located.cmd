treaty test tests/golden/inputs/failing_expect.treaty
