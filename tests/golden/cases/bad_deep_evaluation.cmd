treaty run tests/golden/inputs/deep_eval.treaty
