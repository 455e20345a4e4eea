#!/usr/bin/env python3
"""schema_check.py - docs/baocao.schema.json against the inputs: every
example and fixture batch validates; a report with a misspelled reserved
key does not (a required key then missing, an unknown key of ky_bao_cao).
Dates stay text, as baocao reads them (no YAML 1.1 timestamps).
usage: schema_check.py SCHEMA FILE..."""
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}

schema = __import__("json").load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft7Validator.check_schema(schema)
check = jsonschema.Draft7Validator(schema)
bad = 0
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        for doc in yaml.load_all(f, Loader=Loader):
            errors = list(check.iter_errors(doc))
            if errors:
                print(f"{path}: {errors[0].message}")
                bad += 1
report = yaml.load(open(sys.argv[2], encoding="utf-8"), Loader=Loader)
typo = dict(report)
typo["trich_yue"] = typo.pop("trich_yeu")
period = dict(report)
period["ky_bao_cao"] = {"nam": 2023, "so_thangg": 9}
for name, doc in (("trich_yue for trich_yeu", typo), ("so_thangg in ky_bao_cao", period)):
    if check.is_valid(doc):
        print(f"the schema accepts {name}")
        bad += 1
sys.exit(1 if bad else 0)
