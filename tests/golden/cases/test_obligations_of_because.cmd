treaty test tests/golden/inputs/obligations_of_because.treaty
