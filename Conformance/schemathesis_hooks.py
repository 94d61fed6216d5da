"""Schemathesis hooks for test_negative.py (loaded through SCHEMATHESIS_HOOKS).

Some specs write a string enum as `enum: [true, false]` (warehouse.yaml's `auto_resume`,
`initially_suspended`, ...). YAML reads those as booleans, which no string can equal, so every
answer carrying such a property would break the schema. The strings `"true"` and `"false"` are
what the spec means and what snowflake.core sends; this hook says so before the spec is used,
as Conformance/spec.py does for the emulator's recorded answers."""
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


@schemathesis.hook
def before_load_schema(context, raw_schema):
    _string_enums_of_booleans(raw_schema)
