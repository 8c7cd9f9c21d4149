"""What the catalog resources share: visibility of products and categories to a buyer user, pricing (pure
functions over price schedules and spec markups), and facets."""
