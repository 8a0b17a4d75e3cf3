treaty query tests/golden/inputs/obligations.treaty -e 'obligations of JPN kind defenc' -e 'obligations of Japn' -e 'obligations of'
