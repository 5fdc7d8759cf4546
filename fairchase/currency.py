"""The currencies a business can keep its amounts in: each one's sign as written before an
amount ("€1,200"), and the one a country uses, for the default. A small table of the common
ones (no locale library is a dependency): a currency outside it is not offered."""

from __future__ import annotations

from functools import cache

# ISO 4217 code -> (sign written before an amount, name). A sign several currencies share
# ("kr", "R$" aside) is written as the code, with a space: "SEK 1,200", never a bare "kr".
CURRENCIES: dict[str, tuple[str, str]] = {
    "USD": ("$", "US dollar"),
    "EUR": ("€", "Euro"),
    "GBP": ("£", "Pound sterling"),
    "CAD": ("CA$", "Canadian dollar"),
    "AUD": ("A$", "Australian dollar"),
    "NZD": ("NZ$", "New Zealand dollar"),
    "CHF": ("CHF ", "Swiss franc"),
    "JPY": ("¥", "Japanese yen"),
    "CNY": ("CN¥", "Chinese yuan"),
    "HKD": ("HK$", "Hong Kong dollar"),
    "SGD": ("S$", "Singapore dollar"),
    "INR": ("₹", "Indian rupee"),
    "KRW": ("₩", "South Korean won"),
    "SEK": ("SEK ", "Swedish krona"),
    "NOK": ("NOK ", "Norwegian krone"),
    "DKK": ("DKK ", "Danish krone"),
    "PLN": ("PLN ", "Polish złoty"),
    "CZK": ("CZK ", "Czech koruna"),
    "HUF": ("HUF ", "Hungarian forint"),
    "RON": ("RON ", "Romanian leu"),
    "TRY": ("₺", "Turkish lira"),
    "UAH": ("₴", "Ukrainian hryvnia"),
    "ILS": ("₪", "Israeli shekel"),
    "AED": ("AED ", "UAE dirham"),
    "SAR": ("SAR ", "Saudi riyal"),
    "ZAR": ("ZAR ", "South African rand"),
    "NGN": ("₦", "Nigerian naira"),
    "BRL": ("R$", "Brazilian real"),
    "MXN": ("MX$", "Mexican peso"),
    "ARS": ("ARS ", "Argentine peso"),
    "CLP": ("CLP ", "Chilean peso"),
    "COP": ("COP ", "Colombian peso"),
    "PHP": ("₱", "Philippine peso"),
    "THB": ("฿", "Thai baht"),
    "VND": ("₫", "Vietnamese dong"),
    "MYR": ("RM ", "Malaysian ringgit"),
    "IDR": ("Rp ", "Indonesian rupiah"),
}
DEFAULT = "USD"

_EURO = "AD AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MC ME MT NL PT SI SK SM VA XK"
# Country (ISO 3166, as phonenumbers names regions) -> its currency, for the ones above.
COUNTRY_CURRENCY: dict[str, str] = dict.fromkeys(_EURO.split(), "EUR") | {
    "US": "USD", "PR": "USD", "EC": "USD", "SV": "USD", "PA": "USD",
    "GB": "GBP", "GG": "GBP", "JE": "GBP", "IM": "GBP",
    "CA": "CAD", "AU": "AUD", "NZ": "NZD", "CH": "CHF", "LI": "CHF",
    "JP": "JPY", "CN": "CNY", "HK": "HKD", "SG": "SGD", "IN": "INR", "KR": "KRW",
    "SE": "SEK", "NO": "NOK", "DK": "DKK", "PL": "PLN", "CZ": "CZK", "HU": "HUF",
    "RO": "RON", "TR": "TRY", "UA": "UAH", "IL": "ILS", "AE": "AED", "SA": "SAR",
    "ZA": "ZAR", "NG": "NGN", "BR": "BRL", "MX": "MXN", "AR": "ARS", "CL": "CLP",
    "CO": "COP", "PH": "PHP", "TH": "THB", "VN": "VND", "MY": "MYR", "ID": "IDR",
}  # fmt: skip


def for_country(region: str) -> str:
    """The currency a country's businesses keep their books in, when the table has it; else
    the default (USD), which Settings can change."""
    return COUNTRY_CURRENCY.get((region or "").upper(), DEFAULT)


def sign(code: str) -> str:
    """What is written before an amount in `code`: '$', '€', 'CHF ' (a code not in the table:
    itself and a space)."""
    code = (code or DEFAULT).upper()
    return CURRENCIES[code][0] if code in CURRENCIES else f"{code} "


@cache
def signs() -> dict[str, str]:
    """Every sign in the table -> its code, the bare code included ('€' and 'EUR' -> 'EUR');
    the importer reads a value cell's currency by them. '$' is the US dollar's."""
    out = {code: code for code in CURRENCIES}
    for code, (written, _) in CURRENCIES.items():
        out.setdefault(written.strip(), code)
    return out


def amount(value: float, code: str = DEFAULT) -> str:
    """A whole amount as the app writes it: 1234.5 -> '$1,235', -5000 -> '-€5,000'."""
    whole = round(value)
    return f"{'-' if whole < 0 else ''}{sign(code)}{abs(value):,.0f}"


def choices() -> list[tuple[str, str]]:
    """The table as a menu: ('EUR', 'EUR: Euro (€)'), by code."""
    return [
        (code, f"{code}: {name} ({sign(code).strip()})")
        for code, (_, name) in sorted(CURRENCIES.items())
    ]
