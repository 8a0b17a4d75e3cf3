treaty query tests/golden/inputs/suspended_consent.treaty -e 'can TON join Forum at 2010' -e 'can TON join Forum at 2014-10-22'
