"""An area page when IoD2025 came from File 1 alone, which ranks the IMD but no domain: the page
still opens and says the domains are not available, rather than failing."""

from __future__ import annotations

from engagement.areas.iod_import import import_iod_files
from storage import session_scope
from storage.db import make_engine
from tests.engagement.iod2025_files import write_all
from tests.surveys.conftest import build_app
from tests.surveys.pages import parse, text

NORWICH = "E07000148"  # the four LSOAs iod2025_files writes are all in Norwich


def test_a_neighbourhood_list_without_domain_ranks_says_not_available(db_url, tmp_path):
    files = write_all(tmp_path)
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        import_iod_files(session, [files["file_1"], files["file_6"]])
    engine.dispose()
    response = build_app(db_url).test_client().get(f"/areas/{NORWICH}")
    assert response.status_code == 200
    rows = parse(response).select("#neighbourhoods tbody tr")
    assert len(rows) == 4
    assert {text(row.select("td")[-1]) for row in rows} == {"Not available"}
