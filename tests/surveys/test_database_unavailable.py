"""The web app on a database with no tables answers 503 with a plain page, not a 500."""

from __future__ import annotations


def test_pages_on_a_database_without_tables_say_the_service_is_unavailable(app_factory, tmp_path):
    app = app_factory(f"sqlite:///{tmp_path}/new.db")
    client = app.test_client()
    for path in ("/areas?q=heath", "/s/draft-priorities"):
        response = client.get(path)
        assert response.status_code == 503, path
        page = response.get_data(as_text=True)
        assert "Sorry, the service is unavailable" in page
        assert "fairer db upgrade" in page
        assert "Traceback" not in page and "sqlite" not in page
