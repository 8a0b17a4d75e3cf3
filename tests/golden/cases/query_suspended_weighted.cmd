treaty query tests/golden/inputs/suspended_weighted.treaty -e 'does Fund adopt "m" with votes no B at 2010'
