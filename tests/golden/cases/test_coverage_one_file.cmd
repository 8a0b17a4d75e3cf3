treaty test --coverage tests/golden/inputs/coverage/members.treaty
