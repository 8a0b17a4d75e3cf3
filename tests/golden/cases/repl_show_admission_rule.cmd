printf 'show Alliance;\n' | treaty repl --at 2000-01-01 tests/scenarios/admission_rule.treaty
