#!/usr/bin/env bash
# Rebuilds the embedded model family models/kjv from scratch with CascadeLab's own trainers.
# Needs Debian's bible-kjv-text (apt-get install bible-kjv-text) and a packaged jar
# (mvn -q -DskipTests package). Every train step is resumable: rerun the script after a crash.
# Two tracks run side by side on the 2-core build machine (see models/kjv/MODEL_CARD.md for times):
# the target on both cores' worth of threads, the small drafts on one thread each.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-runs/kjv}
LOGS="$RUNS/logs"
CLI="-jar ${JAR:-target/cascadelab.jar}"
# Small models gain nothing from busy-waiting OpenMP threads.
ONE_THREAD="-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1"
export OMP_WAIT_POLICY=PASSIVE
mkdir -p "$RUNS" "$LOGS"
CORPUS="$RUNS/kjv-corpus.txt"
TOK="$RUNS/tok/tokenizer.json"

# 1. Corpus: all 31,102 verses, one per line, verse references stripped.
bible -f "gen1:1-rev22:21" | sed -E 's/^[0-9A-Za-z]+[0-9]+:[0-9]+ //' > "$CORPUS"

# 2. Byte-level BPE tokenizer, 4096 tokens (<|endoftext|> = 4095).
java $CLI train-tokenizer --corpus "$CORPUS" --vocab 4096 --out "$TOK"

# Every 20th block of 100 lines is held out for validation (the trainers' default).
target() { # steps
  java -Xmx8g $CLI train --corpus "$CORPUS" --tokenizer "$TOK" \
    --out "$RUNS/family/target" --work "$RUNS/work/target" \
    --shape layers=8,hidden=320,heads=5,ffn=864,context=512,tied=true \
    --steps "$1" --batch 6 --seq 384 --lr 1e-3 --warmup 100 --min-lr-ratio 0.1 --weight-decay 0.1 --clip 1.0 \
    --eval-every 100 --eval-batches 8 --seed 1 --dtype f16
}
plain_draft() { # name shape seed
  java $ONE_THREAD -Xmx6g $CLI train --corpus "$CORPUS" --tokenizer "$TOK" \
    --out "$RUNS/family/draft-$1-plain" --work "$RUNS/work/draft-$1" --shape "$2" \
    --steps 800 --batch 16 --seq 256 --lr 2e-3 --warmup 50 --eval-every 100 --seed "$3" --dtype f16
}
# Distillation: continue a plain draft on the target's soft labels (KL to the target, weight 0.7).
distil_draft() { # name seed
  java $ONE_THREAD -Xmx6g $CLI train --corpus "$CORPUS" --tokenizer "$TOK" \
    --init "$RUNS/family/draft-$1-plain" --teacher "$RUNS/family/target" --distill-weight 0.7 \
    --out "$RUNS/family/draft-$1" --work "$RUNS/work/draft-$1-distill" \
    --steps 150 --batch 16 --seq 256 --lr 5e-4 --warmup 20 --eval-every 50 --seed "$2" --dtype f16
}
# IBM MLP speculator over the frozen target: stage 1 teacher forcing, stage 2 on target continuations.
speculator() {
  java -Xmx8g $CLI train-speculator --target "$RUNS/family/target" --corpus "$CORPUS" \
    --out "$RUNS/family/speculator" --work "$RUNS/work/speculator" \
    --n-predict 3 --tie-weights --stage1-steps 900 --stage2-steps 100 --eval-every 100 --seed 5 --dtype f16
}

# 3+4. Target (track A) beside the plain drafts (track B). The target was planned for 1,200 steps;
# at 1,200 its validation loss (3.43) had not yet passed the mid draft's (3.42), so the same run
# continues to 2,000 steps: the cosine schedule is recomputed for the new length and resumes from
# the 1,200/2,000 point (a warm restart at lr 4.3e-4).
{ target 1200 && target 2000; } > "$LOGS/target.log" 2>&1 &
A=$!
{ plain_draft small layers=1,hidden=128,heads=2,ffn=384,context=512,tied=true 2 \
  && plain_draft mid layers=2,hidden=192,heads=3,ffn=512,context=512,tied=true 3; } > "$LOGS/drafts.log" 2>&1 &
B=$!
wait $A; wait $B

# 5. Speculator (track A) beside the distilled drafts (track B).
speculator > "$LOGS/speculator.log" 2>&1 &
A=$!
{ distil_draft small 4 && distil_draft mid 4; } > "$LOGS/distil.log" 2>&1 &
B=$!
wait $A; wait $B

# 6. Max-Gram bigram table, saved next to the target.
java $CLI bigram --corpus "$CORPUS" --model "$RUNS/family/target"

# 7. Assemble.
mkdir -p models/kjv
cp -r "$RUNS/family/target" "$RUNS/family/draft-mid" "$RUNS/family/draft-small" "$RUNS/family/speculator" models/kjv/
