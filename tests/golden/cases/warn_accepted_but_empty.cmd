treaty check --at 2010-01-01 tests/golden/inputs/suppose_leave_nothing.treaty
