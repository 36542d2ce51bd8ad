"""States, provinces and countries: places Safe Harbor lets stay (see :mod:`.safe_harbor`).

HIPAA's Safe Harbor removes "all geographical subdivisions smaller than a State"; a state (and
a country) may stay. After a place cue ("living in Ontario", "moved from Germany") such a name
is no identifier, so the Safe Harbor pass reports no ``PLACE`` for it: a clinical-sounding
prompt that says where someone lives at the level of a state is not made PHI by it. The US
states, Canada's provinces and territories, Australia's states and territories, the nations of
the United Kingdom and the world's countries (English short names). Left out: "New York" and
"Washington", also a city each (a subdivision smaller than a state); the caller also keeps
those that are given names ("Georgia", "Jordan", "Chad"): "a call from Jordan" may be a person.
"""

from __future__ import annotations

import re

__all__ = ["is_region"]

_NAMES = (
    # US states (less New York and Washington) and territories
    "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia"
    "|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland"
    "|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada"
    "|new hampshire|new jersey|new mexico|north carolina|north dakota|ohio|oklahoma|oregon"
    "|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont"
    "|virginia|west virginia|wisconsin|wyoming|puerto rico|guam"
    # Canada, Australia, the United Kingdom
    "|ontario|quebec|british columbia|alberta|manitoba|saskatchewan|nova scotia|new brunswick"
    "|newfoundland|newfoundland and labrador|prince edward island|yukon|nunavut"
    "|northwest territories|new south wales|queensland|tasmania|western australia"
    "|south australia|northern territory|england|scotland|wales|northern ireland"
    # countries
    "|afghanistan|albania|algeria|andorra|angola|argentina|armenia|australia|austria"
    "|azerbaijan|bahamas|bahrain|bangladesh|barbados|belarus|belgium|belize|benin|bhutan"
    "|bolivia|bosnia|bosnia and herzegovina|botswana|brazil|brunei|bulgaria|burkina faso"
    "|burundi|cambodia|cameroon|canada|cape verde|chad|chile|china|colombia|comoros|congo"
    "|costa rica|croatia|cuba|cyprus|czechia|czech republic|denmark|djibouti|dominica"
    "|dominican republic|ecuador|egypt|el salvador|eritrea|estonia|eswatini|ethiopia|fiji"
    "|finland|france|gabon|gambia|germany|ghana|greece|grenada|guatemala|guinea|guyana|haiti"
    "|honduras|hungary|iceland|india|indonesia|iran|iraq|ireland|israel|italy|ivory coast"
    "|jamaica|japan|jordan|kazakhstan|kenya|kiribati|kosovo|kuwait|kyrgyzstan|laos|latvia"
    "|lebanon|lesotho|liberia|libya|liechtenstein|lithuania|luxembourg|madagascar|malawi"
    "|malaysia|maldives|mali|malta|mauritania|mauritius|mexico|micronesia|moldova|monaco"
    "|mongolia|montenegro|morocco|mozambique|myanmar|namibia|nauru|nepal|netherlands"
    "|the netherlands|new zealand|nicaragua|niger|nigeria|north korea|north macedonia|norway"
    "|oman|pakistan|palau|palestine|panama|papua new guinea|paraguay|peru|philippines|poland"
    "|portugal|qatar|romania|russia|rwanda|samoa|san marino|saudi arabia|senegal|serbia"
    "|seychelles|sierra leone|singapore|slovakia|slovenia|somalia|south africa|south korea"
    "|south sudan|spain|sri lanka|sudan|suriname|sweden|switzerland|syria|taiwan|tajikistan"
    "|tanzania|thailand|togo|tonga|trinidad and tobago|tunisia|turkey|turkmenistan|tuvalu"
    "|uganda|ukraine|united arab emirates|uae|united kingdom|uk|united states|usa|us|america"
    "|united states of america|uruguay|uzbekistan|vanuatu|venezuela|vietnam|yemen|zambia"
    "|zimbabwe|korea|hong kong|scandinavia|europe|africa|asia"
)
_REGIONS = frozenset(_NAMES.split("|"))
_SPACES = re.compile(r"\s+")


def is_region(value: str) -> bool:
    """True when ``value`` (a capitalised run of words) names a state, a province or a country."""
    return _SPACES.sub(" ", value.strip()).lower() in _REGIONS
