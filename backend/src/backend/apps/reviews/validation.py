"""Field rules for reviews, shared by REST, GraphQL and the admin via the service."""

from dataclasses import dataclass

from backend.apps.reviews.models import BODY_MAX_LENGTH, RATING_MAX, RATING_MIN
from backend.kit.fields import Fields, Integer, Paragraphs

RATING = Integer(ge=RATING_MIN, le=RATING_MAX, required=True)
BODY = Paragraphs(max_length=BODY_MAX_LENGTH)
REVIEW_FIELDS = Fields(rating=RATING, body=BODY)


@dataclass
class NewReview:
    """The values of a new review as a client sends them; its book is in the
    path or the arguments, its author is the signed-in user."""

    rating: int
    body: str
