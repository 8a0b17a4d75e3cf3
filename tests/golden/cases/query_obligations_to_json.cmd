treaty query tests/golden/inputs/suspensions.treaty --format json --at 1990-06-01 -e 'obligations to NEW kind defence' -e 'obligations to X'
