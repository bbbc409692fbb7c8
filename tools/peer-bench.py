#!/usr/bin/env python3
"""Peer benchmark (issue 17): transformers and CascadeLab on the same models, prompts and tokens.

Runs transformers (local pip mirror; never a dependency of the app or of `mvn verify`) on a model
family folder — plain greedy decoding, prompt lookup decoding, and assisted generation with each
draft model — then CascadeLab's own `bench` on the same folder and prompts, both with one torch
thread, and prints the tokens/s of every method and the ratios the speed issue asks for.

    mvn -q -DskipTests package
    /tmp/venv/bin/python tools/peer-bench.py --family models/kjv --max-new-tokens 128 --repeats 3

Greedy in both; each method's time is the median of --repeats runs per prompt after one warm-up,
summed over the prompts; tokens/s = new tokens / that time (prefill included for transformers,
whose generate() cannot separate it; CascadeLab's bench reports decoding after prefill — the
summary says so).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def prompts(folder):
    out = []
    for f in sorted(Path(folder).glob("*/*.txt")):
        out.append((f"{f.parent.name}/{f.stem}", f.read_text(encoding="utf-8")))
    return out


def transformers_runs(family, texts, n, repeats, lookup):
    import torch
    from transformers import AutoModelForCausalLM, PreTrainedTokenizerFast
    torch.set_num_threads(1)
    target_dir = family / "target"
    tok = PreTrainedTokenizerFast(tokenizer_file=str(target_dir / "tokenizer.json"))
    target = AutoModelForCausalLM.from_pretrained(target_dir, dtype=torch.float32).eval()
    drafts = {d.name: AutoModelForCausalLM.from_pretrained(d, dtype=torch.float32).eval()
              for d in sorted(family.glob("draft-*")) if (d / "config.json").exists()}
    methods = {"plain": {}, f"prompt lookup ({lookup})": {"prompt_lookup_num_tokens": lookup}}
    for name, m in drafts.items():
        methods[f"assisted ({name})"] = {"assistant_model": m}
    eos = target.generation_config.eos_token_id
    results = {}
    plain_tokens = {}
    for label, kw in methods.items():
        seconds, tokens = 0.0, 0
        for name, text in texts:
            ids = torch.tensor([tok(text)["input_ids"]])
            times = []
            out = None
            for r in range(repeats + 1):  # the first run warms up
                t0 = time.perf_counter()
                with torch.no_grad():
                    out = target.generate(ids, max_new_tokens=n, do_sample=False, eos_token_id=eos,
                                          pad_token_id=eos, **kw)
                if r > 0:
                    times.append(time.perf_counter() - t0)
            new = out[0, ids.shape[1]:].tolist()
            if label == "plain":
                plain_tokens[name] = new
            elif new != plain_tokens[name]:
                print(f"  note: {label} differs from plain decoding on {name}", file=sys.stderr)
            seconds += statistics.median(times)
            tokens += len(new)
        results[label] = {"tokens_per_second": tokens / seconds, "tokens": tokens, "seconds": seconds}
        print(f"  transformers {label:28s} {tokens / seconds:8.1f} tok/s", file=sys.stderr)
    return results


def cascadelab_runs(family, prompt_folder, n, repeats, methods="ar,sd,csd", extra=()):
    jar = ROOT / "target" / "cascadelab.jar"
    if not jar.exists():
        sys.exit("build the jar first: mvn -q -DskipTests package")
    out = Path(tempfile.mkdtemp()) / "bench.json"
    cmd = ["java", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "-jar", str(jar),
           "bench", "--family", str(family), "--prompts", str(prompt_folder), "--methods", methods,
           "--repeats", str(repeats), "--max-new-tokens", str(n), "--json", str(out), *extra]
    subprocess.run(cmd, check=True, env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}, stdout=sys.stderr)
    summary = json.loads(out.read_text())["summary"]
    return {label: v["tokens_per_second"] for label, v in summary.items()}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--family", default=str(ROOT / "models/kjv"))
    p.add_argument("--prompts", default=str(ROOT / "sample-prompts"))
    p.add_argument("--max-new-tokens", type=int, default=128)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--lookup", type=int, default=6, help="prompt_lookup_num_tokens (transformers' default best here)")
    p.add_argument("--also-bottom", action="append", default=[],
                   help="also run CascadeLab's CSD with this bottom drafter (e.g. suffix), in a bench of its own")
    a = p.parse_args()
    family = Path(a.family)
    texts = prompts(a.prompts)
    print(f"{len(texts)} prompts, {a.max_new_tokens} new tokens, greedy, one torch thread", file=sys.stderr)
    hf = transformers_runs(family, texts, a.max_new_tokens, a.repeats, a.lookup)
    cl = cascadelab_runs(family, a.prompts, a.max_new_tokens, a.repeats)
    others = {}
    for bottom in a.also_bottom:
        run = cascadelab_runs(family, a.prompts, a.max_new_tokens, a.repeats, "ar,csd", ("--bottom", bottom))
        others[bottom] = run  # its own AR run too: the machine's speed drifts between invocations
    best_label = max(hf, key=lambda k: hf[k]["tokens_per_second"])
    best = hf[best_label]["tokens_per_second"]
    csd = next(v for k, v in cl.items() if k.startswith("csd"))
    ar = cl["ar"]
    print(f"\n{'method':44s} {'tok/s':>8s}")
    for k, v in hf.items():
        print(f"{'transformers ' + k:44s} {v['tokens_per_second']:8.1f}")
    for k, v in cl.items():
        print(f"{'CascadeLab ' + k:44s} {v:8.1f}")
    print(f"\nCascadeLab plain / transformers plain:          {ar / hf['plain']['tokens_per_second']:.2f}x")
    print(f"CascadeLab CSD / transformers' best ({best_label}): {csd / best:.2f}x   (goal >= 1.5x)")
    print(f"CascadeLab CSD / CascadeLab plain:               {csd / ar:.2f}x   (goal >= 2.0x)")
    for bottom, run in others.items():
        c = next(v for k, v in run.items() if k.startswith("csd"))
        print(f"CascadeLab CSD, bottom {bottom}: {c:.1f} tok/s; / transformers' best {c / best:.2f}x;"
              f" / its own invocation's plain ({run['ar']:.1f} tok/s) {c / run['ar']:.2f}x")
    print("(transformers' times include prefill; CascadeLab's bench times decoding after prefill)")


if __name__ == "__main__":
    main()
