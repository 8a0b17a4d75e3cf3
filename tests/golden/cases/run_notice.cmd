treaty run tests/golden/inputs/notice.treaty
