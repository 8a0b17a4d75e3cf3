treaty query tests/golden/inputs/budget.treaty --at 2020-01-01 -e 'eval count(w(A))' -e 'eval deeper(A)' -e 'eval h(A) == h(A)'
