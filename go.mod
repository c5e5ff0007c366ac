module hatcheck

go 1.24.0
