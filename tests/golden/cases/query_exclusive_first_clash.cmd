treaty query tests/golden/inputs/exclusive_clashes.treaty -e 'can Applicant join Sole' -e 'can Applicant join Bare' --at 2001
