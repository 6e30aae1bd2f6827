"""Drives the unmodified OASIS TAXII 2.1 client (taxii2-client) against a fraudx node.

Usage: taxii2client-drive.py DISCOVERY_URL API_KEY; prints one JSON document of what it saw.
"""
import json
import sys

from taxii2client.v21 import Server, as_pages

url, key = sys.argv[1], sys.argv[2]
server = Server(url, user="partner", password=key)
root = server.default or server.api_roots[0]
collection = next(c for c in root.collections if c.alias == "all")

ids = []
for envelope in as_pages(collection.get_objects, per_request=50):
    ids += [o["id"] for o in envelope.get("objects", [])]

manifest = []
for envelope in as_pages(collection.get_manifest, per_request=200):
    manifest += [m["id"] for m in envelope.get("objects", [])]

indicator = next(i for i in ids if i.startswith("indicator--"))
one = collection.get_object(indicator)
versions = collection.object_versions(indicator)
typed = collection.get_objects(type=["report"], limit=5)

status = collection.add_objects({
    "objects": [{
        "type": "indicator", "spec_version": "2.1", "id": "indicator--6d2b1d6e-9a44-4bd2-8a51-8f9f1b8b2c71",
        "created": "2026-03-01T00:00:00.000Z", "modified": "2026-03-01T00:00:00.000Z",
        "pattern": "[url:value = 'https://pushed-by-python.example.net/pay']", "pattern_type": "stix",
        "valid_from": "2026-03-01T00:00:00Z", "labels": ["phishing"],
    }]
})
again = root.get_status(status.id)

print(json.dumps({
    "api_root": root.title,
    "versions": root.versions,
    "collections": [c.alias for c in root.collections],
    "ids": ids,
    "manifest": manifest,
    "one": [o["id"] for o in one.get("objects", [])],
    "versions_of_one": versions.get("versions"),
    "typed": sorted({o["type"] for o in typed.get("objects", [])}),
    "status": {"status": status.status, "total": status.total_count, "success": status.success_count, "again": again.status},
}))
