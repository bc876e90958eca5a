"""Extract stage: place mentions and claims out of a document's text. Rule-based: every
result points back to its span in the text, and every rule is in these modules to read."""
