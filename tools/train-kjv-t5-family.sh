#!/usr/bin/env bash
# Rebuilds the embedded seq2seq family models/kjv-t5 from scratch with CascadeLab's own trainers:
# T5 encoder-decoders that read a KJV verse and write the next one. Needs Debian's bible-kjv-text
# (apt-get install bible-kjv-text) and a packaged jar (mvn -q -DskipTests package). Every train
# step resumes after a crash: rerun the script. See models/kjv-t5/MODEL_CARD.md for times.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-runs/kjv-t5}
LOGS="$RUNS/logs"
CLI="-jar ${JAR:-target/cascadelab.jar}"
ONE_THREAD="-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1"
export OMP_WAIT_POLICY=PASSIVE
mkdir -p "$RUNS" "$LOGS"
CORPUS="$RUNS/kjv-corpus.txt"
# The embedded decoder-only family's tokenizer (byte-level BPE, 4096 tokens; <|endoftext|> = 4095
# is EOS and the decoder start), so both embedded families read text alike.
TOK=models/kjv/target/tokenizer.json

# 1. Corpus: all 31,102 verses, one per line, verse references stripped (as models/kjv).
bible -f "gen1:1-rev22:21" | sed -E 's/^[0-9A-Za-z]+[0-9]+:[0-9]+ //' > "$CORPUS"

t5() { # name shape steps lr seed [java options]
  java ${6:-} -Xmx6g $CLI train-seq2seq --corpus "$CORPUS" --tokenizer "$TOK" \
    --out "$RUNS/family/$1" --work "$RUNS/work/$1" --shape "$2" \
    --steps "$3" --batch 32 --lr "$4" --warmup 100 --min-lr-ratio 0.1 --clip 1.0 \
    --eval-every 100 --eval-batches 8 --max-length 128 --seed "$5" --dtype f16
}

# 2. Target beside the drafts, one torch thread each (two cores: one for the target, one for the
#    drafts in turn).
t5 target d_model=192,heads=6,d_ff=512,encoder_layers=3,decoder_layers=3 2400 1.5e-3 1 "$ONE_THREAD" > "$LOGS/target.log" 2>&1 &
A=$!
{ t5 draft-mid d_model=128,heads=4,d_ff=320,encoder_layers=2,decoder_layers=2 1500 2e-3 2 "$ONE_THREAD" \
  && t5 draft-small d_model=64,heads=2,d_ff=192,encoder_layers=1,decoder_layers=1 1500 3e-3 3 "$ONE_THREAD"; } \
  > "$LOGS/drafts.log" 2>&1 &
B=$!
wait $A; wait $B

# 3. Max-Gram bigram table, saved next to the target.
java $CLI bigram --corpus "$CORPUS" --model "$RUNS/family/target"

# 4. Assemble.
mkdir -p models/kjv-t5
cp -r "$RUNS/family/target" "$RUNS/family/draft-mid" "$RUNS/family/draft-small" models/kjv-t5/
