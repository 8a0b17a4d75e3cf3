treaty query tests/golden/inputs/exceptions.treaty -e 'obligations of AUS at 2010' -e 'obligations of FRN at 2009-11-30' -e 'obligations of FRN at 2009-12-01'
