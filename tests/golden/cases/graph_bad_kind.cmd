treaty graph --kind offence examples/seed
