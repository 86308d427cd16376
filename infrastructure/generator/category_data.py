"""The 73 product categories of the real export, with their translation and weight.

Order follows the real translation file; the last two have no translation (a known anomaly).
Per category: English name, products and items at scale 1, and a typical price in BRL.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    name: str
    english: str | None
    products: int
    items: int
    price_median: float


_ROWS: tuple[tuple[str, str | None, int, int, float], ...] = (
    ("beleza_saude", "health_beauty", 2_444, 9_670, 90),
    ("informatica_acessorios", "computers_accessories", 1_639, 7_827, 80),
    ("automotivo", "auto", 1_900, 4_235, 80),
    ("cama_mesa_banho", "bed_bath_table", 3_029, 11_115, 80),
    ("moveis_decoracao", "furniture_decor", 2_657, 8_334, 80),
    ("esporte_lazer", "sports_leisure", 2_867, 8_641, 90),
    ("perfumaria", "perfumery", 868, 3_419, 80),
    ("utilidades_domesticas", "housewares", 2_335, 6_964, 60),
    ("telefonia", "telephony", 1_134, 4_545, 30),
    ("relogios_presentes", "watches_gifts", 1_329, 5_991, 140),
    ("alimentos_bebidas", "food_drink", 104, 278, 40),
    ("bebes", "baby", 919, 3_065, 90),
    ("papelaria", "stationery", 849, 2_517, 60),
    ("tablets_impressao_imagem", "tablets_printing_image", 9, 83, 70),
    ("brinquedos", "toys", 1_411, 4_117, 80),
    ("telefonia_fixa", "fixed_telephony", 116, 264, 130),
    ("ferramentas_jardim", "garden_tools", 753, 4_347, 60),
    ("fashion_bolsas_e_acessorios", "fashion_bags_accessories", 849, 2_031, 40),
    ("eletroportateis", "small_appliances", 231, 679, 160),
    ("consoles_games", "consoles_games", 317, 1_137, 80),
    ("audio", "audio", 58, 364, 80),
    ("fashion_calcados", "fashion_shoes", 173, 262, 80),
    ("cool_stuff", "cool_stuff", 789, 3_796, 130),
    ("malas_acessorios", "luggage_accessories", 349, 1_092, 130),
    ("climatizacao", "air_conditioning", 124, 297, 110),
    ("construcao_ferramentas_construcao", "construction_tools_construction", 400, 929, 100),
    (
        "moveis_cozinha_area_de_servico_jantar_e_jardim",
        "kitchen_dining_laundry_garden_furniture",
        94,
        281,
        100,
    ),
    ("construcao_ferramentas_jardim", "costruction_tools_garden", 88, 238, 90),
    ("fashion_roupa_masculina", "fashion_male_clothing", 95, 132, 70),
    ("pet_shop", "pet_shop", 719, 1_947, 70),
    ("moveis_escritorio", "office_furniture", 309, 1_691, 130),
    ("market_place", "market_place", 104, 311, 80),
    ("eletronicos", "electronics", 517, 2_767, 40),
    ("eletrodomesticos", "home_appliances", 370, 771, 60),
    ("artigos_de_festas", "party_supplies", 26, 43, 40),
    ("casa_conforto", "home_confort", 111, 434, 100),
    ("construcao_ferramentas_ferramentas", "costruction_tools_tools", 39, 103, 60),
    ("agro_industria_e_comercio", "agro_industry_and_commerce", 74, 212, 200),
    ("moveis_colchao_e_estofado", "furniture_mattress_and_upholstery", 10, 38, 90),
    ("livros_tecnicos", "books_technical", 123, 267, 70),
    ("casa_construcao", "home_construction", 225, 604, 90),
    ("instrumentos_musicais", "musical_instruments", 289, 680, 180),
    ("moveis_sala", "furniture_living_room", 156, 503, 100),
    ("construcao_ferramentas_iluminacao", "construction_tools_lights", 78, 304, 60),
    ("industria_comercio_e_negocios", "industry_commerce_and_business", 68, 268, 140),
    ("alimentos", "food", 82, 510, 40),
    ("artes", "art", 55, 209, 70),
    ("moveis_quarto", "furniture_bedroom", 45, 109, 90),
    ("livros_interesse_geral", "books_general_interest", 216, 553, 50),
    ("construcao_ferramentas_seguranca", "construction_tools_safety", 91, 194, 120),
    ("fashion_underwear_e_moda_praia", "fashion_underwear_beach", 53, 131, 40),
    ("fashion_esporte", "fashion_sport", 19, 30, 70),
    ("sinalizacao_e_seguranca", "signaling_and_security", 93, 199, 70),
    ("pcs", "computers", 30, 203, 900),
    ("artigos_de_natal", "christmas_supplies", 65, 153, 40),
    ("fashion_roupa_feminina", "fashio_female_clothing", 27, 48, 45),
    ("eletrodomesticos_2", "home_appliances_2", 90, 238, 300),
    ("livros_importados", "books_imported", 31, 60, 60),
    ("bebidas", "drinks", 81, 379, 40),
    ("cine_foto", "cine_photo", 28, 72, 80),
    ("la_cuisine", "la_cuisine", 10, 14, 140),
    ("musica", "music", 27, 38, 70),
    ("casa_conforto_2", "home_comfort_2", 5, 30, 30),
    ("portateis_casa_forno_e_cafe", "small_appliances_home_oven_and_coffee", 31, 76, 400),
    ("cds_dvds_musicais", "cds_dvds_musicals", 1, 14, 50),
    ("dvds_blu_ray", "dvds_blu_ray", 48, 64, 40),
    ("flores", "flowers", 14, 33, 30),
    ("artes_e_artesanato", "arts_and_craftmanship", 19, 24, 50),
    ("fraldas_higiene", "diapers_and_hygiene", 12, 39, 40),
    ("fashion_roupa_infanto_juvenil", "fashion_childrens_clothes", 5, 8, 60),
    ("seguros_e_servicos", "security_and_services", 2, 2, 140),
    ("pc_gamer", None, 3, 9, 170),
    ("portateis_cozinha_e_preparadores_de_alimentos", None, 10, 15, 180),
)

CATEGORIES: tuple[Category, ...] = tuple(Category(*row) for row in _ROWS)
TRANSLATED: tuple[Category, ...] = tuple(c for c in CATEGORIES if c.english is not None)

# Products sold without a category: their popularity (items per product) and typical price.
UNCATEGORISED_ITEMS_PER_PRODUCT = 1_603 / 610
UNCATEGORISED_PRICE_MEDIAN = 75.0
