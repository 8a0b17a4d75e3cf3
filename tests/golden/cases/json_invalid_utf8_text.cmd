treaty run --format json tests/golden/inputs/latin1_comment.treaty
