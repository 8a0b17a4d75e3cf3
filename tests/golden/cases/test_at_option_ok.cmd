treaty test --at 2001 tests/golden/inputs/undated.treaty
