"""A file exported in German, French or Spanish ("Vorname", "Téléphone", "Correo") was read
as if none of its columns named a lead field: nobody came in, and the report listed every
column as not read. Its headers are now read as English ones are, accents and case aside,
a first and a last name column joined into the lead's name; only a column no language
names is said to be left out."""

from __future__ import annotations

import io

import pytest

from fairchase.intake.importer import import_file
from fairchase.leads.models import Lead

FILES = {
    "de": (
        "Vorname;Nachname;Telefon;E-Mail;Firma;Quelle;Notiz;Lieblingsfarbe\n"
        "Anna;Müller;+49 30 901820;anna@example.de;Bäckerei Müller;Messe;Ruft morgen an;blau\n"
        "Jörg;Weiß;+49 30 901821;joerg@example.de;Weiß GmbH;Empfehlung;Angebot schicken;rot\n"
    ),
    "fr": (
        "NOM;Prénom;Téléphone;Courriel;Société;Source;Remarques;Couleur préférée\n"
        "Dupont;Marie;+33 1 42 68 53 00;marie@example.fr;Dupont SARL;Salon;Rappeler lundi;bleu\n"
        "Lefèvre;Éric;+33 1 42 68 53 01;eric@example.fr;Lefèvre & Fils;Site web;Devis;rouge\n"
    ),
    "es": (
        "Nombre,Apellido,Teléfono,Correo,Empresa,Fuente,Notas,Color favorito\n"
        "Lucía,García,+34 912 345 678,lucia@example.es,García SL,Feria,Llamar el martes,azul\n"
        "José,Núñez,+34 912 345 679,jose@example.es,Núñez y Cía,Web,Enviar presupuesto,rojo\n"
    ),
}
PEOPLE = {
    "de": {
        "Anna Müller": ("anna@example.de", "Bäckerei Müller", "Ruft morgen an"),
        "Jörg Weiß": ("joerg@example.de", "Weiß GmbH", "Angebot schicken"),
    },
    "fr": {
        "Marie Dupont": ("marie@example.fr", "Dupont SARL", "Rappeler lundi"),
        "Éric Lefèvre": ("eric@example.fr", "Lefèvre & Fils", "Devis"),
    },
    "es": {
        "Lucía García": ("lucia@example.es", "García SL", "Llamar el martes"),
        "José Núñez": ("jose@example.es", "Núñez y Cía", "Enviar presupuesto"),
    },
}
UNKNOWN = {"de": "Lieblingsfarbe", "fr": "Couleur préférée", "es": "Color favorito"}


@pytest.mark.parametrize("language", list(FILES))
def test_the_people_and_their_notes_come_in(alice, language):
    report = import_file(io.BytesIO(FILES[language].encode()), alice, filename="leads.csv")
    assert report.created == 2 and report.bad == 0, report.as_dict()
    leads = {lead.name: lead for lead in Lead.objects.all()}
    assert set(leads) == set(PEOPLE[language])
    for name, (email, company, note) in PEOPLE[language].items():
        lead = leads[name]
        assert (lead.email, lead.company) == (email, company)
        assert lead.phone.startswith("+") and note in lead.notes
        assert lead.source not in ("", "import")  # the Quelle/Source/Fuente column was read
    # the one column no language names is the only one said to be left out
    assert report.about == [f"1 column not read (no lead field chosen): “{UNKNOWN[language]}”."], (
        report.about
    )


@pytest.mark.parametrize(
    "header, mapping",
    [
        (["Name", "Vorname"], ["last_name", "first_name"]),  # "Name, Vorname": the surname
        (["Nombre", "Apellidos"], ["first_name", "last_name"]),
        (["Name", "Surname"], ["first_name", "last_name"]),
        (["NOM", "Prénom", "Nom de famille"], ["name", "first_name", "last_name"]),
        (["Nombre completo", "Apellido"], ["name", "last_name"]),  # not a bare name
        (["Nom"], ["name"]),
    ],
)
def test_a_bare_name_column_is_the_part_its_neighbours_leave_out(header, mapping):
    from fairchase.intake.mapping import detect_mapping

    assert detect_mapping(header)[1] == mapping
