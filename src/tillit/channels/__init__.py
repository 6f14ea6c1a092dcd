"""The platform catalogue, the channel register, its lifecycle and the mandates to run channels."""
