"""The official OpenAPI specs (read from ../shared, never copied) as a validator of recorded
REST API v2 exchanges: each response against the schema of its operation and status, and
each request body against the operation's request body."""
import json
import re
from pathlib import Path
from urllib.parse import quote

import yaml
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPECS = Path(__file__).resolve().parents[2] / "shared" / "snowflake-rest-api-specs" / "specifications"


def _openapi_to_jsonschema(node):
    """OpenAPI 3.0 schemas in JSON Schema (draft 4) terms: `nullable` becomes a null type, and a
    string enum written `enum: [true, false]` (YAML reads booleans) lists the strings it means."""
    if isinstance(node, dict):
        converted = {key: _openapi_to_jsonschema(value) for key, value in node.items()
                     if key not in ("discriminator", "example", "examples", "xml", "externalDocs")}
        if converted.get("nullable") is True and "type" in converted:
            converted["type"] = [converted["type"], "null"]
        if converted.get("type") == "string" and isinstance(converted.get("enum"), list):
            converted["enum"] = [str(value).lower() if isinstance(value, bool) else value for value in converted["enum"]]
        return converted
    if isinstance(node, list):
        return [_openapi_to_jsonschema(value) for value in node]
    return node


def _pointer(*parts):
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


# Deliberate differences: endpoints the official client calls that the published specs do not
# have, each with its reason. They are checked by their own tests instead.
OUTSIDE_THE_SPECS = {
    "/api/v2/session/": "snowflake.core's generated SessionApi (root._snowapi_session) calls the session "
                        "endpoints, which have no file in the published specs (test_session.py checks them)",
}


def outside_the_specs(path):
    """True for a path the official client uses that no published spec describes."""
    return any(path.startswith(prefix) for prefix in OUTSIDE_THE_SPECS)


class Spec:
    def __init__(self, directory=SPECS):
        self.documents = {}
        registry = Registry()
        for path in sorted(directory.glob("*.yaml")):
            document = _openapi_to_jsonschema(yaml.safe_load(path.read_text()))
            self.documents[path.name] = document
            registry = registry.with_resource(path.as_uri(), Resource.from_contents(document, default_specification=DRAFT4))
        self.registry = registry
        self.directory = directory
        self.operations = []
        for name, document in self.documents.items():
            for template, item in (document.get("paths") or {}).items():
                for method, operation in item.items():
                    if method in ("get", "put", "post", "delete"):
                        self.operations.append((method.upper(), self._regex(template), name, template, operation))
        # Literal paths before templated ones, longer templates first.
        self.operations.sort(key=lambda entry: (entry[3].count("{"), -len(entry[3])))

    @staticmethod
    def _regex(template):
        pattern = ""
        for piece in re.split(r"(\{[^}]+\})", template):
            pattern += "[^/]+?" if piece.startswith("{") else re.escape(piece)
        return re.compile("^" + pattern + "$")

    def operation(self, method, path):
        """(file, template, operation) for a recorded request, or None."""
        path = path.rstrip("/") if path != "/" else path
        for entry_method, regex, name, template, operation in self.operations:
            if entry_method == method and regex.match(path):
                return name, template, operation
        return None

    def _follow(self, name, parts):
        """The node at a location, following `$ref`s; returns (file, parts, node)."""
        node = self.documents[name]
        for part in parts:
            node = node[part]
        while isinstance(node, dict) and "$ref" in node:
            target, _, pointer = node["$ref"].partition("#")
            name = name if not target else Path(target).name
            parts = [part.replace("~1", "/").replace("~0", "~") for part in pointer.strip("/").split("/")]
            node = self.documents[name]
            for part in parts:
                node = node[part]
        return name, parts, node

    def _schema_ref(self, name, *parts):
        return {"$ref": (self.directory / name).as_uri() + "#/" + quote(_pointer(*parts), safe="/~")}

    def _validate(self, schema, instance):
        validator = Draft4Validator(schema, registry=self.registry)
        return [f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}" for error in validator.iter_errors(instance)]

    def check_response(self, method, path, status, body):
        """Problems with a response; empty when it matches the spec."""
        found = self.operation(method, path)
        if found is None and outside_the_specs(path):
            return []
        if found is None:
            # A path or method the API does not have: the answer must say so as an ErrorResponse.
            if status not in (404, 405):
                return [f"{method} {path} is not an operation of the specs, yet was answered {status}"]
            try:
                instance = json.loads(body)
            except ValueError:
                return [f"{method} {path} {status}: the body is not JSON"]
            schema = self._schema_ref("common.yaml", "components", "schemas", "ErrorResponse")
            return [f"{method} {path} {status}: {problem}" for problem in self._validate(schema, instance)]
        name, template, operation = found
        responses = operation.get("responses", {})
        key = str(status) if str(status) in responses else ("default" if "default" in responses else None)
        if key is None:
            return [f"{method} {template}: status {status} is not a documented answer ({', '.join(responses)})"]
        file, parts, response = self._follow(name, ["paths", template, method.lower(), "responses", key])
        content = (response.get("content") or {}).get("application/json")
        if content is None or "schema" not in content:
            return []
        try:
            instance = json.loads(body) if body else None
        except ValueError:
            return [f"{method} {template} {status}: the body is not JSON"]
        schema = self._schema_ref(file, *parts, "content", "application/json", "schema")
        return [f"{method} {template} {status}: {problem}" for problem in self._validate(schema, instance)]

    def check_request(self, method, path, body):
        """Problems with a request body; empty when it matches the spec."""
        found = self.operation(method, path)
        if found is None and outside_the_specs(path):
            return []
        if found is None:
            return [f"{method} {path} is not an operation of the specs"]
        name, template, operation = found
        if "requestBody" not in operation:
            return [] if not body else [f"{method} {template}: a body was sent, and the operation takes none"]
        file, parts, request_body = self._follow(name, ["paths", template, method.lower(), "requestBody"])
        content = (request_body.get("content") or {}).get("application/json")
        if content is None or not body:
            return []
        try:
            instance = json.loads(body)
        except ValueError:
            return [f"{method} {template} (request): the body is not JSON"]
        schema = self._schema_ref(file, *parts, "content", "application/json", "schema")
        return [f"{method} {template} (request): {problem}" for problem in self._validate(schema, instance)]
