treaty test --at 1990 tests/golden/inputs/undated.treaty
