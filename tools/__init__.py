"""Developer tools outside the generator package: benchmark, synthetic corpus, output comparison.

They are not part of the cache's code version (build_scripts/ only), so editing them keeps every cache."""
