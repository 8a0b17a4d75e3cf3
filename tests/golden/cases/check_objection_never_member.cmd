treaty check tests/golden/inputs/objection_never_member.treaty
