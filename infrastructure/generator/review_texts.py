"""Portuguese review titles and comments, composed like the real ones.

Comments join one to three sentences with a space, LF or CRLF (quoted line breaks in the CSV);
some hold commas or double quotes, a few start with a digit. Most reviews have no text at all.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from infrastructure.generator import calibration

# Pools by sentiment: negative (1-2 stars), neutral (3), positive (4-5).
_TITLES: tuple[tuple[str, ...], ...] = (
    (
        "Não recebi", "Péssimo", "Produto errado", "Não recomendo", "Decepcionada",
        "Atraso na entrega", "Ruim", "Produto com defeito", "Cadê meu pedido?", "0 estrelas",
    ),
    ("Razoável", "Mais ou menos", "Regular", "Bom, mas...", "Poderia ser melhor", "Ok"),
    (
        "Recomendo", "Ótimo", "Muito bom", "Excelente", "Super recomendo", "Amei", "Perfeito",
        "Ótimo produto", "Chegou rápido", "5 estrelas", "10", "Nota mil", "Adorei!",
    ),
)  # fmt: skip
_SENTENCES: tuple[tuple[str, ...], ...] = (
    (
        "Ainda não recebi o produto.",
        "Não recebi o produto e ninguém responde.",
        "Veio com defeito, quero a devolução do dinheiro.",
        "Produto errado, pedi azul e veio preto.",
        'Comprei 2 e só chegou 1. "Absurdo"!',
        "Péssimo atendimento, não recomendo a loja.",
        "O prazo de entrega já passou e nada.",
        "10 dias de atraso e nenhuma informação.",
        "Aguardando até hoje, estou muito insatisfeita.",
        'A embalagem chegou violada e o "lacre" rompido.',
        "Não funciona, liguei e não resolveram.",
        "Comprei um kit com 3 peças e recebi apenas uma.",
        "Produto de péssima qualidade, não vale o preço.",
        "Nunca mais compro nessa loja.",
    ),
    (
        "O produto é bom, mas a entrega demorou.",
        "Chegou com a caixa amassada, mas funcionando.",
        "Razoável, esperava mais pelo preço.",
        "A cor é diferente da foto do anúncio.",
        "Veio só 1 unidade, o pedido era de 2.",
        "É menor do que eu imaginava.",
        'O tecido é fino, mas dá para usar no "dia a dia".',
        "Entrega dentro do prazo, produto mediano.",
    ),
    (
        "Recebi bem antes do prazo estipulado.",
        "Produto de ótima qualidade, recomendo.",
        "Chegou antes do prazo, tudo certo.",
        "Parabéns lojas lannister, adorei comprar pela internet: seguro e prático.",
        "Entrega rápida e produto conforme o anúncio.",
        "Muito bom, gostei muito!",
        "Comprei para minha mãe e ela adorou.",
        'O produto é "top", superou minhas expectativas.',
        "Ótimo vendedor, embalagem caprichada.",
        "Tudo ok.",
        "Excelente!",
        "2 dias para chegar, muito rápido.",
        "Produto lindo, igual à foto.",
        "Loja confiável, recomendo a todos.",
        "Bem embalado e chegou direitinho.",
        "Atendeu às expectativas, obrigado.",
    ),
)
_SEPARATORS = pl.Series([" ", " ", " ", " ", "\n", "\r\n", " ", "\r\n"])
_SENTENCE_COUNT_WEIGHTS = {1: 65, 2: 27, 3: 8}


def _sentiment(score: np.ndarray) -> np.ndarray:
    return np.select([score <= 2, score == 3], [0, 1], default=2)


def _draw(
    rng: np.random.Generator, pools: tuple[tuple[str, ...], ...], sentiment: np.ndarray
) -> pl.Series:
    flat = pl.Series([text for pool in pools for text in pool])
    sizes = np.array([len(pool) for pool in pools])
    offsets = np.cumsum(sizes) - sizes
    pick = offsets[sentiment] + (rng.random(len(sentiment)) * sizes[sentiment]).astype(np.int64)
    return flat.gather(pick)


def review_comments(rng: np.random.Generator, score: np.ndarray) -> tuple[pl.Series, pl.Series]:
    """A title and a message per review score; null where the customer wrote none."""
    n = len(score)
    sentiment = _sentiment(score)
    has_title = rng.random(n) < np.asarray(calibration.TITLE_SHARE_BY_SCORE)[score - 1]
    has_message = rng.random(n) < np.asarray(calibration.MESSAGE_SHARE_BY_SCORE)[score - 1]
    counts = np.fromiter(_SENTENCE_COUNT_WEIGHTS.values(), dtype=np.float64)
    sentences = rng.choice(list(_SENTENCE_COUNT_WEIGHTS), n, p=counts / counts.sum())
    parts = pl.DataFrame(
        {
            "first": _draw(rng, _SENTENCES, sentiment),
            "second": _SEPARATORS.gather(rng.integers(0, len(_SEPARATORS), n))
            + _draw(rng, _SENTENCES, sentiment),
            "third": _SEPARATORS.gather(rng.integers(0, len(_SEPARATORS), n))
            + _draw(rng, _SENTENCES, sentiment),
            "sentences": sentences,
        }
    )
    message = parts.select(
        pl.concat_str(
            pl.col("first"),
            pl.when(pl.col("sentences") >= 2).then(pl.col("second")),
            pl.when(pl.col("sentences") >= 3).then(pl.col("third")),
            ignore_nulls=True,
        )
    ).to_series()
    title = _draw(rng, _TITLES, sentiment)
    return (
        title.scatter(np.flatnonzero(~has_title), None).alias("review_comment_title"),
        message.scatter(np.flatnonzero(~has_message), None).alias("review_comment_message"),
    )
