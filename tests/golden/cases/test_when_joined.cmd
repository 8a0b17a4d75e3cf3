treaty test tests/scenarios/when_joined.treaty
