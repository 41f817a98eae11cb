"""The translation workflow, its modules named as Babel's `babel.messages`:

extract      the Babel extraction methods (corpus texts, template strings)
frontend     `compendium extract` as `pybabel extract`: Babel's extraction with babel.cfg
pofile       reading (strict) and writing PO and POT files
syntax       the strict PO syntax checker (what msgfmt rejects, Babel reads), line by line
header       its checks of the whole catalogue: duplicates, header fields, charset, Plural-Forms
update       `compendium update`: the POT merged into a catalogue, as msgmerge
merge        update's fuzzy step; similarity: what is "genuinely similar"; kept: what Babel drops
translations the build's translation table
step         is a catalogue in step with the text?
report       `compendium check`; checkers: one message against its English; glossary: terminology
files        where a catalogue lives
"""
