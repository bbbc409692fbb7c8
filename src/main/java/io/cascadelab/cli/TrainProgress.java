package io.cascadelab.cli;

import io.cascadelab.train.LmTrainer;

/** A trainer's progress on the terminal: a bar with loss, validation loss, learning rate and throughput. */
final class TrainProgress implements LmTrainer.Listener {

    private final ProgressBar bar = new ProgressBar(System.err);

    @Override
    public void onProgress(LmTrainer.Progress p) {
        bar.update(p.step(), p.steps(), String.format("loss %.3f val %s lr %.2e grad %.2f %,.0f tok/s",
                p.loss(), Double.isNaN(p.valLoss()) ? "–" : String.format("%.3f", p.valLoss()),
                p.lr(), p.gradNorm(), p.tokensPerSecond()), p.etaSeconds());
    }

    @Override
    public void onLog(String line) {
        bar.log(line);
    }
}
