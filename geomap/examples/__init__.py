"""The built-in example: claims from the Armenia–Azerbaijan border standoff of May 2021.

Written for this project from a news report of 14 May 2021 (RFE/RL); each claim's text is
a paraphrase, not a quotation.
"""

from pathlib import Path

MAY2021 = Path(__file__).with_name("may2021_syunik.csv")
MAY2021_TITLE = "Armenia–Azerbaijan border standoff, May 2021"
