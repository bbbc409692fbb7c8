package io.cascadelab.ui;

import io.cascadelab.decode.GenerationResult;
import io.cascadelab.decode.LiveSettings;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.Runner;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.Trace;
import io.cascadelab.ui.model.LoadedFamily;
import io.cascadelab.ui.model.PromptView;
import io.cascadelab.ui.model.RunFeed;
import io.cascadelab.ui.model.StepGate;
import io.cascadelab.ui.model.TokenDecoder;
import io.cascadelab.ui.model.TokenViewModel;
import javafx.concurrent.Task;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The background work of a run: decoding (live), replaying a stored trace, and the plain-decoding
 * baseline. Each runs off the FX thread; live and replayed steps go through the same
 * {@link RunFeed}, so a replay looks exactly like the live run.
 */
final class RunTasks {

    private RunTasks() {
    }

    /** What a decoding run needs. */
    record Decode(LoadedFamily family, PromptController.PromptSettings settings, MethodSpec spec,
                  Supplier<LiveSettings> live, StepGate gate, RunFeed feed, TokenDecoder decoder,
                  Consumer<PromptView> promptReady) {
    }

    /** Decodes with the cascade; every step is turned into view items on this thread and queued. */
    static Task<Runner.Output> decode(Decode d) {
        return new Task<>() {
            @Override
            protected Runner.Output call() {
                int[] ids = d.settings().encode(d.family().family().target().tokenizer());
                // laid out from the input as the engine reads it (an encoder-decoder's output stands apart)
                TokenViewModel vm = new TokenViewModel(d.decoder(), d.family().family().input(ids));
                d.promptReady().accept(vm.promptView());
                Runner.Request req = new Runner.Request(d.spec(), d.settings().sampling(), d.settings().maxNewTokens());
                return Runner.run(d.family().family(), req, ids, d.settings().text(), d.family().costs(), d.live(), ev -> {
                    d.feed().offer(new RunFeed.StepUpdate(ev, vm.toView(ev), vm.legend()));
                    try {
                        d.gate().awaitTurn();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        d.gate().cancel();
                    }
                }, d.gate()::isCancelled, DjlEnvironment.configuredDevice().toString());
            }
        };
    }

    /** Feeds a stored trace's steps as if they were being decoded now (Pause and Step work as in a live run). */
    static Task<Runner.Output> replay(Trace trace, TokenDecoder decoder, RunFeed feed, StepGate gate,
                                      Consumer<PromptView> promptReady) {
        return new Task<>() {
            @Override
            protected Runner.Output call() throws InterruptedException {
                TokenViewModel vm = TokenViewModel.forTrace(decoder, trace.header());
                promptReady.accept(vm.promptView());
                for (StepEvent ev : trace.steps()) {
                    if (gate.isCancelled()) {
                        break;
                    }
                    feed.offer(new RunFeed.StepUpdate(ev, vm.toView(ev), vm.legend()));
                    gate.awaitTurn();
                }
                GenerationResult.StopReason reason;
                try {
                    reason = GenerationResult.StopReason.valueOf(trace.summary().stopReason());
                } catch (IllegalArgumentException | NullPointerException e) { // "INCOMPLETE": an interrupted run
                    reason = GenerationResult.StopReason.CANCELLED;
                }
                GenerationResult r = new GenerationResult(trace.header().promptIds(), trace.summary().tokens(), trace.steps(),
                        trace.summary().prefillNanos(), trace.summary().decodeNanos(), reason);
                return new Runner.Output(trace, r);
            }
        };
    }

    /** Plain decoding of the target with the same prompt and settings; the message counts tokens. */
    static Task<GenerationResult> baseline(LoadedFamily family, PromptController.PromptSettings settings) {
        return new Task<>() {
            @Override
            protected GenerationResult call() {
                int[] ids = settings.encode(family.family().target().tokenizer());
                int[] n = {0};
                Runner.Request req = new Runner.Request(MethodSpec.ar(), settings.sampling(), settings.maxNewTokens());
                return Runner.run(family.family(), req, ids, settings.text(), family.costs(), null, ev -> {
                    n[0] += ev.emitted().size();
                    updateMessage(String.format(Locale.ROOT, "Baseline (plain decoding): %d tokens…", n[0]));
                }, this::isCancelled, DjlEnvironment.configuredDevice().toString()).result();
            }
        };
    }
}
