#!/usr/bin/env python3
"""Peer benchmark at a real size (issue 17): prefill and decode of one model, transformers vs CascadeLab.

Times a model folder's prefill and greedy decoding in transformers (each compute dtype it offers on
this machine: float32, bfloat16) and in CascadeLab (`generate --method ar --json`, each
--compute-dtype given), one torch thread each, the same prompt ids and new tokens, and prints the
ratios against transformers' best dtype. Python comes from the local pip mirror; neither the app
nor `mvn verify` needs it.

    mvn -q -DskipTests package
    # a Qwen2.5-0.5B-shaped model with random weights (BF16 file, vocabulary 151,936), made locally
    /work/venv/bin/python tools/peer-bench-real-size.py --make /tmp/qwen-0.5b-shape
    /work/venv/bin/python tools/peer-bench-real-size.py --model /tmp/qwen-0.5b-shape

Both sides do the same work: a prefill of the prompt without its last token (no LM head), then one
single-token forward per new token, the first on the prompt's last token. Times are medians of
--repeats runs after a warm-up (transformers) or of --repeats separate processes (CascadeLab).
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


def make_model(folder):
    """A Qwen2.5-0.5B-shaped Qwen2 model with random weights and a word-level tokenizer of the same size."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import Qwen2Config, Qwen2ForCausalLM
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    vocab = 151936
    cfg = Qwen2Config(vocab_size=vocab, hidden_size=896, intermediate_size=4864, num_hidden_layers=24,
                      num_attention_heads=14, num_key_value_heads=2, max_position_embeddings=32768,
                      rope_theta=1000000.0, rms_norm_eps=1e-6, tie_word_embeddings=True, bos_token_id=0,
                      eos_token_id=1)
    torch.manual_seed(0)
    model = Qwen2ForCausalLM(cfg).to(torch.bfloat16)
    model.save_pretrained(folder)
    tok = Tokenizer(models.WordLevel({f"w{i}": i for i in range(vocab)}, unk_token="w2"))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tok.save(str(folder / "tokenizer.json"))
    print(f"made {folder}: {sum(p.numel() for p in model.parameters()):,} parameters, BF16", file=sys.stderr)


def transformers_times(folder, ids, n, repeats, dtype):
    import torch
    from transformers import AutoModelForCausalLM
    torch.set_num_threads(1)
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=dtype).eval()
    x = torch.tensor([ids])
    prefills, decodes, tokens = [], [], None
    for r in range(repeats + 1):  # the first run warms up
        with torch.no_grad():
            t0 = time.perf_counter()
            out = model(x[:, :-1], use_cache=True, logits_to_keep=1)
            t1 = time.perf_counter()
            past, nxt, got = out.past_key_values, x[:, -1:], []
            for _ in range(n):
                out = model(nxt, past_key_values=past, use_cache=True)
                past, nxt = out.past_key_values, out.logits[:, -1].argmax(-1, keepdim=True)
                got.append(int(nxt))
            t2 = time.perf_counter()
        if r > 0:
            prefills.append((t1 - t0) * 1e3)
            decodes.append(n / (t2 - t1))
        tokens = got
    del model
    return statistics.median(prefills), statistics.median(decodes), tokens


def cascadelab_times(folder, prompt, n, repeats, dtype):
    jar = ROOT / "target" / "cascadelab.jar"
    if not jar.exists():
        sys.exit("build the jar first: mvn -q -DskipTests package")
    prefills, decodes, tokens, rss = [], [], None, 0
    for _ in range(repeats):
        out = Path(tempfile.mkdtemp()) / "run.json"
        cmd = ["java", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "-jar", str(jar),
               "--compute-dtype", dtype, "generate", "--target", str(folder), "--method", "ar", "--prompt", prompt,
               "--max-new-tokens", str(n), "--json"]
        with open(out, "w") as stdout, open(out.with_suffix(".log"), "w") as log:
            proc = subprocess.Popen(cmd, env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}, stdout=stdout, stderr=log)
            _, status, usage = os.wait4(proc.pid, 0)  # this run's own peak RSS
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"CascadeLab failed: {' '.join(cmd)}\n{out.with_suffix('.log').read_text()[-2000:]}")
        rss = max(rss, usage.ru_maxrss / 1024)
        run = json.loads(out.read_text())
        m = run["metrics"]
        prefills.append(m["prefill_ms"])
        decodes.append(m["emitted_tokens"] / (m["decode_ms"] / 1e3))  # a model may stop early on its EOS
        tokens = run["tokens"]
    return statistics.median(prefills), statistics.median(decodes), tokens, rss


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--make", help="create the Qwen2.5-0.5B-shaped test model in this folder and exit")
    p.add_argument("--model", help="model folder (its tokenizer must read the prompt)")
    p.add_argument("--prompt", default=" ".join(f"w{i}" for i in range(3, 23)), help="prompt text (default: 20 words w3..w22)")
    p.add_argument("--max-new-tokens", type=int, default=32)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--cascadelab-dtypes", default="f32", help="comma-separated --compute-dtype values (f16 is slow on CPUs)")
    a = p.parse_args()
    if a.make:
        make_model(a.make)
        return
    if not a.model:
        sys.exit("give --model DIR (or --make DIR first)")
    import torch
    from transformers import PreTrainedTokenizerFast
    ids = PreTrainedTokenizerFast(tokenizer_file=str(Path(a.model) / "tokenizer.json"))(a.prompt)["input_ids"]
    n = a.max_new_tokens
    print(f"{a.model}: {len(ids)}-token prompt, {n} new tokens, greedy, one torch thread", file=sys.stderr)
    rows = {}
    for name, dt in (("float32", torch.float32), ("bfloat16", torch.bfloat16)):
        rows[f"transformers {name}"] = transformers_times(a.model, ids, n, a.repeats, dt) + (None,)
        print(f"  {'transformers ' + name:26s} done", file=sys.stderr)
    for dt in a.cascadelab_dtypes.split(","):
        rows[f"CascadeLab {dt}"] = cascadelab_times(a.model, a.prompt, n, a.repeats, dt)
        print(f"  {'CascadeLab ' + dt:26s} done", file=sys.stderr)
    print(f"\n{'run':26s} {'prefill ms':>10s} {'decode tok/s':>12s}  peak RSS")
    for k, (pre, dec, _, rss) in rows.items():
        print(f"{k:26s} {pre:10.0f} {dec:12.2f}  {'' if rss is None else f'{rss:.0f} MB'}")
    hf = {k: v for k, v in rows.items() if k.startswith("transformers")}
    best_decode = max(hf, key=lambda k: hf[k][1])
    best_prefill = min(hf, key=lambda k: hf[k][0])
    reference = hf["transformers float32"][2]
    for k, (pre, dec, toks, _) in rows.items():
        if k.startswith("CascadeLab"):
            same = ("same greedy tokens as transformers float32" if toks == reference[:len(toks)]
                    else "tokens differ from transformers float32")
            print(f"{k}: decode {dec / hf[best_decode][1]:.2f}x {best_decode} (goal >= 1.0x), prefill"
                  f" {hf[best_prefill][0] / pre:.2f}x {best_prefill} (goal >= 1.0x); {same}")


if __name__ == "__main__":
    main()
