treaty test tests/golden/inputs/because.treaty
