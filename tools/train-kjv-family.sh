#!/usr/bin/env bash
# Rebuilds the embedded model family models/kjv from scratch with CascadeLab's own trainers.
# Needs Debian's bible-kjv-text (apt-get install bible-kjv-text) and a packaged jar
# (mvn -q -DskipTests package). Each train step is resumable: rerun the script after a crash.
# On the 2-core build machine the whole pipeline took about 90 minutes (see models/kjv/MODEL_CARD.md).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-runs/kjv}
JAR="java -Xmx8g -jar target/cascadelab.jar"
# Small models gain nothing from busy-waiting OpenMP threads; the target trains on both cores.
ONE_THREAD="-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1"
export OMP_WAIT_POLICY=PASSIVE
mkdir -p "$RUNS"

# 1. Corpus: all 31,102 verses, one per line, verse references stripped.
bible -f "gen1:1-rev22:21" | sed -E 's/^[0-9A-Za-z]+[0-9]+:[0-9]+ //' > "$RUNS/kjv-corpus.txt"

# 2. Byte-level BPE tokenizer, 4096 tokens (<|endoftext|> = 4095).
$JAR train-tokenizer --corpus "$RUNS/kjv-corpus.txt" --vocab 4096 --out "$RUNS/tok/tokenizer.json"

# 3. Target: Llama, 8 layers, hidden 320, 11.2M parameters. Every 20th block of 100 lines is held out.
$JAR train --corpus "$RUNS/kjv-corpus.txt" --tokenizer "$RUNS/tok/tokenizer.json" \
  --out "$RUNS/family/target" --work "$RUNS/work/target" \
  --shape layers=8,hidden=320,heads=5,ffn=864,context=512,tied=true \
  --steps 1500 --batch 6 --seq 384 --lr 1e-3 --warmup 100 --min-lr-ratio 0.1 --weight-decay 0.1 --clip 1.0 \
  --eval-every 100 --eval-batches 8 --validation-every 20 --seed 1 --dtype f16

# 4. Drafts, plain next-token training on the same split.
java $ONE_THREAD -Xmx6g -jar target/cascadelab.jar train --corpus "$RUNS/kjv-corpus.txt" --tokenizer "$RUNS/tok/tokenizer.json" \
  --out "$RUNS/family/draft-small-plain" --work "$RUNS/work/draft-small" \
  --shape layers=1,hidden=128,heads=2,ffn=384,context=512,tied=true \
  --steps 800 --batch 16 --seq 256 --lr 2e-3 --warmup 50 --eval-every 100 --seed 2 --dtype f16
java $ONE_THREAD -Xmx6g -jar target/cascadelab.jar train --corpus "$RUNS/kjv-corpus.txt" --tokenizer "$RUNS/tok/tokenizer.json" \
  --out "$RUNS/family/draft-mid-plain" --work "$RUNS/work/draft-mid" \
  --shape layers=2,hidden=192,heads=3,ffn=512,context=512,tied=true \
  --steps 800 --batch 16 --seq 256 --lr 2e-3 --warmup 50 --eval-every 100 --seed 3 --dtype f16

# 5. Distillation: continue each draft on the target's soft labels (KL to the target, weight 0.7).
for d in small mid; do
  $JAR train --corpus "$RUNS/kjv-corpus.txt" --tokenizer "$RUNS/tok/tokenizer.json" \
    --init "$RUNS/family/draft-$d-plain" --teacher "$RUNS/family/target" --distill-weight 0.7 \
    --out "$RUNS/family/draft-$d" --work "$RUNS/work/draft-$d-distill" \
    --steps 200 --batch 16 --seq 256 --lr 5e-4 --warmup 20 --eval-every 100 --seed 4 --dtype f16
done

# 6. Max-Gram bigram table, saved next to the target.
$JAR bigram --corpus "$RUNS/kjv-corpus.txt" --model "$RUNS/family/target"

# 7. Assemble.
mkdir -p models/kjv
cp -r "$RUNS/family/target" "$RUNS/family/draft-mid" "$RUNS/family/draft-small" models/kjv/
