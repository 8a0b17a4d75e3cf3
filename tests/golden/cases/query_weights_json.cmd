treaty query tests/scenarios/weights.treaty -e 'does Council adopt "x" with votes no B at 2020' -e 'can D join Council at 2021' --format json
