treaty check tests/golden/inputs/negative_share.treaty
