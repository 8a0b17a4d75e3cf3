treaty test examples/seed
