"""Schemathesis hooks for test_negative.py (loaded through SCHEMATHESIS_HOOKS).

Some specs write a string enum as `enum: [true, false]` (warehouse.yaml's `auto_resume`,
`initially_suspended`, ...). YAML reads those as booleans, which no string can equal, so every
answer carrying such a property would break the schema. The strings `"true"` and `"false"` are
what the spec means and what snowflake.core sends; this hook says so before the spec is used,
as Conformance/spec.py does for the emulator's recorded answers.

pipe.yaml writes `copy_statement`'s pattern as `(?i)^COPY INTO .*`: an inline flag, which is
Python's regex syntax and not the ECMA syntax OpenAPI patterns use, so schemathesis cannot
generate from it. The same pattern is written out case-insensitively for it."""
import schemathesis


def _string_enums_of_booleans(node):
    if isinstance(node, dict):
        if node.get("type") == "string" and isinstance(node.get("enum"), list):
            node["enum"] = [str(value).lower() if isinstance(value, bool) else value for value in node["enum"]]
        for value in node.values():
            _string_enums_of_booleans(value)
    elif isinstance(node, list):
        for value in node:
            _string_enums_of_booleans(value)


def _ecma_case_insensitive_patterns(node):
    if isinstance(node, dict):
        pattern = node.get("pattern")
        if isinstance(pattern, str) and pattern.startswith("(?i)"):
            body = pattern[len("(?i)"):]
            # A letter after a backslash is an escape (\d, \s), not a letter to match.
            node["pattern"] = "".join(
                f"[{c.upper()}{c.lower()}]" if c.isalpha() and (i == 0 or body[i - 1] != "\\") else c
                for i, c in enumerate(body))
        for value in node.values():
            _ecma_case_insensitive_patterns(value)
    elif isinstance(node, list):
        for value in node:
            _ecma_case_insensitive_patterns(value)


@schemathesis.hook
def before_load_schema(context, raw_schema):
    _string_enums_of_booleans(raw_schema)
    _ecma_case_insensitive_patterns(raw_schema)
