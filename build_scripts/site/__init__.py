"""The only MkDocs-aware code: running the site engine (engine.py), the hook it loads (hooks.py, standalone: MkDocs
imports it by path), and the offline bundle (bundle.py). tests/test_site_contract.py names every MkDocs internal
the hook relies on."""

from .engine import (ENGINE_ENV, ENGINE_VARIABLE, ENGINES, GzipHandler, SiteRun, build_search_index, build_site,
                     copy_config, engine_name, mkdocs_command, pagefind_command, run_mkdocs, serve)

__all__ = ["ENGINE_ENV", "ENGINE_VARIABLE", "ENGINES", "GzipHandler", "SiteRun", "build_search_index", "build_site",
           "copy_config", "engine_name", "mkdocs_command", "pagefind_command", "run_mkdocs", "serve"]
