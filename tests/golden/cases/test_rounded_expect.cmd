treaty test tests/golden/inputs/rounded_expect.treaty
