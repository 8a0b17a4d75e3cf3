printf 'at 2017-12-01;\nsuppose CSTO decides by weighted by budget;\ndiff;\nshow CSTO;\ndoes CSTO adopt "x" with votes no Armenia;\n' | treaty repl examples/seed
