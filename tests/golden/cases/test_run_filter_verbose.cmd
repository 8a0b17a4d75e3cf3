treaty test -v --run '^pass' tests/golden/inputs/junit_hostile.treaty tests/golden/inputs/crlf.treaty
