treaty check tests/golden/inputs/members_alone.treaty
