treaty query tests/scenarios/compound_rules.treaty -e 'does Council adopt "r" with votes no P2, E1 absent E2 at 2010' -e 'power in Council at 2010' --format json
