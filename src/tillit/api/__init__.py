"""The integration API: tokens with scopes over the same services and access rules as the pages."""
