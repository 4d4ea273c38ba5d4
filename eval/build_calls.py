#!/usr/bin/env python3
"""Builds eval/calls.jsonl from eval/calls.txt (a compact, hand-written source).

calls.txt: a header line per call
    == <id> | converted=<0|1> | upsell=<cents> | sentiment=<positive|neutral|negative> | script=<GVNORC>
where GVNORC are six 0/1 flags for greeting, verify_identity, needs_discovery, offer, recap,
closing, optionally followed by ` | custom:<key>=<0|1>`; then lines "A: ..." (agent) or "C: ..."
(customer). Timings are synthesised from word counts (0.38 s per word, 0.6 s gaps); a line
starting "A+" or "C+" overlaps the previous turn by 1 s (an interruption); "PAUSE: <seconds>"
is silence on the line (hold music, dead air) before the next turn.
"""
import json
import sys

KEYS = ["greeting", "verify_identity", "needs_discovery", "offer", "recap", "closing"]


def main(src, dst):
    calls, cur = [], None
    for raw in open(src, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("=="):
            parts = [p.strip() for p in line[2:].split("|")]
            labels = {"script": {}}
            for p in parts[1:]:
                k, v = p.split("=", 1)
                if k == "converted":
                    labels["converted"] = v == "1"
                elif k == "upsell":
                    labels["upsell_cents"] = int(v)
                elif k == "sentiment":
                    labels["sentiment"] = v
                elif k == "script":
                    for key, flag in zip(KEYS, v):
                        labels["script"][key] = flag == "1"
                elif k.startswith("custom:"):
                    labels["script"][k[7:]] = v == "1"
            cur = {"id": parts[0], "turns": [], "labels": labels, "_t": 0.0}
            calls.append(cur)
            continue
        who, text = line.split(":", 1)
        if who == "PAUSE":
            cur["_t"] += float(text)
            continue
        overlap = who.endswith("+")
        speaker = "agent" if who.startswith("A") else "customer"
        words = len(text.split())
        dur = round(0.38 * words + 0.4, 2)
        start = cur["_t"] - 1.0 if overlap and cur["turns"] else cur["_t"]
        start = max(start, 0.0)
        cur["turns"].append({"speaker": speaker, "start": round(start, 2),
                             "end": round(start + dur, 2), "text": text.strip()})
        cur["_t"] = start + dur + 0.6
    with open(dst, "w", encoding="utf-8") as out:
        for c in calls:
            del c["_t"]
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(calls)} calls -> {dst}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "eval/calls.txt",
         sys.argv[2] if len(sys.argv) > 2 else "eval/calls.jsonl")
