"""Graph rewriting: passes that simplify, stabilize and speed up a FunctionGraph."""
