"""Brazil as the real export sees it: per state, customers, sellers, CEP ranges, cities, delays.

Customer and seller counts are the real ones at scale 1; cities carry their share of the state's
customers (the rest goes to generated small towns); delivery days are the real mean from purchase.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StateProfile:
    uf: str
    customers: int
    sellers: int
    zip_ranges: tuple[tuple[int, int], ...]  # inclusive 5-digit CEP prefix ranges
    capital: tuple[float, float]  # lat, lng
    centre: tuple[float, float]
    spread: float  # degrees: how far towns lie from the centre
    delivery_days: float
    cities: tuple[tuple[str, float], ...]  # (name with accents, share of customers), capital first


# uf: customers, sellers, CEP prefix ranges, capital (lat, lng), centre (lat, lng),
# spread in degrees, mean delivery days
_Profile = tuple[
    int, int, tuple[tuple[int, int], ...], tuple[float, float], tuple[float, float], float, float
]
_PROFILES: dict[str, _Profile] = {
    "SP": (41_746, 1_849, ((1000, 19999),), (-23.55, -46.63), (-22.2, -48.7), 1.4, 8.3),
    "RJ": (12_852, 171, ((20000, 28999),), (-22.91, -43.17), (-22.3, -42.6), 0.6, 14.8),
    "MG": (11_635, 244, ((30000, 39999),), (-19.92, -43.94), (-18.5, -44.6), 2.2, 11.5),
    "RS": (5_466, 129, ((90000, 99999),), (-30.03, -51.23), (-29.7, -53.3), 1.5, 14.8),
    "PR": (5_045, 349, ((80000, 87999),), (-25.43, -49.27), (-24.6, -51.6), 1.3, 11.5),
    "SC": (3_637, 190, ((88000, 89999),), (-27.59, -48.55), (-27.2, -50.3), 0.9, 14.5),
    "BA": (3_380, 19, ((40000, 48999),), (-12.97, -38.5), (-12.5, -41.7), 2.5, 18.9),
    "DF": (
        2_140, 30, ((70000, 72799), (73000, 73699)), (-15.79, -47.88),
        (-15.8, -47.8), 0.25, 12.5,
    ),
    "ES": (2_033, 23, ((29000, 29999),), (-20.32, -40.34), (-19.6, -40.6), 0.7, 15.3),
    "GO": (
        2_020, 40, ((72800, 72999), (73700, 76799)), (-16.68, -49.25),
        (-15.9, -49.8), 1.8, 15.2,
    ),
    "PE": (1_652, 9, ((50000, 56999),), (-8.05, -34.88), (-8.4, -37.9), 1.2, 18.0),
    "CE": (1_336, 13, ((60000, 63999),), (-3.73, -38.53), (-5.2, -39.5), 1.2, 20.8),
    "PA": (975, 1, ((66000, 68899),), (-1.46, -48.49), (-4.0, -52.5), 3.5, 23.3),
    "MT": (907, 4, ((78000, 78899),), (-15.6, -56.1), (-12.9, -55.9), 3.0, 17.6),
    "MA": (747, 1, ((65000, 65999),), (-2.53, -44.3), (-5.0, -45.3), 1.8, 21.1),
    "MS": (715, 5, ((79000, 79999),), (-20.47, -54.62), (-20.5, -54.8), 1.8, 15.2),
    "PB": (536, 6, ((58000, 58999),), (-7.12, -34.86), (-7.2, -36.7), 0.7, 19.9),
    "PI": (495, 1, ((64000, 64999),), (-5.09, -42.8), (-7.7, -42.7), 1.8, 18.9),
    "RN": (485, 5, ((59000, 59999),), (-5.79, -35.21), (-5.8, -36.6), 0.6, 18.8),
    "AL": (413, 0, ((57000, 57999),), (-9.67, -35.74), (-9.6, -36.6), 0.5, 24.0),
    "SE": (350, 2, ((49000, 49999),), (-10.91, -37.07), (-10.6, -37.4), 0.4, 21.0),
    "TO": (280, 0, ((77000, 77999),), (-10.18, -48.33), (-10.2, -48.3), 1.6, 17.2),
    "RO": (253, 2, ((76800, 76999),), (-8.76, -63.9), (-10.9, -62.8), 1.5, 18.9),
    "AM": (148, 1, ((69000, 69299), (69400, 69899)), (-3.12, -60.02), (-4.2, -64.6), 4.0, 26.0),
    "AC": (81, 1, ((69900, 69999),), (-9.97, -67.81), (-9.0, -70.5), 1.5, 21.0),
    "AP": (68, 0, ((68900, 68999),), (0.03, -51.07), (1.4, -51.8), 1.2, 26.7),
    "RR": (46, 0, ((69300, 69399),), (2.82, -60.67), (2.1, -61.4), 1.2, 29.0),
}  # fmt: skip

# uf: (city with accents, share of the state's customers), capital first
_CITIES: dict[str, tuple[tuple[str, float], ...]] = {
    "SP": (
        ("são paulo", 0.37), ("campinas", 0.035), ("guarulhos", 0.028),
        ("são bernardo do campo", 0.022), ("santo andré", 0.019), ("osasco", 0.018),
        ("santos", 0.017), ("são josé dos campos", 0.017), ("sorocaba", 0.015), ("jundiaí", 0.013),
        ("ribeirão preto", 0.012), ("mogi das cruzes", 0.011), ("piracicaba", 0.009),
        ("barueri", 0.009), ("são josé do rio preto", 0.009), ("bauru", 0.008),
        ("praia grande", 0.008), ("taboão da serra", 0.007), ("carapicuíba", 0.007),
        ("diadema", 0.007), ("franca", 0.006), ("indaiatuba", 0.006), ("cotia", 0.006),
        ("são caetano do sul", 0.006), ("americana", 0.005), ("limeira", 0.005), ("taubaté", 0.005),
        ("suzano", 0.005), ("são carlos", 0.004), ("marília", 0.004),
        ("presidente prudente", 0.004), ("jacareí", 0.004), ("araraquara", 0.004),
        ("itaquaquecetuba", 0.004), ("guarujá", 0.004), ("atibaia", 0.003),
    ),
    "RJ": (
        ("rio de janeiro", 0.535), ("niterói", 0.066), ("são gonçalo", 0.036),
        ("nova iguaçu", 0.03), ("duque de caxias", 0.023), ("campos dos goytacazes", 0.02),
        ("petrópolis", 0.019), ("volta redonda", 0.015), ("macaé", 0.013), ("teresópolis", 0.011),
        ("nova friburgo", 0.01), ("belford roxo", 0.01), ("são joão de meriti", 0.009),
        ("itaboraí", 0.009), ("cabo frio", 0.009), ("resende", 0.008), ("barra mansa", 0.008),
        ("maricá", 0.008), ("angra dos reis", 0.007),
    ),
    "MG": (
        ("belo horizonte", 0.24), ("contagem", 0.04), ("juiz de fora", 0.035),
        ("uberlândia", 0.035), ("betim", 0.02), ("montes claros", 0.014), ("uberaba", 0.014),
        ("divinópolis", 0.012), ("poços de caldas", 0.011), ("governador valadares", 0.01),
        ("ipatinga", 0.01), ("sete lagoas", 0.01), ("varginha", 0.009), ("pouso alegre", 0.009),
        ("nova lima", 0.009), ("santa luzia", 0.008), ("lavras", 0.007), ("barbacena", 0.006),
        ("patos de minas", 0.006), ("itajubá", 0.006), ("ribeirão das neves", 0.006),
        ("teófilo otoni", 0.004),
    ),
    "RS": (
        ("porto alegre", 0.25), ("caxias do sul", 0.05), ("canoas", 0.04), ("pelotas", 0.035),
        ("santa maria", 0.03), ("novo hamburgo", 0.025), ("gravataí", 0.02), ("são leopoldo", 0.02),
        ("passo fundo", 0.02), ("viamão", 0.013), ("rio grande", 0.013),
        ("santa cruz do sul", 0.012), ("bento gonçalves", 0.012), ("cachoeirinha", 0.011),
        ("lajeado", 0.009), ("erechim", 0.008),
    ),
    "PR": (
        ("curitiba", 0.3), ("londrina", 0.06), ("maringá", 0.05), ("ponta grossa", 0.025),
        ("cascavel", 0.025), ("são josé dos pinhais", 0.025), ("foz do iguaçu", 0.02),
        ("colombo", 0.013), ("guarapuava", 0.012), ("toledo", 0.01), ("pinhais", 0.01),
        ("araucária", 0.009), ("apucarana", 0.008), ("campo largo", 0.008), ("paranaguá", 0.007),
        ("umuarama", 0.007),
    ),
    "SC": (
        ("florianópolis", 0.157), ("joinville", 0.08), ("blumenau", 0.08), ("são josé", 0.06),
        ("itajaí", 0.035), ("criciúma", 0.035), ("chapecó", 0.03), ("balneário camboriú", 0.03),
        ("palhoça", 0.03), ("jaraguá do sul", 0.025), ("lages", 0.02), ("brusque", 0.02),
        ("tubarão", 0.015), ("biguaçu", 0.012), ("camboriú", 0.01), ("navegantes", 0.009),
    ),
    "BA": (
        ("salvador", 0.37), ("feira de santana", 0.05), ("vitória da conquista", 0.035),
        ("lauro de freitas", 0.035), ("camaçari", 0.025), ("ilhéus", 0.02), ("itabuna", 0.02),
        ("juazeiro", 0.015), ("porto seguro", 0.015), ("barreiras", 0.012),
        ("teixeira de freitas", 0.012), ("jequié", 0.01), ("alagoinhas", 0.01),
        ("simões filho", 0.006),
    ),
    "DF": (
        ("brasília", 0.97), ("taguatinga", 0.01), ("gama", 0.008), ("sobradinho", 0.007),
        ("guará", 0.005),
    ),
    "ES": (
        ("vitória", 0.2), ("vila velha", 0.19), ("serra", 0.15), ("cariacica", 0.09),
        ("cachoeiro de itapemirim", 0.05), ("linhares", 0.03), ("guarapari", 0.03),
        ("colatina", 0.025), ("são mateus", 0.015), ("aracruz", 0.015),
    ),
    "GO": (
        ("goiânia", 0.34), ("aparecida de goiânia", 0.08), ("anápolis", 0.07), ("rio verde", 0.04),
        ("luziânia", 0.02), ("valparaíso de goiás", 0.02), ("catalão", 0.02),
        ("águas lindas de goiás", 0.015), ("itumbiara", 0.015), ("jataí", 0.015),
        ("caldas novas", 0.015), ("formosa", 0.015),
    ),
    "PE": (
        ("recife", 0.32), ("jaboatão dos guararapes", 0.08), ("olinda", 0.06), ("caruaru", 0.05),
        ("petrolina", 0.05), ("paulista", 0.04), ("cabo de santo agostinho", 0.025),
        ("garanhuns", 0.02), ("camaragibe", 0.015), ("vitória de santo antão", 0.012),
    ),
    "CE": (
        ("fortaleza", 0.49), ("caucaia", 0.04), ("juazeiro do norte", 0.04), ("maracanaú", 0.03),
        ("sobral", 0.025), ("crato", 0.015), ("itapipoca", 0.01), ("maranguape", 0.01),
        ("iguatu", 0.01),
    ),
    "PA": (
        ("belém", 0.46), ("ananindeua", 0.1), ("santarém", 0.05), ("marabá", 0.05),
        ("castanhal", 0.04), ("parauapebas", 0.04), ("abaetetuba", 0.015), ("altamira", 0.015),
    ),
    "MT": (
        ("cuiabá", 0.36), ("várzea grande", 0.1), ("rondonópolis", 0.07), ("sinop", 0.06),
        ("tangará da serra", 0.03), ("sorriso", 0.03), ("lucas do rio verde", 0.025),
        ("primavera do leste", 0.02), ("barra do garças", 0.02),
    ),
    "MA": (
        ("são luís", 0.46), ("imperatriz", 0.1), ("timon", 0.03), ("caxias", 0.03),
        ("são josé de ribamar", 0.03), ("codó", 0.015), ("bacabal", 0.015), ("balsas", 0.015),
    ),
    "MS": (
        ("campo grande", 0.63), ("dourados", 0.09), ("três lagoas", 0.05), ("corumbá", 0.03),
        ("ponta porã", 0.025), ("naviraí", 0.015), ("nova andradina", 0.015),
    ),
    "PB": (
        ("joão pessoa", 0.52), ("campina grande", 0.16), ("santa rita", 0.03), ("patos", 0.03),
        ("bayeux", 0.025), ("cabedelo", 0.02), ("sousa", 0.015), ("cajazeiras", 0.015),
    ),
    "PI": (
        ("teresina", 0.51), ("parnaíba", 0.06), ("picos", 0.05), ("piripiri", 0.025),
        ("floriano", 0.025), ("campo maior", 0.015),
    ),
    "RN": (
        ("natal", 0.53), ("mossoró", 0.1), ("parnamirim", 0.1), ("caicó", 0.025),
        ("são gonçalo do amarante", 0.02), ("macaíba", 0.02), ("assú", 0.01),
    ),
    "AL": (
        ("maceió", 0.6), ("arapiraca", 0.08), ("rio largo", 0.025), ("palmeira dos índios", 0.02),
        ("penedo", 0.015), ("união dos palmares", 0.015), ("delmiro gouveia", 0.01),
    ),
    "SE": (
        ("aracaju", 0.61), ("nossa senhora do socorro", 0.07), ("lagarto", 0.04),
        ("itabaiana", 0.04), ("estância", 0.03), ("são cristóvão", 0.03),
    ),
    "TO": (
        ("palmas", 0.28), ("araguaína", 0.15), ("gurupi", 0.08), ("porto nacional", 0.05),
        ("paraíso do tocantins", 0.04), ("colinas do tocantins", 0.03),
    ),
    "RO": (
        ("porto velho", 0.5), ("ji-paraná", 0.1), ("ariquemes", 0.08), ("vilhena", 0.07),
        ("cacoal", 0.07), ("rolim de moura", 0.04),
    ),
    "AM": (
        ("manaus", 0.83), ("parintins", 0.03), ("itacoatiara", 0.03), ("manacapuru", 0.03),
        ("coari", 0.015),
    ),
    "AC": (
        ("rio branco", 0.83), ("cruzeiro do sul", 0.08), ("sena madureira", 0.03),
        ("tarauacá", 0.02),
    ),
    "AP": (
        ("macapá", 0.82), ("santana", 0.12), ("laranjal do jari", 0.03), ("oiapoque", 0.02),
    ),
    "RR": (
        ("boa vista", 0.85), ("rorainópolis", 0.05), ("caracaraí", 0.04), ("alto alegre", 0.03),
    ),
}  # fmt: skip

STATES: tuple[StateProfile, ...] = tuple(
    StateProfile(uf, *profile, _CITIES[uf]) for uf, profile in _PROFILES.items()
)

# Parts of generated small-town names ("santa rita do sul", "nova esperança"...).
TOWN_STEMS: tuple[str, ...] = (
    "santa rita", "são josé", "são joão", "santo antônio", "bom jesus", "boa vista", "campo",
    "porto", "monte", "ribeirão", "rio", "serra", "lagoa", "barra", "águas", "três", "santa cruz",
    "são pedro", "são francisco", "conceição", "pedra", "palmeira", "cachoeira", "jardim",
    "vila", "alto", "bela vista", "olho d'água", "itapeva", "nova", "santa maria", "são miguel",
    "santa luzia", "são sebastião", "planalto", "capela", "morro", "ponte", "lago", "cruzeiro",
)  # fmt: skip
TOWN_SUFFIXES: tuple[str, ...] = (
    "", " do sul", " do norte", " da serra", " das flores", " alegre", " verde", " branca",
    " grande", " bonita", " nova", " do oeste", " do leste", " dourada", " azul", " bela",
    " da mata", " do campo", " dos pinhais", " da esperança", " do rio", " das pedras",
    " do sertão", " da paz", " paulista", " mineira", " das almas", " de cima", " velha",
    " formosa", " dos índios", " da barra",
)  # fmt: skip

# Tupi-style town names ("itaquara", "guaramirim", "jacutinga"), with or without a suffix.
TUPI_HEADS: tuple[str, ...] = (
    "ita", "pira", "guara", "jacu", "tupa", "cara", "ibi", "ara", "capi", "igua", "para",
    "itapi", "jabo", "mara", "cuia", "uba", "inda", "bira", "jaca", "tiju", "itu", "cama",
    "pinda", "caju", "jundi", "mogi", "urupe", "anhan", "ipa", "taqua",
)  # fmt: skip
TUPI_TAILS: tuple[str, ...] = (
    "tiba", "poã", "guaçu", "mirim", "porã", "tuba", "nema", "quara", "ranga", "tinga", "baté",
    "pava", "rema", "cica", "juba", "peva", "tuva", "rama", "una", "pema", "çaba", "ranha",
    "pira", "beí", "tama", "pé", "raí", "guá", "cema", "nduba",
)  # fmt: skip
TUPI_SUFFIXES: tuple[str, ...] = ("", " do sul", " do norte", " da serra", " velho")

# Where the odd geolocation points outside Brazil sit (a known anomaly of the real file).
OUTSIDE_BRAZIL_SPOTS: tuple[tuple[float, float], ...] = (
    (38.72, -9.14),  # Lisbon
    (41.15, -8.61),  # Porto
    (42.44, -8.64),  # Galicia
    (25.99, -80.16),  # Florida
    (-34.60, -58.38),  # Buenos Aires
    (14.60, -61.07),  # Caribbean
)
