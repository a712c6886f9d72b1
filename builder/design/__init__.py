"""Design aids: what a course's design adds up to (alignment, statistics, item-writing lint)."""
