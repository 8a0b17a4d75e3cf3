treaty check tests/golden/inputs/comments_only.treaty
