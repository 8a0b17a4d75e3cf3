treaty query tests/golden/inputs/exclusive_clashes.treaty -e 'can Applicant join Sole' --at 2001
