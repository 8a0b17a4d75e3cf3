treaty test --format json --run '^A quorum' tests/scenarios/compound_rules.treaty | grep -E '"because"|"passed": [0-9]'
