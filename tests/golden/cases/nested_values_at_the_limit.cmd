treaty query tests/golden/inputs/budget.treaty --at 2020-01-01 -e 'eval w(A)' && treaty query tests/golden/inputs/budget.treaty --at 2020-01-01 --format json -e 'eval w(A)' | tr -d ' \n'
