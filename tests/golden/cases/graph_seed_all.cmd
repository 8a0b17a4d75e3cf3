treaty graph --at 2016-01-01 --kind all examples/seed
