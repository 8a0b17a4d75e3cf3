treaty test --coverage tests/golden/inputs/coverage/members.treaty tests/golden/inputs/coverage/../coverage/joining.treaty tests/golden/inputs/coverage/members.treaty
