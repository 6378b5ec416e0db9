"""schemathesis' schema built from the node tree the kit already parsed, instead of parsing the file again.

Parsing the contract is most of the cost of reading it. schemathesis reads YAML with its own loader
(only ``true``/``false`` are booleans, no timestamps, every mapping key a string), so the shared tree is
constructed with that loader's constructor only when, for every plain scalar, that loader's resolver
gives the tag the tree already has: then the document is exactly the one ``openapi.from_path`` would
build. Otherwise (a YAML 1.1 ``yes``, a date, an explicit tag the resolvers disagree about) the file is
read again by ``from_path``, as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def schema_from_tree(path: Path, node: yaml.Node | None) -> Any:
    """schemathesis' schema of the contract at ``path``, whose node tree (from ``compose_spec``) is
    ``node``; the file is read again only when the tree cannot be shared (see the module docstring)."""
    import schemathesis
    from schemathesis.config import SchemathesisConfig
    from schemathesis.core.deserialization import get_yaml_loader

    # schemathesis' defaults, not a schemathesis.toml found from the working directory: the kit's draws
    # depend on the contract and its own options only (and no one's hooks are imported into the run).
    config = SchemathesisConfig()
    loader_class = get_yaml_loader()
    if node is None or not _tags_agree(node, loader_class):
        return schemathesis.openapi.from_path(str(path), config=config)
    document = loader_class("").construct_document(node)
    schema = schemathesis.openapi.from_dict(document, config=config)
    schema.location = Path(path).absolute().as_uri()
    return schema


def _tags_agree(root: yaml.Node, loader_class: Any) -> bool:
    """Whether ``loader_class``'s resolver tags every plain scalar of the tree as the tree does."""
    resolver = loader_class("")
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if not node.style and resolver.resolve(yaml.ScalarNode, node.value, (True, False)) != node.tag:
                return False
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        else:
            stack.extend(node.value)
    return True
