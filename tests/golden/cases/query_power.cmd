treaty query tests/scenarios/compound_rules.treaty -e 'power in Council at 2010' -e 'power in Union at 2010' -e 'minimal blocking coalitions of Union at 2010' -e 'shapley of E1 in Council at 2010'
