package io.cascadelab.ui.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.cascadelab.decode.GenerationResult;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.trace.ModelCost;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.Trace;
import io.cascadelab.trace.TraceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A trace written by a live run and replayed from its file, with no tokenizer, yields the same token
 * view model (texts, provenance, ghosts, tooltips, legend) and the same statistics as the live run.
 */
class ReplayEquivalenceTest {

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    @TempDir
    Path dir;

    /** What the window shows of a run: prompt items, one view per step, the legend, the statistics. */
    private record Shown(List<TokenItem> prompt, List<StepView> steps, List<Provenance> legend, String statistics) {
    }

    private static Shown show(TokenDecoder decoder, Trace trace, Map<String, ModelCost> costs, GenerationResult result) {
        TokenViewModel vm = new TokenViewModel(decoder, trace.header().promptIds());
        RunStatistics stats = new RunStatistics(trace.header().target(), costs, trace.header().greedy(), null);
        List<StepView> views = new ArrayList<>();
        for (StepEvent e : trace.steps()) {
            views.add(vm.toView(e));
            stats.add(e);
        }
        stats.finish(result);
        return new Shown(vm.promptItems(), views, vm.legend(), GSON.toJson(stats.snapshot()));
    }

    @Test
    void aReplayedTraceShowsWhatTheLiveRunShowed() throws Exception {
        Path target = Path.of("src/test/resources/fixtures/llama-gqa-rope3");
        Path drafter = Path.of("src/test/resources/fixtures/llama-headdim");
        try (ModelFamily f = ModelFamily.load(target, List.of(drafter), ai.djl.Device.cpu())) {
            String text = "In the beginning God created the heaven and the earth.";
            int[] prompt = f.target().tokenizer().encode(text);
            MethodSpec spec = new MethodSpec(MethodSpec.Method.CSD, 6, 2.0, 2, null, null);
            List<ModelCost> costs = Runner.measureCosts(f, spec, prompt.length);
            Map<String, ModelCost> byName = new HashMap<>();
            costs.forEach(c -> byName.putIfAbsent(c.model(), c));
            // live: the views are built from the events as the decoding thread receives them
            TokenViewModel liveVm = new TokenViewModel(TokenDecoder.of(f.target().tokenizer()), prompt);
            List<StepView> liveViews = new ArrayList<>();
            Runner.Output live = Runner.run(f, new Runner.Request(spec, SamplingSettings.GREEDY, 40), prompt, text, costs,
                    null, e -> liveViews.add(liveVm.toView(e)), () -> false, "cpu()");
            Shown liveShown = show(TokenDecoder.of(f.target().tokenizer()), live.trace(), byName, live.result());
            assertEquals(liveViews, liveShown.steps(), "views built during the run and afterwards agree");

            Path file = dir.resolve("run.jsonl");
            TraceFile.write(file, live.trace());
            Trace back = TraceFile.read(file);
            assertFalse(back.tokens().isEmpty(), "the trace carries its token texts");
            Map<String, ModelCost> backCosts = new HashMap<>();
            back.header().costs().forEach(c -> backCosts.putIfAbsent(c.model(), c));
            GenerationResult replayed = new GenerationResult(back.header().promptIds(), back.summary().tokens(),
                    back.steps(), back.summary().prefillNanos(), back.summary().decodeNanos(),
                    GenerationResult.StopReason.valueOf(back.summary().stopReason()));
            Shown replay = show(TokenDecoder.forTrace(back, null), back, backCosts, replayed);

            assertEquals(liveShown.prompt(), replay.prompt());
            assertEquals(liveShown.steps(), replay.steps());
            assertEquals(liveShown.legend(), replay.legend());
            assertEquals(liveShown.statistics(), replay.statistics());
        }
    }
}
