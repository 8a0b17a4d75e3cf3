treaty check
