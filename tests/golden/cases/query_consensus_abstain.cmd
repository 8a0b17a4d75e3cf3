treaty query tests/golden/inputs/consensus.treaty --at 2001 -e "does Cons adopt \"m\" with votes abstain A no B"
