treaty query tests/golden/inputs/weighted_waiting.treaty -e "does Fund adopt \"m\" with votes no B" --at 2020
