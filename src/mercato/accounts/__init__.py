"""Users, user groups and addresses of every party (admin, buyer, supplier): the behaviour the AdminUsers,
Users, SupplierUsers and Me resources share. Each is parameterised by a Party (user type + company)."""
