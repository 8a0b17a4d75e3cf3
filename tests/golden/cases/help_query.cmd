treaty help query
