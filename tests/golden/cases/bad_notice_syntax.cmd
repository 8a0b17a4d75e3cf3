treaty check tests/golden/inputs/bad_notice_syntax.treaty
