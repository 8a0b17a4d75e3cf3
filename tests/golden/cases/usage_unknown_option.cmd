treaty check --frob examples/seed/states.treaty
