treaty check tests/golden/inputs/bad_notice.treaty
