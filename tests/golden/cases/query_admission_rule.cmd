treaty query tests/scenarios/admission_rule.treaty -e 'can X join Alliance at 2000' -e 'can X join Alliance as observer at 2000'
