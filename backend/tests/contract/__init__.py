"""The entity contract suite: black-box tests every registered entity must pass."""
