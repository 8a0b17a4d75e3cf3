treaty check --at 2020-01-01 tests/golden/inputs/objection_never_member.treaty
