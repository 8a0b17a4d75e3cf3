treaty test --run 'no such title' tests/golden/inputs/junit_hostile.treaty tests/golden/inputs/crlf.treaty
