printf 'show NorthAtlantic;\nshow Falklands;\nshow Falklands1982;\nat 1960;\nshow NorthAtlantic;\n' | treaty repl --at 2020-01-01 examples/real/nato.treaty
