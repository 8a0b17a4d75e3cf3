treaty test --run 'markup|passes' tests/golden/inputs/junit_hostile.treaty
