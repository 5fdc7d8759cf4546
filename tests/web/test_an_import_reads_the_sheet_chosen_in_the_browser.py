"""In a real Chromium: a workbook of two sheets of leads is uploaded once, the import page
asks which sheet (each with its rows, the one it would read chosen), the person picks the
second, sees its people in the preview and imports them; the report says the sheet read."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from fairchase.leads.models import Lead

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def two_fairs() -> bytes:
    wb = Workbook()
    spring = wb.active
    spring.title = "Spring fair"
    spring.append(["Name", "Email"])
    spring.append(["Ann Lee", "ann@example.com"])
    autumn = wb.create_sheet("Autumn fair")
    autumn.append(["Nombre", "Apellido", "Correo", "Notas"])
    autumn.append(["Lucía", "García", "lucia@example.es", "Llamar el martes"])
    autumn.append(["José", "Núñez", "jose@example.es", "Enviar presupuesto"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_second_sheet_is_chosen_previewed_and_imported(page_for, alice, tmp_path):
    path = tmp_path / "fairs.xlsx"
    path.write_bytes(two_fairs())
    page = page_for(alice)
    page.goto("/in/")
    page.set_input_files("input[type=file][name=file]", str(path))
    page.locator("form[action$='/in/import/'] button[type=submit]").click()
    choice = page.locator("#sheet")
    assert choice.locator("option").all_inner_texts() == [
        "Spring fair (1 row)",
        "Autumn fair (2 rows)",
    ]
    assert choice.input_value() == "Spring fair"
    assert "Ann Lee" in page.locator("table.preview").inner_text()

    choice.select_option("Autumn fair")
    page.click("#read-sheet")
    page.wait_for_selector("table.preview >> text=Lucía García")
    assert page.locator("#sheet").input_value() == "Autumn fair"
    assert "Ann Lee" not in page.locator("table.preview").inner_text()

    page.click("button[name=action][value=import]")
    page.wait_for_selector(".import-summary", timeout=20_000)
    report = page.locator("#import-progress").inner_text()
    assert "2 leads were created" in report and "read “Autumn fair”, as chosen." in report
    assert set(Lead.objects.values_list("name", flat=True)) == {"Lucía García", "José Núñez"}
