treaty check tests/golden/inputs/import_device.treaty
